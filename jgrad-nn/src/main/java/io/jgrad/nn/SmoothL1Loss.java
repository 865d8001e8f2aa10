package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * 0.5·d²/beta where |d| &lt; beta, |d| - 0.5·beta elsewhere, as PyTorch's {@code nn.SmoothL1Loss}.
 *
 * <p>{@code new SmoothL1Loss(Reduction.MEAN, 1.0).forward(pred, y)}
 */
public class SmoothL1Loss extends Loss {
  private final double beta;

  /**
   * Mean reduction, beta = 1.0.
   *
   * <p>{@code new SmoothL1Loss()}.
   */
  public SmoothL1Loss() {
    this(Reduction.MEAN, 1.0);
  }

  /**
   * The loss with {@code reduction} and {@code beta}.
   *
   * <p>{@code new SmoothL1Loss(Reduction.SUM, 0.5)}.
   *
   * @throws IllegalArgumentException for negative beta
   */
  public SmoothL1Loss(Reduction reduction, double beta) {
    super(reduction);
    if (beta < 0) {
      throw new IllegalArgumentException(
          "smooth_l1_loss does not support negative values for beta (got " + beta + ")");
    }
    this.beta = beta;
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return F.smoothL1Loss(input, target, reduction(), beta);
  }
}

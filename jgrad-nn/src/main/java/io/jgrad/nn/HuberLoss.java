package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * 0.5·d² where |d| &lt; delta, delta·(|d| - 0.5·delta) elsewhere, as PyTorch's {@code
 * nn.HuberLoss}.
 *
 * <p>{@code new HuberLoss(Reduction.MEAN, 1.0).forward(pred, y)}
 */
public class HuberLoss extends Loss {
  private final double delta;

  /**
   * Mean reduction, delta = 1.0.
   *
   * <p>{@code new HuberLoss()}.
   */
  public HuberLoss() {
    this(Reduction.MEAN, 1.0);
  }

  /**
   * The loss with {@code reduction} and {@code delta}.
   *
   * <p>{@code new HuberLoss(Reduction.SUM, 0.5)}.
   *
   * @throws IllegalArgumentException for delta ≤ 0
   */
  public HuberLoss(Reduction reduction, double delta) {
    super(reduction);
    if (!(delta > 0)) {
      throw new IllegalArgumentException(
          "huber_loss does not support non-positive values for delta (got " + delta + ")");
    }
    this.delta = delta;
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return F.huberLoss(input, target, reduction(), delta);
  }
}

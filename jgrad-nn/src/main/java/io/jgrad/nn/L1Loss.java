package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * Absolute error |x - y|, reduced, as PyTorch's {@code nn.L1Loss}.
 *
 * <p>{@code new L1Loss().forward(pred, y)}
 */
public class L1Loss extends Loss {
  /**
   * Mean reduction.
   *
   * <p>{@code new L1Loss()}.
   */
  public L1Loss() {
    this(Reduction.MEAN);
  }

  /**
   * The loss with {@code reduction}.
   *
   * <p>{@code new L1Loss(Reduction.SUM)}.
   */
  public L1Loss(Reduction reduction) {
    super(reduction);
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return F.l1Loss(input, target, reduction());
  }
}

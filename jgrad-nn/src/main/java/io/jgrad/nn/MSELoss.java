package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * Squared error (x - y)², reduced, as PyTorch's {@code nn.MSELoss}.
 *
 * <p>{@code new MSELoss(Reduction.SUM).forward(pred, y)}
 */
public class MSELoss extends Loss {
  /**
   * Mean reduction.
   *
   * <p>{@code new MSELoss()}.
   */
  public MSELoss() {
    this(Reduction.MEAN);
  }

  /**
   * The loss with {@code reduction}.
   *
   * <p>{@code new MSELoss(Reduction.SUM)}.
   */
  public MSELoss(Reduction reduction) {
    super(reduction);
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return F.mseLoss(input, target, reduction());
  }
}

package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Base of the loss modules, as PyTorch's {@code _Loss}: holds the {@link Reduction} and is called
 * with input and target.
 *
 * <p>{@code Tensor loss = new MSELoss().forward(pred, target);}
 */
public abstract class Loss extends Module {
  private final Reduction reduction;

  /** A loss with the given reduction. */
  protected Loss(Reduction reduction) {
    this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
  }

  /** How per-element losses are combined. */
  public Reduction reduction() {
    return reduction;
  }

  /**
   * The loss of {@code input} against {@code target}.
   *
   * <p>{@code lossFn.forward(pred, y)}.
   */
  @Override
  public abstract Tensor forward(Tensor input, Tensor target);

  /**
   * Losses need a target.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Tensor forward(Tensor input) {
    throw new UnsupportedOperationException(
        getName() + ".forward() missing 1 required argument: 'target'");
  }
}

package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * log(softmax(x)) along a dimension, computed stably, as PyTorch's {@code nn.LogSoftmax}.
 *
 * <p>{@code new LogSoftmax(1).forward(logits)}
 */
public class LogSoftmax extends Module {
  private final int dim;

  /**
   * Normalises along {@code dim}; PyTorch's implicit-dim legacy form is not offered.
   *
   * <p>{@code new LogSoftmax(-1)}.
   */
  public LogSoftmax(int dim) {
    this.dim = dim;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.logSoftmax(input, dim);
  }

  @Override
  public String extraRepr() {
    return "dim=" + dim;
  }
}

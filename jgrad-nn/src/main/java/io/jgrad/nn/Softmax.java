package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * exp(x)/sum(exp(x)) along a dimension, as PyTorch's {@code nn.Softmax}.
 *
 * <p>{@code new Softmax(1).forward(logits)}
 */
public class Softmax extends Module {
  private final int dim;

  /**
   * Normalises along {@code dim}; PyTorch's implicit-dim legacy form is not offered.
   *
   * <p>{@code new Softmax(-1)}.
   */
  public Softmax(int dim) {
    this.dim = dim;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.softmax(input, dim);
  }

  @Override
  public String extraRepr() {
    return "dim=" + dim;
  }
}

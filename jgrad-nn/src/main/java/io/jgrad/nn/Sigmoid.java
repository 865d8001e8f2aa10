package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * 1/(1+exp(-x)) elementwise, as PyTorch's {@code nn.Sigmoid}.
 *
 * <p>{@code new Sigmoid().forward(x)}
 */
public class Sigmoid extends Module {
  /**
   * Creates the layer.
   *
   * <p>{@code new Sigmoid()}.
   */
  public Sigmoid() {}

  @Override
  public Tensor forward(Tensor input) {
    return input.sigmoid();
  }
}

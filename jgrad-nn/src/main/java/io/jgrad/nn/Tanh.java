package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * tanh(x) elementwise, as PyTorch's {@code nn.Tanh}.
 *
 * <p>{@code new Tanh().forward(x)}
 */
public class Tanh extends Module {
  /**
   * Creates the layer.
   *
   * <p>{@code new Tanh()}.
   */
  public Tanh() {}

  @Override
  public Tensor forward(Tensor input) {
    return input.tanh();
  }
}

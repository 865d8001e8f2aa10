package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Returns its input unchanged, as PyTorch's {@code nn.Identity} (a placeholder layer).
 *
 * <p>{@code new Identity().forward(x) == x}
 */
public class Identity extends Module {
  /**
   * Creates the layer.
   *
   * <p>{@code new Identity()}.
   */
  public Identity() {}

  @Override
  public Tensor forward(Tensor input) {
    return input;
  }
}

package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * max(x, 0) elementwise, as PyTorch's {@code nn.ReLU}.
 *
 * <p>{@code new ReLU().forward(tensor(-1f, 2f))}
 */
public class ReLU extends Module {
  /**
   * Creates the layer.
   *
   * <p>{@code new ReLU()}.
   */
  public ReLU() {}

  @Override
  public Tensor forward(Tensor input) {
    return F.relu(input);
  }
}

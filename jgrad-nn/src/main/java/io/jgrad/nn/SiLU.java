package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * x·sigmoid(x) elementwise, as PyTorch's {@code nn.SiLU}.
 *
 * <p>{@code new SiLU().forward(x)}
 */
public class SiLU extends Module {
  /**
   * Creates the layer.
   *
   * <p>{@code new SiLU()}.
   */
  public SiLU() {}

  @Override
  public Tensor forward(Tensor input) {
    return F.silu(input);
  }
}

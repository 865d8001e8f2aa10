package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * Gaussian error linear unit x·Φ(x), as PyTorch's {@code nn.GELU}; exact (erf) by default, or the
 * tanh approximation.
 *
 * <p>{@code new GELU("tanh").forward(x)}
 */
public class GELU extends Module {
  private final String approximate;

  /**
   * Exact GELU ({@code approximate='none'}).
   *
   * <p>{@code new GELU()}.
   */
  public GELU() {
    this("none");
  }

  /**
   * GELU with {@code approximate} "none" or "tanh".
   *
   * <p>{@code new GELU("tanh")}.
   *
   * @throws IllegalArgumentException for another value
   */
  public GELU(String approximate) {
    if (!approximate.equals("none") && !approximate.equals("tanh")) {
      throw new IllegalArgumentException(
          "GELU: approximate argument must be either none or tanh, got " + approximate);
    }
    this.approximate = approximate;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.gelu(input, approximate);
  }

  @Override
  public String extraRepr() {
    return "approximate='" + approximate + "'";
  }
}

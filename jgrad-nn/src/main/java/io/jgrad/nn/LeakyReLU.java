package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * x for x &gt; 0, negativeSlope·x otherwise, as PyTorch's {@code nn.LeakyReLU}.
 *
 * <p>{@code new LeakyReLU(0.2).forward(x)}
 */
public class LeakyReLU extends Module {
  private final double negativeSlope;

  /**
   * Slope 0.01, PyTorch's default.
   *
   * <p>{@code new LeakyReLU()}.
   */
  public LeakyReLU() {
    this(0.01);
  }

  /**
   * A leaky ReLU with the given slope for negative inputs.
   *
   * <p>{@code new LeakyReLU(0.2)}.
   */
  public LeakyReLU(double negativeSlope) {
    this.negativeSlope = negativeSlope;
  }

  /** The slope for negative inputs. */
  public double negativeSlope() {
    return negativeSlope;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.leakyRelu(input, negativeSlope);
  }

  @Override
  public String extraRepr() {
    return "negative_slope=" + Repr.pythonFloat(negativeSlope);
  }
}

package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * In training, zeroes each element with probability p and scales the rest by 1/(1-p); in
 * evaluation, identity. As PyTorch's {@code nn.Dropout}.
 *
 * <p>{@code new Dropout(0.5).forward(x)}
 */
public class Dropout extends Module {
  private final double p;

  /**
   * p = 0.5.
   *
   * <p>{@code new Dropout()}.
   */
  public Dropout() {
    this(0.5);
  }

  /**
   * Drops with probability {@code p}.
   *
   * <p>{@code new Dropout(0.1)}.
   *
   * @throws IllegalArgumentException unless 0 ≤ p ≤ 1
   */
  public Dropout(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "dropout probability has to be between 0 and 1, but got " + p);
    }
    this.p = p;
  }

  /** The drop probability. */
  public double p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.dropout(input, p, isTraining());
  }

  @Override
  public String extraRepr() {
    return "p=" + Repr.pythonFloat(p) + ", inplace=False";
  }
}

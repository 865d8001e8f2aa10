package io.jgrad.nn;

import static io.jgrad.JGrad.zeros;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import io.jgrad.nn.init.Init;

/**
 * y = x·Wᵀ + b, as PyTorch's {@code nn.Linear}; weight [out, in], bias [out].
 *
 * <p>{@code new Linear(3, 1).forward(x)} maps [N, 3] to [N, 1].
 *
 * <p>Initialised exactly as PyTorch's {@code reset_parameters}: weight from {@code
 * kaiming_uniform_(a=sqrt(5))}, then bias from U(-1/sqrt(in), 1/sqrt(in)), both drawn from the
 * default generator, so {@code manualSeed(s)} gives PyTorch's numbers.
 */
public class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final boolean hasBias;

  /**
   * A layer with bias.
   *
   * <p>{@code new Linear(784, 10)}.
   */
  public Linear(int inFeatures, int outFeatures) {
    this(inFeatures, outFeatures, true);
  }

  /**
   * A layer with or without bias.
   *
   * <p>{@code new Linear(1, 1, false)}.
   *
   * @throws IllegalArgumentException for negative sizes
   */
  public Linear(int inFeatures, int outFeatures, boolean bias) {
    if (inFeatures < 0 || outFeatures < 0) {
      throw new IllegalArgumentException(
          "Linear: in_features and out_features must be "
              + "non-negative, got "
              + inFeatures
              + " and "
              + outFeatures);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.hasBias = bias;
    registerParameter("weight", new Parameter(zeros(outFeatures, inFeatures)));
    if (bias) {
      registerParameter("bias", new Parameter(zeros(outFeatures)));
    }
    resetParameters();
  }

  /** Re-draws weight and bias with PyTorch's default scheme. */
  public void resetParameters() {
    Init.kaimingUniform_(weight(), Math.sqrt(5));
    if (hasBias) {
      int fanIn = Init.calculateFanInAndFanOut(weight()).fanIn();
      double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      Init.uniform_(bias(), -bound, bound);
    }
  }

  /**
   * The weight [out, in].
   *
   * <p>{@code linear.weight().grad()}.
   */
  public Parameter weight() {
    return getParameter("weight");
  }

  /**
   * The bias [out].
   *
   * <p>{@code linear.bias().item()}.
   *
   * @throws IllegalStateException when built with {@code bias=false}
   */
  public Parameter bias() {
    if (!hasBias) {
      throw new IllegalStateException("Linear: this layer was built with bias=false");
    }
    return getParameter("bias");
  }

  /** Whether the layer adds a bias. */
  public boolean hasBias() {
    return hasBias;
  }

  /** Input size. */
  public int inFeatures() {
    return inFeatures;
  }

  /** Output size. */
  public int outFeatures() {
    return outFeatures;
  }

  @Override
  public Tensor forward(Tensor input) {
    return hasBias ? F.linear(input, weight(), bias()) : F.linear(input, weight());
  }

  @Override
  public String extraRepr() {
    return "in_features="
        + inFeatures
        + ", out_features="
        + outFeatures
        + ", bias="
        + Repr.pythonBool(hasBias);
  }
}

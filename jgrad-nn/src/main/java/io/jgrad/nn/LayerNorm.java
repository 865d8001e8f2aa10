package io.jgrad.nn;

import static io.jgrad.JGrad.ones;
import static io.jgrad.JGrad.zeros;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import java.util.Optional;

/**
 * Normalises over the trailing {@code normalizedShape} dims with biased variance, then applies a
 * learned elementwise scale and shift, as PyTorch's {@code nn.LayerNorm}.
 *
 * <p>{@code new LayerNorm(10).forward(zeros(4, 10))}
 */
public class LayerNorm extends Module {
  private final int[] normalizedShape;
  private final double eps;
  private final boolean elementwiseAffine;

  /**
   * eps 1e-5, with weight (ones) and bias (zeros).
   *
   * <p>{@code new LayerNorm(10)}.
   */
  public LayerNorm(int... normalizedShape) {
    this(normalizedShape, 1e-5, true);
  }

  /**
   * A layer norm with explicit eps and affine switch.
   *
   * <p>{@code new LayerNorm(new int[] {10}, 1e-6, false)}.
   */
  public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
    this.normalizedShape = normalizedShape.clone();
    this.eps = eps;
    this.elementwiseAffine = elementwiseAffine;
    if (elementwiseAffine) {
      registerParameter("weight", new Parameter(ones(normalizedShape)));
      registerParameter("bias", new Parameter(zeros(normalizedShape)));
    }
  }

  @Override
  public Tensor forward(Tensor input) {
    Optional<Tensor> weight =
        elementwiseAffine ? Optional.of(getParameter("weight")) : Optional.empty();
    Optional<Tensor> bias =
        elementwiseAffine ? Optional.of(getParameter("bias")) : Optional.empty();
    return F.layerNorm(input, normalizedShape, weight, bias, eps);
  }

  @Override
  public String extraRepr() {
    return Repr.pythonTuple(normalizedShape)
        + ", eps="
        + Repr.pythonFloat(eps)
        + ", elementwise_affine="
        + Repr.pythonBool(elementwiseAffine);
  }
}

package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import java.util.Optional;

/**
 * Cross entropy of logits, as PyTorch's {@code nn.CrossEntropyLoss}: targets are int64 class
 * indices ([N], or [N, d...] for input [N, C, d...]) or float class probabilities shaped like the
 * input. Optional class weights, ignored index (-100 by default) and label smoothing.
 *
 * <p>{@code new CrossEntropyLoss().forward(logits, tensor(1L, 0L))}
 */
public class CrossEntropyLoss extends Loss {
  private final int ignoreIndex;
  private final double labelSmoothing;

  /** Mean reduction, no weights, ignore index -100, no smoothing. */
  public CrossEntropyLoss() {
    this(Reduction.MEAN);
  }

  /**
   * The loss with {@code reduction}.
   *
   * <p>{@code new CrossEntropyLoss(Reduction.SUM)}.
   */
  public CrossEntropyLoss(Reduction reduction) {
    this(Optional.empty(), -100, reduction, 0);
  }

  /**
   * The loss with every option; {@code weight} [C] is kept as buffer "weight".
   *
   * <p>{@code new CrossEntropyLoss(Optional.empty(), -100, Reduction.MEAN, 0.1)}.
   *
   * @throws IllegalArgumentException unless 0 ≤ labelSmoothing ≤ 1
   */
  public CrossEntropyLoss(
      Optional<Tensor> weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
    super(reduction);
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(
          "label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
    }
    this.ignoreIndex = ignoreIndex;
    this.labelSmoothing = labelSmoothing;
    weight.ifPresent(w -> registerBuffer("weight", w));
  }

  /** Targets equal to this index add nothing. */
  public int ignoreIndex() {
    return ignoreIndex;
  }

  /** The label smoothing amount. */
  public double labelSmoothing() {
    return labelSmoothing;
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    Optional<Tensor> weight =
        namedBuffers().containsKey("weight") ? Optional.of(getBuffer("weight")) : Optional.empty();
    return F.crossEntropy(input, target, weight, ignoreIndex, reduction(), labelSmoothing);
  }
}

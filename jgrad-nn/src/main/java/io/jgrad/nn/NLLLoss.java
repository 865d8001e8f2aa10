package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import java.util.Optional;

/**
 * Negative log likelihood of log-probabilities [N, C] (or [C], [N, C, d...]) at int64 class
 * indices, as PyTorch's {@code nn.NLLLoss}; optional class weights and an ignored index (-100 by
 * default), the mean dividing by the total weight of the non-ignored targets.
 *
 * <p>{@code new NLLLoss().forward(logits.logSoftmax(1), tensor(0L, 2L))}
 */
public class NLLLoss extends Loss {
  private final int ignoreIndex;

  /**
   * Mean reduction, no weights, ignore index -100.
   *
   * <p>{@code new NLLLoss()}.
   */
  public NLLLoss() {
    this(Reduction.MEAN);
  }

  /**
   * The loss with {@code reduction}.
   *
   * <p>{@code new NLLLoss(Reduction.SUM)}.
   */
  public NLLLoss(Reduction reduction) {
    this(Optional.empty(), -100, reduction);
  }

  /**
   * The loss with class {@code weight} [C] (kept as buffer "weight"), {@code ignoreIndex} and
   * {@code reduction}.
   *
   * <p>{@code new NLLLoss(Optional.of(w), 0, Reduction.MEAN)}.
   */
  public NLLLoss(Optional<Tensor> weight, int ignoreIndex, Reduction reduction) {
    super(reduction);
    this.ignoreIndex = ignoreIndex;
    weight.ifPresent(w -> registerBuffer("weight", w));
  }

  /** Targets equal to this index add nothing. */
  public int ignoreIndex() {
    return ignoreIndex;
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return F.nllLoss(input, target, weight(), ignoreIndex, reduction());
  }

  private Optional<Tensor> weight() {
    return namedBuffers().containsKey("weight")
        ? Optional.of(getBuffer("weight"))
        : Optional.empty();
  }
}

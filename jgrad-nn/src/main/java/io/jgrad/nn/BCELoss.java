package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import java.util.Optional;

/**
 * Binary cross entropy of probabilities, -(y·log p + (1-y)·log(1-p)) with each log clamped at -100,
 * as PyTorch's {@code nn.BCELoss}.
 *
 * <p>{@code new BCELoss().forward(logits.sigmoid(), y)}
 */
public class BCELoss extends Loss {

  /** Mean reduction, no weight. */
  public BCELoss() {
    this(Reduction.MEAN);
  }

  /**
   * The loss with {@code reduction}.
   *
   * <p>{@code new BCELoss(Reduction.SUM)}.
   */
  public BCELoss(Reduction reduction) {
    this(Optional.empty(), reduction);
  }

  /**
   * The loss with an element {@code weight} (kept as buffer "weight").
   *
   * <p>{@code new BCELoss(Optional.of(w), Reduction.MEAN)}.
   */
  public BCELoss(Optional<Tensor> weight, Reduction reduction) {
    super(reduction);
    weight.ifPresent(w -> registerBuffer("weight", w));
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    Optional<Tensor> weight =
        namedBuffers().containsKey("weight") ? Optional.of(getBuffer("weight")) : Optional.empty();
    return F.binaryCrossEntropy(input, target, weight, reduction());
  }
}

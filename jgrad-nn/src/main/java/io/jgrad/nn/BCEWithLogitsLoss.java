package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import java.util.Optional;

/**
 * Sigmoid plus binary cross entropy in one numerically stable step, as PyTorch's {@code
 * nn.BCEWithLogitsLoss}; {@code posWeight} scales the positive term.
 *
 * <p>{@code new BCEWithLogitsLoss().forward(logits, y)}
 */
public class BCEWithLogitsLoss extends Loss {

  /** Mean reduction, no weights. */
  public BCEWithLogitsLoss() {
    this(Reduction.MEAN);
  }

  /**
   * The loss with {@code reduction}.
   *
   * <p>{@code new BCEWithLogitsLoss(Reduction.SUM)}.
   */
  public BCEWithLogitsLoss(Reduction reduction) {
    this(Optional.empty(), Optional.empty(), reduction);
  }

  /**
   * The loss with element {@code weight} and {@code posWeight} (buffers "weight" and "pos_weight").
   *
   * <p>{@code new BCEWithLogitsLoss(Optional.empty(), Optional.of(pw), Reduction.MEAN)}.
   */
  public BCEWithLogitsLoss(
      Optional<Tensor> weight, Optional<Tensor> posWeight, Reduction reduction) {
    super(reduction);
    weight.ifPresent(w -> registerBuffer("weight", w));
    posWeight.ifPresent(w -> registerBuffer("pos_weight", w));
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    var buffers = namedBuffers();
    return F.binaryCrossEntropyWithLogits(
        input,
        target,
        Optional.ofNullable(buffers.get("weight")),
        Optional.ofNullable(buffers.get("pos_weight")),
        reduction());
  }
}

package io.jgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scales each group's learning rate linearly from {@code startFactor} to {@code endFactor} of its
 * initial value over {@code totalIters} epochs, PyTorch's {@code LinearLR} (a warm-up when {@code
 * startFactor < endFactor}).
 *
 * <p>{@code new LinearLR(opt, 0.25, 1.0, 4)}: lr 0.025, 0.04375, 0.0625, 0.08125, 0.1, 0.1, ... for
 * a base lr of 0.1.
 */
public final class LinearLR extends LRScheduler {
  private final double startFactor;
  private final double endFactor;
  private final int totalIters;

  /**
   * Interpolates the factor from {@code startFactor} to {@code endFactor} over {@code totalIters}
   * epochs.
   *
   * <p>{@code new LinearLR(opt, 0.1, 1.0, 10)}.
   *
   * @throws IllegalArgumentException with PyTorch's messages if {@code startFactor} is not in (0,
   *     1] or {@code endFactor} not in [0, 1]
   */
  public LinearLR(Optimizer optimizer, double startFactor, double endFactor, int totalIters) {
    if (startFactor > 1.0 || startFactor <= 0) {
      throw new IllegalArgumentException(
          "Starting multiplicative factor expected to be greater than 0 and less or equal to 1."
              + " (got "
              + startFactor
              + ")");
    }
    if (endFactor > 1.0 || endFactor < 0) {
      throw new IllegalArgumentException(
          "Ending multiplicative factor expected to be between 0 and 1. (got " + endFactor + ")");
    }
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    super(optimizer);
  }

  /**
   * PyTorch's defaults: from 1/3 to 1 over 5 epochs.
   *
   * <p>{@code new LinearLR(opt)}.
   */
  public LinearLR(Optimizer optimizer) {
    this(optimizer, 1.0 / 3, 1.0, 5);
  }

  @Override
  protected List<Double> getLr() {
    List<Double> current = currentLrs();
    if (lastEpoch() == 0) {
      List<Double> lrs = new ArrayList<>();
      for (double lr : current) {
        lrs.add(lr * startFactor);
      }
      return lrs;
    }
    if (isInitial() || lastEpoch() > totalIters) {
      return current;
    }
    double factor =
        1.0
            + (endFactor - startFactor)
                / (totalIters * startFactor + (lastEpoch() - 1) * (endFactor - startFactor));
    List<Double> lrs = new ArrayList<>();
    for (double lr : current) {
      lrs.add(lr * factor);
    }
    return lrs;
  }

  @Override
  protected Map<String, Object> hyperparameters() {
    return Map.of("start_factor", startFactor, "end_factor", endFactor, "total_iters", totalIters);
  }
}

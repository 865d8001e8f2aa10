package io.jgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multiplies each group's learning rate by {@code gamma} every {@code stepSize} epochs, PyTorch's
 * {@code StepLR}.
 *
 * <p>{@code new StepLR(opt, 30, 0.1)}: lr 0.1 for epochs 0-29, 0.01 for 30-59, ...
 */
public final class StepLR extends LRScheduler {
  private final int stepSize;
  private final double gamma;

  /**
   * Decays by {@code gamma} every {@code stepSize} epochs.
   *
   * <p>{@code new StepLR(opt, 3, 0.5)}.
   *
   * @throws IllegalArgumentException if {@code stepSize < 1}
   */
  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    if (stepSize < 1) {
      throw new IllegalArgumentException("StepLR: step_size must be positive, got " + stepSize);
    }
    this.stepSize = stepSize;
    this.gamma = gamma;
    super(optimizer);
  }

  /**
   * Decays by PyTorch's default gamma 0.1 every {@code stepSize} epochs.
   *
   * <p>{@code new StepLR(opt, 30)}.
   */
  public StepLR(Optimizer optimizer, int stepSize) {
    this(optimizer, stepSize, 0.1);
  }

  @Override
  protected List<Double> getLr() {
    if (lastEpoch() == 0 || lastEpoch() % stepSize != 0) {
      return currentLrs();
    }
    List<Double> lrs = new ArrayList<>();
    for (double lr : currentLrs()) {
      lrs.add(lr * gamma);
    }
    return lrs;
  }

  @Override
  protected Map<String, Object> hyperparameters() {
    return Map.of("step_size", stepSize, "gamma", gamma);
  }
}

package io.jgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Multiplies each group's learning rate by {@code gamma} every epoch, PyTorch's {@code
 * ExponentialLR}.
 *
 * <p>{@code new ExponentialLR(opt, 0.9)}: lr 0.1, 0.09, 0.081, ...
 */
public final class ExponentialLR extends LRScheduler {
  private final double gamma;

  /**
   * Decays by {@code gamma} each epoch.
   *
   * <p>{@code new ExponentialLR(opt, 0.95)}.
   */
  public ExponentialLR(Optimizer optimizer, double gamma) {
    this.gamma = gamma;
    super(optimizer);
  }

  @Override
  protected List<Double> getLr() {
    if (isInitial()) {
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
    return Map.of("gamma", gamma);
  }
}

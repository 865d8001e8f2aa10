package io.jgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Multiplies each group's learning rate by {@code gamma} at every milestone epoch (by {@code
 * gamma^k} at a milestone listed k times), PyTorch's {@code MultiStepLR}.
 *
 * <p>{@code new MultiStepLR(opt, List.of(30, 80), 0.1)}: lr 0.1, then 0.01 from epoch 30, 0.001
 * from epoch 80.
 */
public final class MultiStepLR extends LRScheduler {
  // PyTorch keeps a Counter: a milestone listed twice decays by gamma^2.
  private final TreeMap<Integer, Integer> milestones;
  private final double gamma;

  /**
   * Decays by {@code gamma} at each milestone.
   *
   * <p>{@code new MultiStepLR(opt, List.of(2, 5), 0.5)}.
   */
  public MultiStepLR(Optimizer optimizer, List<Integer> milestones, double gamma) {
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    for (int milestone : milestones) {
      counts.merge(milestone, 1, Integer::sum);
    }
    this.milestones = counts;
    this.gamma = gamma;
    super(optimizer);
  }

  /**
   * Decays by PyTorch's default gamma 0.1 at each milestone.
   *
   * <p>{@code new MultiStepLR(opt, List.of(30, 80))}.
   */
  public MultiStepLR(Optimizer optimizer, List<Integer> milestones) {
    this(optimizer, milestones, 0.1);
  }

  @Override
  protected List<Double> getLr() {
    Integer count = milestones.get(lastEpoch());
    if (count == null) {
      return currentLrs();
    }
    double factor = Math.pow(gamma, count);
    List<Double> lrs = new ArrayList<>();
    for (double lr : currentLrs()) {
      lrs.add(lr * factor);
    }
    return lrs;
  }

  @Override
  protected Map<String, Object> hyperparameters() {
    Map<String, Object> counts = new java.util.LinkedHashMap<>();
    milestones.forEach((epoch, count) -> counts.put(String.valueOf(epoch), count));
    return Map.of("milestones", counts, "gamma", gamma);
  }
}

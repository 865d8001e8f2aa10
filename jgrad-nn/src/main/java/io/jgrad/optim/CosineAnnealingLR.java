package io.jgrad.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Anneals each group's learning rate from its initial value to {@code etaMin} along a cosine over
 * {@code tMax} epochs, then back up (SGDR without restarts), PyTorch's {@code CosineAnnealingLR}.
 *
 * <p>{@code new CosineAnnealingLR(opt, 100, 1e-5)}.
 *
 * <p>Uses PyTorch's recursive form: {@code lr_t = (1 + cos(pi t / T)) / (1 + cos(pi (t - 1) / T)) *
 * (lr_{t-1} - eta_min) + eta_min}, and {@code lr_{t-1} + (base - eta_min) (1 - cos(pi / T)) / 2}
 * when {@code (t - 1 - T) % 2T == 0}, so it composes with other changes to the lr exactly as
 * PyTorch's does.
 */
public final class CosineAnnealingLR extends LRScheduler {
  private final int tMax;
  private final double etaMin;

  /**
   * Anneals over {@code tMax} epochs down to {@code etaMin}.
   *
   * <p>{@code new CosineAnnealingLR(opt, 50, 0.0)}.
   *
   * @throws IllegalArgumentException if {@code tMax < 1}
   */
  public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
    if (tMax < 1) {
      throw new IllegalArgumentException("CosineAnnealingLR: T_max must be positive, got " + tMax);
    }
    this.tMax = tMax;
    this.etaMin = etaMin;
    super(optimizer);
  }

  /**
   * Anneals over {@code tMax} epochs down to 0.
   *
   * <p>{@code new CosineAnnealingLR(opt, 50)}.
   */
  public CosineAnnealingLR(Optimizer optimizer, int tMax) {
    this(optimizer, tMax, 0.0);
  }

  @Override
  protected List<Double> getLr() {
    if (isInitial()) {
      return currentLrs();
    }
    int epoch = lastEpoch();
    List<Double> current = currentLrs();
    List<Double> lrs = new ArrayList<>();
    for (int i = 0; i < current.size(); i++) {
      double lr = current.get(i);
      // Python's % is a floor modulo; floorMod keeps the same answer for any epoch.
      if (Math.floorMod(epoch - 1 - tMax, 2 * tMax) == 0) {
        lrs.add(lr + (baseLrs().get(i) - etaMin) * (1 - Math.cos(Math.PI / tMax)) / 2);
      } else {
        lrs.add(
            (1 + Math.cos(Math.PI * epoch / tMax))
                    / (1 + Math.cos(Math.PI * (epoch - 1) / tMax))
                    * (lr - etaMin)
                + etaMin);
      }
    }
    return lrs;
  }

  @Override
  protected Map<String, Object> hyperparameters() {
    return Map.of("T_max", tMax, "eta_min", etaMin);
  }
}

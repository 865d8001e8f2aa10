package io.jgrad.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts each group's learning rate by {@code factor} when a metric has stopped improving for more
 * than {@code patience} epochs, PyTorch's {@code ReduceLROnPlateau}.
 *
 * <p>{@code var plateau = new ReduceLROnPlateau(opt); ... plateau.step(validationLoss);}
 *
 * <p>Unlike the other schedulers its {@code step} takes the metric, so it is not an {@link
 * LRScheduler}. An epoch improves on the best value when {@code a < best * (1 - threshold)} (min,
 * rel), {@code a < best - threshold} (min, abs), {@code a > best * (1 + threshold)} (max, rel) or
 * {@code a > best + threshold} (max, abs). After a cut the scheduler waits {@code cooldown} epochs,
 * ignoring bad ones; a cut smaller than {@code eps} is skipped.
 */
public final class ReduceLROnPlateau {

  /** Whether smaller ({@code MIN}, a loss) or larger ({@code MAX}, an accuracy) is better. */
  public enum Mode {
    /** Lower metric values are better. */
    MIN,
    /** Higher metric values are better. */
    MAX
  }

  /** Whether {@code threshold} is relative to the best value or an absolute margin. */
  public enum ThresholdMode {
    /** Improvement must exceed {@code best * threshold}. */
    REL,
    /** Improvement must exceed {@code threshold}. */
    ABS
  }

  /**
   * The scheduler's options; {@link #defaults()} are PyTorch's.
   *
   * <p>{@code Options.defaults().mode(Mode.MAX).factor(0.5).patience(3)}.
   *
   * @param mode whether the metric is minimised or maximised
   * @param factor multiplier of the lr at each cut, below 1
   * @param patience bad epochs tolerated before a cut
   * @param threshold smallest improvement that counts
   * @param thresholdMode whether {@code threshold} is relative or absolute
   * @param cooldown epochs to wait after a cut
   * @param minLrs lower bound of each group's lr; one value applies to every group
   * @param eps smallest lr change that is applied
   */
  public record Options(
      Mode mode,
      double factor,
      int patience,
      double threshold,
      ThresholdMode thresholdMode,
      int cooldown,
      List<Double> minLrs,
      double eps) {

    /** Copies {@code minLrs}. */
    public Options {
      minLrs = List.copyOf(minLrs);
    }

    /** PyTorch's defaults: min, factor 0.1, patience 10, rel threshold 1e-4, no floor. */
    public static Options defaults() {
      return new Options(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, List.of(0.0), 1e-8);
    }

    /**
     * A copy with this mode.
     *
     * <p>{@code options.mode(Mode.MAX)}.
     */
    public Options mode(Mode value) {
      return new Options(value, factor, patience, threshold, thresholdMode, cooldown, minLrs, eps);
    }

    /**
     * A copy with this factor.
     *
     * <p>{@code options.factor(0.5)}.
     */
    public Options factor(double value) {
      return new Options(mode, value, patience, threshold, thresholdMode, cooldown, minLrs, eps);
    }

    /**
     * A copy with this patience.
     *
     * <p>{@code options.patience(3)}.
     */
    public Options patience(int value) {
      return new Options(mode, factor, value, threshold, thresholdMode, cooldown, minLrs, eps);
    }

    /**
     * A copy with this threshold.
     *
     * <p>{@code options.threshold(0.01)}.
     */
    public Options threshold(double value) {
      return new Options(mode, factor, patience, value, thresholdMode, cooldown, minLrs, eps);
    }

    /**
     * A copy with this threshold mode.
     *
     * <p>{@code options.thresholdMode(ThresholdMode.ABS)}.
     */
    public Options thresholdMode(ThresholdMode value) {
      return new Options(mode, factor, patience, threshold, value, cooldown, minLrs, eps);
    }

    /**
     * A copy with this cooldown.
     *
     * <p>{@code options.cooldown(2)}.
     */
    public Options cooldown(int value) {
      return new Options(mode, factor, patience, threshold, thresholdMode, value, minLrs, eps);
    }

    /**
     * A copy with one lr floor for every group.
     *
     * <p>{@code options.minLr(1e-5)}.
     */
    public Options minLr(double value) {
      return minLrs(List.of(value));
    }

    /**
     * A copy with one lr floor per group.
     *
     * <p>{@code options.minLrs(List.of(1e-5, 1e-6))}.
     */
    public Options minLrs(List<Double> values) {
      return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, values, eps);
    }

    /**
     * A copy with this eps.
     *
     * <p>{@code options.eps(1e-12)}.
     */
    public Options eps(double value) {
      return new Options(mode, factor, patience, threshold, thresholdMode, cooldown, minLrs, value);
    }
  }

  private final Optimizer optimizer;
  private final Options options;
  private final List<Double> minLrs;
  private double best;
  private int numBadEpochs;
  private int cooldownCounter;
  private int lastEpoch;
  private List<Double> lastLr;

  /**
   * A plateau scheduler with PyTorch's defaults.
   *
   * <p>{@code new ReduceLROnPlateau(opt)}.
   */
  public ReduceLROnPlateau(Optimizer optimizer) {
    this(optimizer, Options.defaults());
  }

  /**
   * A plateau scheduler with the given options.
   *
   * <p>{@code new ReduceLROnPlateau(opt, Options.defaults().patience(2).cooldown(1))}.
   *
   * @throws IllegalArgumentException with PyTorch's messages if {@code factor >= 1} or the number
   *     of per-group floors differs from the number of groups
   */
  public ReduceLROnPlateau(Optimizer optimizer, Options options) {
    if (options.factor() >= 1.0) {
      throw new IllegalArgumentException("Factor should be < 1.0. (got " + options.factor() + ")");
    }
    int groups = optimizer.paramGroups().size();
    if (options.minLrs().size() == 1) {
      minLrs = Collections.nCopies(groups, options.minLrs().get(0));
    } else if (options.minLrs().size() == groups) {
      minLrs = options.minLrs();
    } else {
      throw new IllegalArgumentException(
          "expected " + groups + " min_lrs, got " + options.minLrs().size());
    }
    this.optimizer = optimizer;
    this.options = options;
    this.lastLr = currentLrs();
    this.best = worst();
  }

  private double worst() {
    return options.mode() == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
  }

  /**
   * Records one epoch's metric and cuts the learning rates if it has plateaued.
   *
   * <p>{@code plateau.step(validationLoss)} once per epoch.
   */
  public void step(double metric) {
    lastEpoch++;
    if (isBetter(metric, best)) {
      best = metric;
      numBadEpochs = 0;
    } else {
      numBadEpochs++;
    }
    if (cooldownCounter > 0) {
      cooldownCounter--;
      numBadEpochs = 0;
    }
    if (numBadEpochs > options.patience()) {
      reduceLr();
      cooldownCounter = options.cooldown();
      numBadEpochs = 0;
    }
    lastLr = currentLrs();
  }

  private void reduceLr() {
    List<ParamGroup> groups = optimizer.paramGroups();
    if (groups.size() != minLrs.size()) {
      throw new IllegalStateException(
          "The number of param groups in the `optimizer` ("
              + groups.size()
              + ") differs from "
              + "when `ReduceLROnPlateau` was initialized ("
              + minLrs.size()
              + ")");
    }
    for (int i = 0; i < groups.size(); i++) {
      double oldLr = groups.get(i).lr();
      double newLr = Math.max(oldLr * options.factor(), minLrs.get(i));
      if (oldLr - newLr > options.eps()) {
        groups.get(i).setLr(newLr);
      }
    }
  }

  private boolean isBetter(double a, double best) {
    double threshold = options.threshold();
    boolean relative = options.thresholdMode() == ThresholdMode.REL;
    if (options.mode() == Mode.MIN) {
      return relative ? a < best * (1.0 - threshold) : a < best - threshold;
    }
    return relative ? a > best * (threshold + 1.0) : a > best + threshold;
  }

  private List<Double> currentLrs() {
    List<Double> lrs = new ArrayList<>();
    for (ParamGroup group : optimizer.paramGroups()) {
      lrs.add(group.lr());
    }
    return List.copyOf(lrs);
  }

  /**
   * The groups' learning rates after the last step, PyTorch's {@code get_last_lr()}.
   *
   * <p>{@code plateau.getLastLr().get(0)}.
   */
  public List<Double> getLastLr() {
    return lastLr;
  }

  /**
   * Epochs since the best value, PyTorch's {@code num_bad_epochs}.
   *
   * <p>{@code plateau.numBadEpochs()} is 0 right after an improvement.
   */
  public int numBadEpochs() {
    return numBadEpochs;
  }

  /**
   * The best metric value so far (infinity of the wrong sign before the first step).
   *
   * <p>{@code plateau.best()}.
   */
  public double best() {
    return best;
  }

  /**
   * Returns the state with PyTorch's attribute names ({@code "best"}, {@code "num_bad_epochs"},
   * {@code "cooldown_counter"}, {@code "last_epoch"}, {@code "_last_lr"}, and the options).
   *
   * <p>{@code plateau.stateDict().get("best")}.
   */
  public Map<String, Object> stateDict() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("factor", options.factor());
    state.put("min_lrs", minLrs);
    state.put("patience", options.patience());
    state.put("cooldown", options.cooldown());
    state.put("cooldown_counter", cooldownCounter);
    state.put("mode", options.mode().name().toLowerCase(java.util.Locale.ROOT));
    state.put("threshold", options.threshold());
    state.put("threshold_mode", options.thresholdMode().name().toLowerCase(java.util.Locale.ROOT));
    state.put("best", best);
    state.put("num_bad_epochs", numBadEpochs);
    state.put("mode_worse", worst());
    state.put("eps", options.eps());
    state.put("last_epoch", lastEpoch);
    state.put("_last_lr", lastLr);
    return state;
  }

  /**
   * Restores the progress saved by {@link #stateDict()} ({@code best}, counters, epoch, last lrs);
   * the options come from the constructor.
   *
   * <p>{@code plateau.loadStateDict(saved)}.
   *
   * @throws IllegalArgumentException if a key is missing or has the wrong type
   */
  public void loadStateDict(Map<String, ?> state) {
    if (!(state.get("best") instanceof Number savedBest)) {
      throw new IllegalArgumentException(
          "loadStateDict: 'best' must be a number, got " + state.get("best"));
    }
    best = savedBest.doubleValue();
    numBadEpochs = LRScheduler.integer(state, "num_bad_epochs");
    cooldownCounter = LRScheduler.integer(state, "cooldown_counter");
    lastEpoch = LRScheduler.integer(state, "last_epoch");
    lastLr = LRScheduler.doubles(state, "_last_lr");
  }
}

package io.jgrad.optim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base class of epoch-based learning-rate schedulers, after {@code
 * torch.optim.lr_scheduler.LRScheduler}.
 *
 * <p>{@code for (...) { train(); opt.step(); scheduler.step(); }} moves to the next epoch's lr.
 *
 * <p>As in PyTorch, construction records each group's {@code "initial_lr"}, sets {@code lastEpoch}
 * to 0 and applies the epoch-0 learning rate; every {@link #step()} advances one epoch and writes
 * {@link #getLr()}'s values into the groups. A subclass assigns its fields before calling {@code
 * super(optimizer)} (Java 25 allows statements before {@code super}), because the constructor
 * already calls {@link #getLr()}.
 */
public abstract class LRScheduler {
  private final Optimizer optimizer;
  private List<Double> baseLrs;
  private int lastEpoch = -1;
  private int stepCount;
  private boolean initial;
  private List<Double> lastLr;

  /**
   * Attaches to {@code optimizer} and applies the epoch-0 learning rate.
   *
   * <p>{@code super(optimizer)} from a subclass constructor, after assigning its fields.
   */
  @SuppressWarnings("this-escape")
  protected LRScheduler(Optimizer optimizer) {
    this.optimizer = optimizer;
    List<Double> initialLrs = new ArrayList<>();
    for (ParamGroup group : optimizer.paramGroups()) {
      if (!group.has("initial_lr")) {
        group.set("initial_lr", group.lr());
      }
      initialLrs.add(group.getDouble("initial_lr"));
    }
    this.baseLrs = List.copyOf(initialLrs);
    initial = true;
    try {
      step();
    } finally {
      initial = false;
    }
  }

  /**
   * Advances one epoch and sets every group's learning rate, PyTorch's {@code scheduler.step()}.
   *
   * <p>{@code opt.step(); scheduler.step();} at the end of each epoch.
   */
  public void step() {
    stepCount++;
    lastEpoch++;
    List<Double> values = getLr();
    List<ParamGroup> groups = optimizer.paramGroups();
    if (values.size() != groups.size()) {
      throw new IllegalStateException(
          getClass().getSimpleName()
              + ": getLr() returned "
              + values.size()
              + " learning rates for "
              + groups.size()
              + " param groups");
    }
    for (int i = 0; i < groups.size(); i++) {
      groups.get(i).setLr(values.get(i));
    }
    lastLr = currentLrs();
  }

  /**
   * The learning rates this scheduler last set, one per group, PyTorch's {@code get_last_lr()}.
   *
   * <p>{@code scheduler.getLastLr().get(0)} is the first group's lr.
   */
  public final List<Double> getLastLr() {
    return lastLr;
  }

  /**
   * The current epoch index, 0 right after construction.
   *
   * <p>{@code scheduler.lastEpoch()} is 3 after three {@code step()} calls.
   */
  public final int lastEpoch() {
    return lastEpoch;
  }

  /**
   * Each group's learning rate for epoch {@link #lastEpoch()}, computed from the current ones
   * (PyTorch's recursive {@code get_lr}).
   *
   * <p>StepLR returns {@code lr * gamma} at multiples of {@code stepSize}.
   */
  protected abstract List<Double> getLr();

  /**
   * The optimizer this scheduler drives.
   *
   * <p>{@code optimizer().paramGroups()} in a subclass's {@link #getLr()}.
   */
  protected final Optimizer optimizer() {
    return optimizer;
  }

  /**
   * Each group's {@code "initial_lr"}, PyTorch's {@code base_lrs}.
   *
   * <p>{@code baseLrs().get(0)} is 0.1 for {@code new SGD(ps, 0.1)}.
   */
  protected final List<Double> baseLrs() {
    return baseLrs;
  }

  /**
   * Whether the constructor's initial step is running, PyTorch's {@code _is_initial}.
   *
   * <p>ExponentialLR keeps the lr unchanged when {@code isInitial()}.
   */
  protected final boolean isInitial() {
    return initial;
  }

  /**
   * The groups' current learning rates, PyTorch's {@code _param_groups_val_list(opt, "lr")}.
   *
   * <p>{@code currentLrs().get(1)} is the second group's lr.
   */
  protected final List<Double> currentLrs() {
    List<Double> lrs = new ArrayList<>();
    for (ParamGroup group : optimizer.paramGroups()) {
      lrs.add(group.lr());
    }
    return List.copyOf(lrs);
  }

  /**
   * The subclass's hyperparameters under PyTorch's attribute names, for {@link #stateDict()}.
   *
   * <p>StepLR gives {@code {"step_size": 30, "gamma": 0.1}}.
   */
  protected Map<String, Object> hyperparameters() {
    return Map.of();
  }

  /**
   * Returns the scheduler's state with PyTorch's keys ({@code "base_lrs"}, {@code "last_epoch"},
   * {@code "_step_count"}, {@code "_last_lr"}, {@code "_is_initial"}, {@code
   * "_get_lr_called_within_step"}, plus the hyperparameters such as {@code "gamma"}).
   *
   * <p>{@code scheduler.stateDict().get("last_epoch")} is the epoch index.
   */
  public Map<String, Object> stateDict() {
    Map<String, Object> state = new LinkedHashMap<>(hyperparameters());
    state.put("base_lrs", baseLrs);
    state.put("last_epoch", lastEpoch);
    state.put("_step_count", stepCount);
    state.put("_is_initial", false);
    state.put("_get_lr_called_within_step", false);
    state.put("_last_lr", lastLr);
    return state;
  }

  /**
   * Restores the progress saved by {@link #stateDict()}: base lrs, epoch, step count and last lrs.
   * Hyperparameters come from the constructor; saved ones are ignored.
   *
   * <p>{@code scheduler.loadStateDict(saved)} after {@code opt.loadStateDict(savedOpt)}.
   *
   * @throws IllegalArgumentException if a key is missing or has the wrong type
   */
  public void loadStateDict(Map<String, ?> state) {
    baseLrs = doubles(state, "base_lrs");
    lastEpoch = integer(state, "last_epoch");
    stepCount = integer(state, "_step_count");
    lastLr = doubles(state, "_last_lr");
  }

  static int integer(Map<String, ?> state, String key) {
    if (state.get(key) instanceof Number number) {
      return number.intValue();
    }
    throw new IllegalArgumentException(
        "loadStateDict: '" + key + "' must be a number, got " + state.get(key));
  }

  static List<Double> doubles(Map<String, ?> state, String key) {
    if (state.get(key) instanceof List<?> list) {
      List<Double> values = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof Number number)) {
          throw new IllegalArgumentException(
              "loadStateDict: '" + key + "' must hold numbers, got " + item);
        }
        values.add(number.doubleValue());
      }
      return List.copyOf(values);
    }
    throw new IllegalArgumentException(
        "loadStateDict: '" + key + "' must be a List, got " + state.get(key));
  }
}

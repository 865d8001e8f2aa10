package io.jgrad.optim;

import io.jgrad.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One of an optimizer's parameter groups: its parameters and its own options ({@code "lr"}, {@code
 * "momentum"}, ...), PyTorch's {@code optimizer.param_groups[i]}.
 *
 * <p>{@code opt.paramGroups().get(0).setLr(0.01)} changes the learning rate of the first group.
 *
 * <p>Option keys are PyTorch's snake_case names; values are {@link Double}, {@link Boolean}, or a
 * {@code List<Double>} for Adam's {@code "betas"} (a tuple in PyTorch). Schedulers add {@code
 * "initial_lr"} as PyTorch's do.
 */
public final class ParamGroup {
  private final List<Tensor> params;
  private final Map<String, Object> options;

  ParamGroup(List<Tensor> params, Map<String, ?> options) {
    this.params = List.copyOf(params);
    this.options = new LinkedHashMap<>(options);
  }

  /**
   * The parameters of this group, in the order they were given.
   *
   * <p>{@code group.params().size()} counts them.
   */
  public List<Tensor> params() {
    return params;
  }

  /**
   * The group's learning rate, {@code group["lr"]}.
   *
   * <p>{@code opt.paramGroups().get(0).lr()} is 0.1 after {@code new SGD(params, 0.1)}.
   */
  public double lr() {
    return getDouble("lr");
  }

  /**
   * Sets the group's learning rate, as schedulers do.
   *
   * <p>{@code group.setLr(group.lr() * 0.5)} halves it.
   */
  public void setLr(double lr) {
    options.put("lr", lr);
  }

  /**
   * Whether the group has an option named {@code key}.
   *
   * <p>{@code group.has("initial_lr")} is true once a scheduler is attached.
   */
  public boolean has(String key) {
    return options.containsKey(key);
  }

  /**
   * Returns the option {@code key}.
   *
   * <p>{@code group.get("betas")} is {@code [0.9, 0.999]} for a default Adam.
   *
   * @throws IllegalArgumentException if the group has no such option
   */
  public Object get(String key) {
    Object value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "param group has no option '" + key + "' (options: " + options.keySet() + ")");
    }
    return value;
  }

  /**
   * Returns a numeric option as a double.
   *
   * <p>{@code group.getDouble("momentum")} is 0.9 for {@code SGD.Options.of(0.1).momentum(0.9)}.
   *
   * @throws IllegalArgumentException if absent or not a number
   */
  public double getDouble(String key) {
    if (get(key) instanceof Number number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException(
        "param group option '" + key + "' is not a number: " + options.get(key));
  }

  /**
   * Returns a boolean option.
   *
   * <p>{@code group.getBoolean("nesterov")} is false by default.
   *
   * @throws IllegalArgumentException if absent or not a boolean
   */
  public boolean getBoolean(String key) {
    if (get(key) instanceof Boolean flag) {
      return flag;
    }
    throw new IllegalArgumentException(
        "param group option '" + key + "' is not a boolean: " + options.get(key));
  }

  /**
   * Sets an option; the optimizer reads it on the next step.
   *
   * <p>{@code group.set("weight_decay", 1e-4)}.
   */
  public void set(String key, Object value) {
    if (key.equals("params")) {
      throw new IllegalArgumentException("param group: 'params' is not an option");
    }
    options.put(key, java.util.Objects.requireNonNull(value, "value"));
  }

  /**
   * A read-only view of the options, in insertion order.
   *
   * <p>{@code group.options().keySet()} lists {@code lr, momentum, ...}.
   */
  public Map<String, Object> options() {
    return Collections.unmodifiableMap(options);
  }

  @Override
  public String toString() {
    return "ParamGroup" + options + " with " + params.size() + " params";
  }
}

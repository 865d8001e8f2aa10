package io.jgrad.optim;

import static io.jgrad.JGrad.fullLike;
import static io.jgrad.JGrad.scalar;

import io.jgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adagrad, PyTorch's {@code torch.optim.Adagrad}, with learning-rate decay, weight decay, an
 * initial accumulator value and maximization.
 *
 * <p>{@code new Adagrad(model.parameters(), Adagrad.Options.of(0.1).lrDecay(1e-3))}.
 *
 * <p>Per parameter (PyTorch's {@code _single_tensor_adagrad}): {@code step += 1}; {@code g += wd *
 * p}; {@code clr = lr / (1 + (step - 1) * lr_decay)}; {@code sum += g * g}; {@code p -= clr * g /
 * (sqrt(sum) + eps)}. State, created at construction for every parameter as in PyTorch: {@code
 * "step"} and {@code "sum"} (filled with the initial accumulator value).
 */
public final class Adagrad extends Optimizer {

  /**
   * Adagrad's options; {@code of(lr)} gives PyTorch's defaults for the rest.
   *
   * <p>{@code Adagrad.Options.of(0.1).initialAccumulatorValue(0.1)}.
   *
   * @param lr learning rate
   * @param lrDecay learning-rate decay per step
   * @param weightDecay L2 penalty added to the gradient
   * @param initialAccumulatorValue starting value of the squared-gradient sum
   * @param eps term added to the denominator for stability
   * @param maximize whether to maximize the objective instead
   */
  public record Options(
      double lr,
      double lrDecay,
      double weightDecay,
      double initialAccumulatorValue,
      double eps,
      boolean maximize) {

    /**
     * PyTorch's defaults with learning rate {@code lr}.
     *
     * <p>{@code Options.of(0.01)}.
     */
    public static Options of(double lr) {
      return new Options(lr, 0, 0, 0, 1e-10, false);
    }

    /**
     * A copy with this learning rate.
     *
     * <p>{@code options.lr(0.1)}.
     */
    public Options lr(double value) {
      return new Options(value, lrDecay, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    /**
     * A copy with this learning-rate decay.
     *
     * <p>{@code options.lrDecay(1e-3)}.
     */
    public Options lrDecay(double value) {
      return new Options(lr, value, weightDecay, initialAccumulatorValue, eps, maximize);
    }

    /**
     * A copy with this weight decay.
     *
     * <p>{@code options.weightDecay(1e-4)}.
     */
    public Options weightDecay(double value) {
      return new Options(lr, lrDecay, value, initialAccumulatorValue, eps, maximize);
    }

    /**
     * A copy with this initial sum.
     *
     * <p>{@code options.initialAccumulatorValue(0.1)}.
     */
    public Options initialAccumulatorValue(double value) {
      return new Options(lr, lrDecay, weightDecay, value, eps, maximize);
    }

    /**
     * A copy with this epsilon.
     *
     * <p>{@code options.eps(1e-8)}.
     */
    public Options eps(double value) {
      return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, value, maximize);
    }

    /**
     * A copy that maximizes or minimizes.
     *
     * <p>{@code options.maximize(true)}.
     */
    public Options maximize(boolean value) {
      return new Options(lr, lrDecay, weightDecay, initialAccumulatorValue, eps, value);
    }

    Map<String, Object> toMap() {
      OptimizerChecks.nonNegative(lr, "Invalid learning rate: %s");
      OptimizerChecks.nonNegative(lrDecay, "Invalid lr_decay value: %s");
      OptimizerChecks.nonNegative(weightDecay, "Invalid weight_decay value: %s");
      OptimizerChecks.nonNegative(
          initialAccumulatorValue, "Invalid initial_accumulator_value value: %s");
      OptimizerChecks.nonNegative(eps, "Invalid epsilon value: %s");
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("lr", lr);
      map.put("lr_decay", lrDecay);
      map.put("eps", eps);
      map.put("weight_decay", weightDecay);
      map.put("initial_accumulator_value", initialAccumulatorValue);
      map.put("maximize", maximize);
      return map;
    }
  }

  /**
   * Adagrad with PyTorch's defaults (lr 1e-2, eps 1e-10).
   *
   * <p>{@code new Adagrad(model.parameters())}.
   */
  public Adagrad(Iterable<? extends Tensor> params) {
    this(params, Options.of(1e-2));
  }

  /**
   * Adagrad with learning rate {@code lr} and defaults otherwise.
   *
   * <p>{@code new Adagrad(model.parameters(), 0.1)}.
   */
  public Adagrad(Iterable<? extends Tensor> params, double lr) {
    this(params, Options.of(lr));
  }

  /**
   * Adagrad with the given options.
   *
   * <p>{@code new Adagrad(params, Adagrad.Options.of(0.1).lrDecay(0.01))}.
   *
   * @throws IllegalArgumentException with PyTorch's message for any negative option
   */
  public Adagrad(Iterable<? extends Tensor> params, Options options) {
    super(params, options.toMap());
    for (ParamGroup group : paramGroups()) {
      for (Tensor param : group.params()) {
        initState(group, param, state(param));
      }
    }
  }

  private static void initState(ParamGroup group, Tensor param, Map<String, Object> state) {
    if (state.isEmpty()) {
      state.put("step", scalar(0f));
      state.put("sum", fullLike(param, group.getDouble("initial_accumulator_value")));
    }
  }

  @Override
  protected void update(ParamGroup group, Tensor param, Tensor grad, Map<String, Object> state) {
    // Groups added after construction get their state here; PyTorch would fail on them.
    initState(group, param, state);
    Tensor stepTensor = (Tensor) state.get("step");
    Tensor sum = (Tensor) state.get("sum");
    stepTensor.add_(1);
    double step = stepTensor.item();
    Tensor g = group.getBoolean("maximize") ? grad.neg() : grad;
    double weightDecay = group.getDouble("weight_decay");
    if (weightDecay != 0) {
      g = g.add(param, weightDecay);
    }
    double clr = group.lr() / (1 + (step - 1) * group.getDouble("lr_decay"));
    sum.addcmul_(g, g, 1);
    Tensor std = sum.sqrt().add_(group.getDouble("eps"));
    param.addcdiv_(g, std, -clr);
  }
}

package io.jgrad.optim;

import static io.jgrad.JGrad.scalar;
import static io.jgrad.JGrad.zerosLike;

import io.jgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adadelta, PyTorch's {@code torch.optim.Adadelta}, with weight decay and maximization.
 *
 * <p>{@code new Adadelta(model.parameters(), Adadelta.Options.of(1.0).rho(0.95))}.
 *
 * <p>Per parameter (PyTorch's {@code _single_tensor_adadelta}): {@code g += wd * p}; {@code v = rho
 * * v + (1 - rho) * g * g}; {@code delta = sqrt(u + eps) / sqrt(v + eps) * g}; {@code u = rho * u +
 * (1 - rho) * delta * delta}; {@code p -= lr * delta}. State: {@code "step"}, {@code "square_avg"}
 * (v) and {@code "acc_delta"} (u), created on a parameter's first step.
 */
public final class Adadelta extends Optimizer {

  /**
   * Adadelta's options; {@code of(lr)} gives PyTorch's defaults for the rest.
   *
   * <p>{@code Adadelta.Options.of(1.0).rho(0.95).eps(1e-8)}.
   *
   * @param lr coefficient that scales the delta before it is applied
   * @param rho smoothing constant of the running averages
   * @param eps term added inside the square roots for stability
   * @param weightDecay L2 penalty added to the gradient
   * @param maximize whether to maximize the objective instead
   */
  public record Options(double lr, double rho, double eps, double weightDecay, boolean maximize) {

    /**
     * PyTorch's defaults (rho 0.9, eps 1e-6) with learning rate {@code lr}.
     *
     * <p>{@code Options.of(1.0)}.
     */
    public static Options of(double lr) {
      return new Options(lr, 0.9, 1e-6, 0, false);
    }

    /**
     * A copy with this learning rate.
     *
     * <p>{@code options.lr(0.5)}.
     */
    public Options lr(double value) {
      return new Options(value, rho, eps, weightDecay, maximize);
    }

    /**
     * A copy with this smoothing constant.
     *
     * <p>{@code options.rho(0.95)}.
     */
    public Options rho(double value) {
      return new Options(lr, value, eps, weightDecay, maximize);
    }

    /**
     * A copy with this epsilon.
     *
     * <p>{@code options.eps(1e-8)}.
     */
    public Options eps(double value) {
      return new Options(lr, rho, value, weightDecay, maximize);
    }

    /**
     * A copy with this weight decay.
     *
     * <p>{@code options.weightDecay(1e-4)}.
     */
    public Options weightDecay(double value) {
      return new Options(lr, rho, eps, value, maximize);
    }

    /**
     * A copy that maximizes or minimizes.
     *
     * <p>{@code options.maximize(true)}.
     */
    public Options maximize(boolean value) {
      return new Options(lr, rho, eps, weightDecay, value);
    }

    Map<String, Object> toMap() {
      OptimizerChecks.nonNegative(lr, "Invalid learning rate: %s");
      // PyTorch: "if not 0.0 <= rho <= 1.0"; written so NaN is rejected too.
      if (!(rho >= 0 && rho <= 1)) {
        throw new IllegalArgumentException(String.format("Invalid rho value: %s", rho));
      }
      OptimizerChecks.nonNegative(eps, "Invalid epsilon value: %s");
      OptimizerChecks.nonNegative(weightDecay, "Invalid weight_decay value: %s");
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("lr", lr);
      map.put("rho", rho);
      map.put("eps", eps);
      map.put("weight_decay", weightDecay);
      map.put("maximize", maximize);
      return map;
    }
  }

  /**
   * Adadelta with PyTorch's defaults (lr 1.0, rho 0.9, eps 1e-6).
   *
   * <p>{@code new Adadelta(model.parameters())}.
   */
  public Adadelta(Iterable<? extends Tensor> params) {
    this(params, Options.of(1.0));
  }

  /**
   * Adadelta with learning rate {@code lr} and defaults otherwise.
   *
   * <p>{@code new Adadelta(model.parameters(), 0.5)}.
   */
  public Adadelta(Iterable<? extends Tensor> params, double lr) {
    this(params, Options.of(lr));
  }

  /**
   * Adadelta with the given options.
   *
   * <p>{@code new Adadelta(params, Adadelta.Options.of(1.0).weightDecay(1e-4))}.
   *
   * @throws IllegalArgumentException with PyTorch's message for a negative lr, eps or weight decay,
   *     or a rho outside [0, 1]
   */
  public Adadelta(Iterable<? extends Tensor> params, Options options) {
    super(params, options.toMap());
  }

  @Override
  protected void update(ParamGroup group, Tensor param, Tensor grad, Map<String, Object> state) {
    if (state.isEmpty()) {
      state.put("step", scalar(0f));
      state.put("square_avg", zerosLike(param));
      state.put("acc_delta", zerosLike(param));
    }
    double rho = group.getDouble("rho");
    double eps = group.getDouble("eps");
    double weightDecay = group.getDouble("weight_decay");
    Tensor squareAvg = (Tensor) state.get("square_avg");
    Tensor accDelta = (Tensor) state.get("acc_delta");
    ((Tensor) state.get("step")).add_(1);
    Tensor g = group.getBoolean("maximize") ? grad.neg() : grad;
    if (weightDecay != 0) {
      g = g.add(param, weightDecay);
    }
    squareAvg.mul_(rho).addcmul_(g, g, 1 - rho);
    Tensor std = squareAvg.add(eps).sqrt_();
    Tensor delta = accDelta.add(eps).sqrt_().div_(std).mul_(g);
    accDelta.mul_(rho).addcmul_(delta, delta, 1 - rho);
    param.add_(delta, -group.lr());
  }
}

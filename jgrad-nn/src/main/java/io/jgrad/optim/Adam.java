package io.jgrad.optim;

import io.jgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam, PyTorch's {@code torch.optim.Adam}, with optional AMSGrad, L2 weight decay and
 * maximization.
 *
 * <p>{@code new Adam(model.parameters(), Adam.Options.of(1e-3).betas(0.9, 0.99))}.
 *
 * <p>Per parameter (PyTorch's {@code _single_tensor_adam}): {@code step += 1}; {@code g += wd * p};
 * {@code m = lerp(m, g, 1 - beta1)}; {@code v = beta2 * v + (1 - beta2) * g * g}; {@code step_size
 * = lr / (1 - beta1^step)}; {@code denom = sqrt(v) / sqrt(1 - beta2^step) + eps} (with AMSGrad,
 * {@code v} is replaced by its running maximum); {@code p -= step_size * m / denom}. State: {@code
 * "step"}, {@code "exp_avg"}, {@code "exp_avg_sq"}, and {@code "max_exp_avg_sq"} with AMSGrad.
 */
public final class Adam extends Optimizer {

  /**
   * Adam's and AdamW's options; {@code of(lr)} gives Adam's defaults for the rest.
   *
   * <p>{@code Adam.Options.of(1e-3).betas(0.9, 0.98).eps(1e-6).amsgrad(true)}.
   *
   * @param lr learning rate
   * @param beta1 decay of the gradient's running average
   * @param beta2 decay of the squared gradient's running average
   * @param eps term added to the denominator for stability
   * @param weightDecay weight decay (L2 for Adam, decoupled for AdamW)
   * @param amsgrad whether to use the AMSGrad variant
   * @param maximize whether to maximize the objective instead
   */
  public record Options(
      double lr,
      double beta1,
      double beta2,
      double eps,
      double weightDecay,
      boolean amsgrad,
      boolean maximize) {

    /**
     * Adam's defaults with learning rate {@code lr}.
     *
     * <p>{@code Options.of(1e-3)}.
     */
    public static Options of(double lr) {
      return new Options(lr, 0.9, 0.999, 1e-8, 0, false, false);
    }

    /**
     * A copy with this learning rate.
     *
     * <p>{@code options.lr(1e-4)}.
     */
    public Options lr(double value) {
      return new Options(value, beta1, beta2, eps, weightDecay, amsgrad, maximize);
    }

    /**
     * A copy with these betas.
     *
     * <p>{@code options.betas(0.9, 0.98)}.
     */
    public Options betas(double first, double second) {
      return new Options(lr, first, second, eps, weightDecay, amsgrad, maximize);
    }

    /**
     * A copy with this epsilon.
     *
     * <p>{@code options.eps(1e-6)}.
     */
    public Options eps(double value) {
      return new Options(lr, beta1, beta2, value, weightDecay, amsgrad, maximize);
    }

    /**
     * A copy with this weight decay.
     *
     * <p>{@code options.weightDecay(0.01)}.
     */
    public Options weightDecay(double value) {
      return new Options(lr, beta1, beta2, eps, value, amsgrad, maximize);
    }

    /**
     * A copy with AMSGrad on or off.
     *
     * <p>{@code options.amsgrad(true)}.
     */
    public Options amsgrad(boolean value) {
      return new Options(lr, beta1, beta2, eps, weightDecay, value, maximize);
    }

    /**
     * A copy that maximizes or minimizes.
     *
     * <p>{@code options.maximize(true)}.
     */
    public Options maximize(boolean value) {
      return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad, value);
    }

    Map<String, Object> toMap(boolean decoupledWeightDecay) {
      OptimizerChecks.nonNegative(lr, "Invalid learning rate: %s");
      OptimizerChecks.nonNegative(eps, "Invalid epsilon value: %s");
      OptimizerChecks.inUnitInterval(beta1, "Invalid beta parameter at index 0: %s");
      OptimizerChecks.inUnitInterval(beta2, "Invalid beta parameter at index 1: %s");
      OptimizerChecks.nonNegative(weightDecay, "Invalid weight_decay value: %s");
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("lr", lr);
      map.put("betas", List.of(beta1, beta2));
      map.put("eps", eps);
      map.put("weight_decay", weightDecay);
      map.put("amsgrad", amsgrad);
      map.put("maximize", maximize);
      map.put("decoupled_weight_decay", decoupledWeightDecay);
      return map;
    }
  }

  /**
   * Adam with PyTorch's defaults (lr 1e-3, betas (0.9, 0.999), eps 1e-8).
   *
   * <p>{@code new Adam(model.parameters())}.
   */
  public Adam(Iterable<? extends Tensor> params) {
    this(params, Options.of(1e-3));
  }

  /**
   * Adam with learning rate {@code lr} and defaults otherwise.
   *
   * <p>{@code new Adam(model.parameters(), 3e-4)}.
   */
  public Adam(Iterable<? extends Tensor> params, double lr) {
    this(params, Options.of(lr));
  }

  /**
   * Adam with the given options.
   *
   * <p>{@code new Adam(params, Adam.Options.of(1e-3).amsgrad(true))}.
   *
   * @throws IllegalArgumentException with PyTorch's message for a negative lr, eps or weight decay,
   *     or a beta outside [0, 1)
   */
  public Adam(Iterable<? extends Tensor> params, Options options) {
    super(params, options.toMap(false));
  }

  @Override
  protected void update(ParamGroup group, Tensor param, Tensor grad, Map<String, Object> state) {
    AdamUpdate.apply(group, param, grad, state);
  }
}

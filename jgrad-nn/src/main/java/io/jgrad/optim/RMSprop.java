package io.jgrad.optim;

import static io.jgrad.JGrad.scalar;
import static io.jgrad.JGrad.zerosLike;

import io.jgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop, PyTorch's {@code torch.optim.RMSprop}, with optional momentum, centering, weight decay
 * and maximization.
 *
 * <p>{@code new RMSprop(model.parameters(), RMSprop.Options.of(0.01).momentum(0.9))}.
 *
 * <p>Per parameter (PyTorch's {@code _single_tensor_rmsprop}): {@code g += wd * p}; {@code v =
 * alpha * v + (1 - alpha) * g * g}; centered: {@code a = lerp(a, g, 1 - alpha)}, {@code avg =
 * sqrt(v - a * a)}, else {@code avg = sqrt(v)}; {@code avg += eps}; with momentum {@code buf =
 * momentum * buf + g / avg; p -= lr * buf}, else {@code p -= lr * g / avg}. State: {@code "step"},
 * {@code "square_avg"}, {@code "momentum_buffer"} (momentum &gt; 0), {@code "grad_avg"} (centered).
 */
public final class RMSprop extends Optimizer {

  /**
   * RMSprop's options; {@code of(lr)} gives PyTorch's defaults for the rest.
   *
   * <p>{@code RMSprop.Options.of(0.01).alpha(0.9).centered(true)}.
   *
   * @param lr learning rate
   * @param alpha smoothing constant of the squared-gradient average
   * @param eps term added to the denominator for stability
   * @param weightDecay L2 penalty added to the gradient
   * @param momentum momentum factor (0 disables momentum)
   * @param centered whether to normalise by the estimated variance of the gradient
   * @param maximize whether to maximize the objective instead
   */
  public record Options(
      double lr,
      double alpha,
      double eps,
      double weightDecay,
      double momentum,
      boolean centered,
      boolean maximize) {

    /**
     * PyTorch's defaults with learning rate {@code lr}.
     *
     * <p>{@code Options.of(0.01)}.
     */
    public static Options of(double lr) {
      return new Options(lr, 0.99, 1e-8, 0, 0, false, false);
    }

    /**
     * A copy with this learning rate.
     *
     * <p>{@code options.lr(1e-3)}.
     */
    public Options lr(double value) {
      return new Options(value, alpha, eps, weightDecay, momentum, centered, maximize);
    }

    /**
     * A copy with this smoothing constant.
     *
     * <p>{@code options.alpha(0.9)}.
     */
    public Options alpha(double value) {
      return new Options(lr, value, eps, weightDecay, momentum, centered, maximize);
    }

    /**
     * A copy with this epsilon.
     *
     * <p>{@code options.eps(1e-6)}.
     */
    public Options eps(double value) {
      return new Options(lr, alpha, value, weightDecay, momentum, centered, maximize);
    }

    /**
     * A copy with this weight decay.
     *
     * <p>{@code options.weightDecay(1e-4)}.
     */
    public Options weightDecay(double value) {
      return new Options(lr, alpha, eps, value, momentum, centered, maximize);
    }

    /**
     * A copy with this momentum.
     *
     * <p>{@code options.momentum(0.9)}.
     */
    public Options momentum(double value) {
      return new Options(lr, alpha, eps, weightDecay, value, centered, maximize);
    }

    /**
     * A copy with centering on or off.
     *
     * <p>{@code options.centered(true)}.
     */
    public Options centered(boolean value) {
      return new Options(lr, alpha, eps, weightDecay, momentum, value, maximize);
    }

    /**
     * A copy that maximizes or minimizes.
     *
     * <p>{@code options.maximize(true)}.
     */
    public Options maximize(boolean value) {
      return new Options(lr, alpha, eps, weightDecay, momentum, centered, value);
    }

    Map<String, Object> toMap() {
      OptimizerChecks.nonNegative(lr, "Invalid learning rate: %s");
      OptimizerChecks.nonNegative(eps, "Invalid epsilon value: %s");
      OptimizerChecks.nonNegative(momentum, "Invalid momentum value: %s");
      OptimizerChecks.nonNegative(weightDecay, "Invalid weight_decay value: %s");
      OptimizerChecks.nonNegative(alpha, "Invalid alpha value: %s");
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("lr", lr);
      map.put("momentum", momentum);
      map.put("alpha", alpha);
      map.put("eps", eps);
      map.put("centered", centered);
      map.put("weight_decay", weightDecay);
      map.put("maximize", maximize);
      return map;
    }
  }

  /**
   * RMSprop with PyTorch's defaults (lr 1e-2, alpha 0.99, eps 1e-8).
   *
   * <p>{@code new RMSprop(model.parameters())}.
   */
  public RMSprop(Iterable<? extends Tensor> params) {
    this(params, Options.of(1e-2));
  }

  /**
   * RMSprop with learning rate {@code lr} and defaults otherwise.
   *
   * <p>{@code new RMSprop(model.parameters(), 1e-3)}.
   */
  public RMSprop(Iterable<? extends Tensor> params, double lr) {
    this(params, Options.of(lr));
  }

  /**
   * RMSprop with the given options.
   *
   * <p>{@code new RMSprop(params, RMSprop.Options.of(0.01).centered(true))}.
   *
   * @throws IllegalArgumentException with PyTorch's message for a negative lr, eps, momentum,
   *     weight decay or alpha
   */
  public RMSprop(Iterable<? extends Tensor> params, Options options) {
    super(params, options.toMap());
  }

  @Override
  protected void update(ParamGroup group, Tensor param, Tensor grad, Map<String, Object> state) {
    double alpha = group.getDouble("alpha");
    double momentum = group.getDouble("momentum");
    double weightDecay = group.getDouble("weight_decay");
    boolean centered = group.getBoolean("centered");
    if (state.isEmpty()) {
      state.put("step", scalar(0f));
      state.put("square_avg", zerosLike(param));
    }
    Tensor g = group.getBoolean("maximize") ? grad.neg() : grad;
    Tensor squareAvg = (Tensor) state.get("square_avg");
    ((Tensor) state.get("step")).add_(1);
    if (weightDecay != 0) {
      g = g.add(param, weightDecay);
    }
    squareAvg.mul_(alpha).addcmul_(g, g, 1 - alpha);
    Tensor avg;
    if (centered) {
      Tensor gradAvg = (Tensor) state.computeIfAbsent("grad_avg", key -> zerosLike(param));
      gradAvg.lerp_(g, 1 - alpha);
      avg = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt();
    } else {
      avg = squareAvg.sqrt();
    }
    avg.add_(group.getDouble("eps"));
    if (momentum > 0) {
      Tensor buffer = (Tensor) state.computeIfAbsent("momentum_buffer", key -> zerosLike(param));
      buffer.mul_(momentum).addcdiv_(g, avg, 1);
      param.add_(buffer, -group.lr());
    } else {
      param.addcdiv_(g, avg, -group.lr());
    }
  }
}

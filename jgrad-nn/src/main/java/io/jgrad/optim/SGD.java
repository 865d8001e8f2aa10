package io.jgrad.optim;

import io.jgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
 * decay, PyTorch's {@code torch.optim.SGD}.
 *
 * <p>{@code new SGD(model.parameters(), SGD.Options.of(0.1).momentum(0.9))}.
 *
 * <p>Per parameter (PyTorch's {@code _single_tensor_sgd}): {@code g = maximize ? -grad : grad};
 * {@code g += weight_decay * p}; with momentum, {@code buf = g} on the first step, else {@code buf
 * = momentum * buf + (1 - dampening) * g}, then {@code g = nesterov ? g + momentum * buf : buf};
 * finally {@code p -= lr * g}. State: {@code "momentum_buffer"} when momentum is non-zero.
 */
public final class SGD extends Optimizer {

  /**
   * SGD's options; {@code of(lr)} gives PyTorch's defaults for the rest.
   *
   * <p>{@code SGD.Options.of(0.05).momentum(0.9).nesterov(true).weightDecay(1e-4)}.
   *
   * @param lr learning rate
   * @param momentum momentum factor (0 disables momentum)
   * @param dampening dampening of the momentum's gradient term
   * @param weightDecay L2 penalty added to the gradient
   * @param nesterov whether to use Nesterov momentum
   * @param maximize whether to maximize the objective instead
   */
  public record Options(
      double lr,
      double momentum,
      double dampening,
      double weightDecay,
      boolean nesterov,
      boolean maximize) {

    /**
     * Options with learning rate {@code lr} and PyTorch's defaults.
     *
     * <p>{@code Options.of(0.1)}.
     */
    public static Options of(double lr) {
      return new Options(lr, 0, 0, 0, false, false);
    }

    /**
     * A copy with this learning rate.
     *
     * <p>{@code options.lr(0.01)}.
     */
    public Options lr(double value) {
      return new Options(value, momentum, dampening, weightDecay, nesterov, maximize);
    }

    /**
     * A copy with this momentum.
     *
     * <p>{@code options.momentum(0.9)}.
     */
    public Options momentum(double value) {
      return new Options(lr, value, dampening, weightDecay, nesterov, maximize);
    }

    /**
     * A copy with this dampening.
     *
     * <p>{@code options.dampening(0.1)}.
     */
    public Options dampening(double value) {
      return new Options(lr, momentum, value, weightDecay, nesterov, maximize);
    }

    /**
     * A copy with this weight decay.
     *
     * <p>{@code options.weightDecay(1e-4)}.
     */
    public Options weightDecay(double value) {
      return new Options(lr, momentum, dampening, value, nesterov, maximize);
    }

    /**
     * A copy with Nesterov momentum on or off.
     *
     * <p>{@code options.nesterov(true)}.
     */
    public Options nesterov(boolean value) {
      return new Options(lr, momentum, dampening, weightDecay, value, maximize);
    }

    /**
     * A copy that maximizes or minimizes.
     *
     * <p>{@code options.maximize(true)}.
     */
    public Options maximize(boolean value) {
      return new Options(lr, momentum, dampening, weightDecay, nesterov, value);
    }

    Map<String, Object> toMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("lr", lr);
      map.put("momentum", momentum);
      map.put("dampening", dampening);
      map.put("weight_decay", weightDecay);
      map.put("nesterov", nesterov);
      map.put("maximize", maximize);
      return map;
    }
  }

  /**
   * Plain SGD with learning rate {@code lr}.
   *
   * <p>{@code new SGD(model.parameters(), 0.01)}.
   *
   * @throws IllegalArgumentException if {@code lr < 0} or {@code params} is empty
   */
  public SGD(Iterable<? extends Tensor> params, double lr) {
    this(params, Options.of(lr));
  }

  /**
   * SGD with the given options.
   *
   * <p>{@code new SGD(params, SGD.Options.of(0.1).momentum(0.9))}.
   *
   * @throws IllegalArgumentException with PyTorch's message for a negative lr, momentum or weight
   *     decay, or Nesterov without momentum or with dampening
   */
  public SGD(Iterable<? extends Tensor> params, Options options) {
    super(params, validate(options).toMap());
  }

  private static Options validate(Options options) {
    OptimizerChecks.nonNegative(options.lr(), "Invalid learning rate: %s");
    OptimizerChecks.nonNegative(options.momentum(), "Invalid momentum value: %s");
    OptimizerChecks.nonNegative(options.weightDecay(), "Invalid weight_decay value: %s");
    if (options.nesterov() && (options.momentum() <= 0 || options.dampening() != 0)) {
      throw new IllegalArgumentException(
          "Nesterov momentum requires a momentum and zero dampening (got momentum="
              + options.momentum()
              + ", dampening="
              + options.dampening()
              + ")");
    }
    return options;
  }

  @Override
  protected void update(ParamGroup group, Tensor param, Tensor grad, Map<String, Object> state) {
    double weightDecay = group.getDouble("weight_decay");
    double momentum = group.getDouble("momentum");
    Tensor g = group.getBoolean("maximize") ? grad.neg() : grad;
    if (weightDecay != 0) {
      g = g.add(param, weightDecay);
    }
    if (momentum != 0) {
      Tensor buffer = (Tensor) state.get("momentum_buffer");
      if (buffer == null) {
        // First step: the buffer starts as the gradient itself, without dampening.
        buffer = g.detach().clone();
        state.put("momentum_buffer", buffer);
      } else {
        buffer.mul_(momentum).add_(g, 1 - group.getDouble("dampening"));
      }
      g = group.getBoolean("nesterov") ? g.add(buffer, momentum) : buffer;
    }
    param.add_(g, -group.lr());
  }
}

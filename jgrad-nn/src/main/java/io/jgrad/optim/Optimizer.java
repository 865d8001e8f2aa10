package io.jgrad.optim;

import static io.jgrad.JGrad.enableGrad;
import static io.jgrad.JGrad.noGrad;

import io.jgrad.Tensor;
import io.jgrad.autograd.GradMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Base class of optimizers, after {@code torch.optim.Optimizer}: parameter groups with their own
 * options, per-parameter state, {@code zeroGrad}, {@code step} and a PyTorch-layout state dict.
 *
 * <p>{@code opt.zeroGrad(); loss.backward(); opt.step();} is one training step.
 *
 * <p>A subclass passes its defaults (PyTorch's snake_case keys) to the constructor and implements
 * {@link #update}, the single-tensor update of one parameter; {@link #step()} calls it under {@code
 * noGrad} for every parameter that has a gradient.
 */
public abstract class Optimizer {
  private final Map<String, Object> defaults;
  private final List<ParamGroup> paramGroups = new ArrayList<>();
  // Keyed by identity: two parameters with equal values are still different parameters.
  private Map<Tensor, Map<String, Object>> state = new IdentityHashMap<>();

  /**
   * Creates an optimizer over one group of {@code params} with the given default options.
   *
   * <p>{@code super(params, Map.of("lr", lr))} from a subclass.
   *
   * @throws IllegalArgumentException if {@code params} is empty or holds a non-leaf tensor
   */
  protected Optimizer(Iterable<? extends Tensor> params, Map<String, ?> defaults) {
    this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    addParamGroup(params, Map.of());
  }

  /**
   * Adds a group of parameters whose options override the defaults, PyTorch's {@code
   * add_param_group}.
   *
   * <p>{@code opt.addParamGroup(head.parameters(), Map.of("lr", 0.01))} trains the head slower.
   *
   * @throws IllegalArgumentException if {@code params} is empty, holds a non-leaf tensor, or holds
   *     a parameter that is already in another group
   */
  public final void addParamGroup(Iterable<? extends Tensor> params, Map<String, ?> options) {
    List<Tensor> list = new ArrayList<>();
    for (Tensor param : params) {
      if (!param.isLeaf()) {
        throw new IllegalArgumentException("can't optimize a non-leaf Tensor");
      }
      list.add(param);
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("optimizer got an empty parameter list");
    }
    Map<Tensor, Boolean> seen = new IdentityHashMap<>();
    for (ParamGroup group : paramGroups) {
      for (Tensor param : group.params()) {
        seen.put(param, true);
      }
    }
    for (Tensor param : list) {
      if (seen.containsKey(param)) {
        throw new IllegalArgumentException(
            "some parameters appear in more than one parameter group");
      }
    }
    Map<String, Object> merged = new LinkedHashMap<>(defaults);
    merged.putAll(options);
    merged.remove("params");
    paramGroups.add(new ParamGroup(list, merged));
  }

  /**
   * The parameter groups, PyTorch's {@code optimizer.param_groups}.
   *
   * <p>{@code opt.paramGroups().get(0).setLr(0.01)}.
   */
  public final List<ParamGroup> paramGroups() {
    return Collections.unmodifiableList(paramGroups);
  }

  /**
   * The default options given at construction.
   *
   * <p>{@code new SGD(ps, 0.1).defaults().get("lr")} is 0.1.
   */
  public final Map<String, Object> defaults() {
    return defaults;
  }

  /**
   * The live state map of {@code param} ({@code "momentum_buffer"}, {@code "step"}, ...), created
   * empty on first use, PyTorch's {@code optimizer.state[param]}.
   *
   * <p>{@code opt.state(w).get("exp_avg")} after an Adam step.
   */
  public final Map<String, Object> state(Tensor param) {
    return state.computeIfAbsent(param, p -> new LinkedHashMap<>());
  }

  /**
   * Drops every parameter's gradient, PyTorch 2's default {@code zero_grad(set_to_none=True)}.
   *
   * <p>{@code opt.zeroGrad()} before each {@code backward()}.
   */
  public void zeroGrad() {
    zeroGrad(true);
  }

  /**
   * Clears gradients: drops them when {@code setToNone}, otherwise zeroes them in place (after
   * detaching them from any graph), PyTorch's {@code zero_grad(set_to_none)}.
   *
   * <p>{@code opt.zeroGrad(false)} keeps the gradient tensors and fills them with zeros.
   */
  public void zeroGrad(boolean setToNone) {
    for (ParamGroup group : paramGroups) {
      for (Tensor param : group.params()) {
        if (!param.hasGrad()) {
          continue;
        }
        if (setToNone) {
          param.clearGrad();
        } else {
          Tensor grad = param.grad();
          if (grad.gradFn().isPresent()) {
            grad.detach_();
          } else {
            grad.requiresGrad_(false);
          }
          grad.zero_();
        }
      }
    }
  }

  /**
   * Performs one optimization step on every parameter that has a gradient.
   *
   * <p>{@code loss.backward(); opt.step();}
   */
  public void step() {
    try (GradMode.Scope scope = noGrad()) {
      for (ParamGroup group : paramGroups) {
        for (Tensor param : group.params()) {
          if (param.hasGrad()) {
            update(group, param, param.grad(), state(param));
          }
        }
      }
    }
  }

  /**
   * Re-evaluates the loss with gradients enabled, then steps; returns the loss, like PyTorch's
   * {@code step(closure)}.
   *
   * <p>{@code opt.step(() -> { opt.zeroGrad(); Tensor l = loss(); l.backward(); return l; })}.
   */
  public Tensor step(Supplier<Tensor> closure) {
    Tensor loss;
    try (GradMode.Scope scope = enableGrad()) {
      loss = closure.get();
    }
    step();
    return loss;
  }

  /**
   * Updates one parameter in place from its gradient; called by {@link #step()} under {@code
   * noGrad}, only for parameters with a gradient.
   *
   * <p>SGD's is {@code param.add_(grad, -group.lr())} without momentum.
   *
   * @param group the parameter's group, for its options
   * @param param the parameter to update in place
   * @param grad its gradient (never modify it in place)
   * @param state the parameter's live state map
   */
  protected abstract void update(
      ParamGroup group, Tensor param, Tensor grad, Map<String, Object> state);

  /**
   * Returns the state in PyTorch's {@code state_dict()} layout.
   *
   * <p>{@code ((Map<?, ?>) opt.stateDict().get("state")).get(0)} is the first parameter's state.
   *
   * <p>The representation, which a checkpoint writer can turn into safetensors plus JSON:
   *
   * <ul>
   *   <li>{@code "state"}: a {@code Map<Integer, Map<String, Object>>} from the parameter's index
   *       (numbered across groups in order, as PyTorch does) to its state; only parameters with
   *       state appear. Values are the live {@link Tensor}s ({@code "momentum_buffer"}, {@code
   *       "exp_avg"}, {@code "exp_avg_sq"}, {@code "max_exp_avg_sq"}, {@code "square_avg"}, {@code
   *       "grad_avg"}, {@code "sum"}, and {@code "step"} as a 0-d float32 tensor), not copies, as
   *       in PyTorch.
   *   <li>{@code "param_groups"}: a {@code List<Map<String, Object>>}, one per group, holding the
   *       group's options ({@link Double}, {@link Boolean}, {@code List<Double>} for {@code
   *       "betas"}) and {@code "params"}, the {@code List<Integer>} of its parameter indices.
   * </ul>
   *
   * <p>PyTorch's implementation switches ({@code foreach}, {@code fused}, {@code capturable},
   * {@code differentiable}) are not options here; when loading a PyTorch dict they are kept as
   * inert options.
   */
  public Map<String, Object> stateDict() {
    return OptimizerStateDicts.pack(paramGroups, state);
  }

  /**
   * Loads a state produced by {@link #stateDict()} (of this optimizer type, over parameters of the
   * same shapes and grouping): replaces every group's options and every parameter's state.
   *
   * <p>{@code opt.loadStateDict(saved)} resumes training where {@code saved} was taken.
   *
   * @throws IllegalArgumentException with PyTorch's message if the group count or a group's size
   *     differ, or if the dict is malformed
   */
  public void loadStateDict(Map<String, ?> stateDict) {
    OptimizerStateDicts.Loaded loaded = OptimizerStateDicts.unpack(stateDict, paramGroups);
    for (int i = 0; i < paramGroups.size(); i++) {
      paramGroups.set(i, new ParamGroup(paramGroups.get(i).params(), loaded.options().get(i)));
    }
    state = loaded.state();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(getClass().getSimpleName()).append(" (");
    for (int i = 0; i < paramGroups.size(); i++) {
      text.append("\nParameter Group ").append(i);
      paramGroups
          .get(i)
          .options()
          .forEach((k, v) -> text.append("\n    ").append(k).append(": ").append(v));
    }
    return text.append("\n)").toString();
  }
}

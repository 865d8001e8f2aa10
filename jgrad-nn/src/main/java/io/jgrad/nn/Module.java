package io.jgrad.nn;

import static io.jgrad.JGrad.noGrad;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Base class of every layer and model, as PyTorch's {@code nn.Module}: override {@link
 * #forward(Tensor)}; parameters, buffers and submodules are found by name.
 *
 * <p>{@code class Net extends Module { final Linear fc = new Linear(3, 1); public Tensor
 * forward(Tensor x) { return fc.forward(x); } }}
 *
 * <p>Fields of type {@link Parameter} or {@code Module} (or {@code Tensor}/{@code Object} fields
 * holding one) declared in a subclass are registered automatically under the field's name, the way
 * PyTorch's {@code __setattr__} registers attributes. Discovery is lazy and repeated on every
 * query, so fields assigned anywhere in a constructor are seen; superclass fields come first, then
 * each class's fields in declaration order. Explicit {@link #registerParameter}, {@link
 * #registerBuffer} and {@link #registerModule} cover names that are not fields. Plain tensor fields
 * are not buffers, as in PyTorch.
 */
public abstract class Module {
  // Values may be null: a field that was registered and later set to null, like PyTorch's None.
  private final LinkedHashMap<String, Parameter> parameters = new LinkedHashMap<>();
  private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
  private final Set<String> nonPersistentBuffers = new HashSet<>();
  private final LinkedHashMap<String, Module> modules = new LinkedHashMap<>();
  private boolean training = true;

  /** Creates an empty module in training mode. */
  protected Module() {}

  /**
   * Computes the output for {@code input}.
   *
   * <p>{@code model.forward(x)} is PyTorch's {@code model(x)}.
   */
  public abstract Tensor forward(Tensor input);

  /**
   * Computes the output for two inputs (losses take input and target).
   *
   * <p>{@code lossFn.forward(pred, target)}.
   *
   * @throws UnsupportedOperationException for single-input modules
   */
  public Tensor forward(Tensor input, Tensor other) {
    throw new UnsupportedOperationException(
        getName() + ".forward() takes 1 input but 2 were given");
  }

  // ---- registration ---------------------------------------------------------------------------

  /**
   * Adds a parameter under {@code name}.
   *
   * <p>{@code registerParameter("weight", new Parameter(w))}.
   *
   * @throws IllegalArgumentException if the name is empty, contains a dot or names a buffer or
   *     submodule
   */
  public void registerParameter(String name, Parameter parameter) {
    syncFields();
    checkName("parameter", name, parameters);
    parameters.put(name, java.util.Objects.requireNonNull(parameter, "parameter"));
  }

  /**
   * Adds a persistent buffer (saved in the state dict) under {@code name}.
   *
   * <p>{@code registerBuffer("running_mean", zeros(3))}.
   *
   * @throws IllegalArgumentException for a bad or taken name, or a tensor that is a Parameter
   */
  public void registerBuffer(String name, Tensor buffer) {
    registerBuffer(name, buffer, true);
  }

  /**
   * Adds a buffer; {@code persistent} false keeps it out of the state dict.
   *
   * <p>{@code registerBuffer("mask", m, false)}.
   *
   * @throws IllegalArgumentException for a bad or taken name, or a tensor that is a Parameter
   */
  public void registerBuffer(String name, Tensor buffer, boolean persistent) {
    syncFields();
    checkName("buffer", name, buffers);
    if (buffer instanceof Parameter) {
      throw new IllegalArgumentException(
          "cannot assign Parameter to buffer '" + name + "' (use registerParameter)");
    }
    buffers.put(name, java.util.Objects.requireNonNull(buffer, "buffer"));
    if (persistent) {
      nonPersistentBuffers.remove(name);
    } else {
      nonPersistentBuffers.add(name);
    }
  }

  /**
   * Adds a child module under {@code name}.
   *
   * <p>{@code registerModule("0", new Linear(3, 1))}.
   *
   * @throws IllegalArgumentException if the name is empty, contains a dot or is taken
   */
  public void registerModule(String name, Module module) {
    syncFields();
    checkName("module", name, modules);
    modules.put(name, java.util.Objects.requireNonNull(module, "module"));
  }

  private void checkName(String kind, String name, Map<String, ?> own) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException(kind + " name can't be empty string \"\"");
    }
    if (name.contains(".")) {
      throw new IllegalArgumentException(kind + " name can't contain \".\", got \"" + name + "\"");
    }
    boolean taken =
        (parameters.containsKey(name) || buffers.containsKey(name) || modules.containsKey(name))
            && !own.containsKey(name);
    if (taken) {
      throw new IllegalArgumentException("attribute '" + name + "' already exists");
    }
  }

  /** Brings the registries up to date with the discovered fields. */
  private void syncFields() {
    for (ModuleFields.Entry field : ModuleFields.of(getClass())) {
      Object value = field.get(this);
      String name = field.name();
      if (value instanceof Parameter p) {
        checkName("parameter", name, parameters);
        parameters.put(name, p);
      } else if (value instanceof Module m) {
        checkName("module", name, modules);
        modules.put(name, m);
      } else if (value == null) {
        parameters.replace(name, null);
        modules.replace(name, null);
      }
    }
  }

  // ---- lookup ---------------------------------------------------------------------------------

  /**
   * This module's parameters and those of all submodules, each once.
   *
   * <p>{@code new SGD(model.parameters(), 0.01)}.
   */
  public List<Parameter> parameters() {
    return List.copyOf(namedParameters().values());
  }

  /**
   * Parameters by dotted name ({@code "0.weight"}), each once, in registration order.
   *
   * <p>{@code model.namedParameters().keySet()}.
   */
  public LinkedHashMap<String, Parameter> namedParameters() {
    LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    namedModules()
        .forEach(
            (prefix, module) -> {
              module.syncFields();
              module.parameters.forEach(
                  (name, p) -> {
                    if (p != null && seen.add(p)) {
                      out.put(prefix.isEmpty() ? name : prefix + "." + name, p);
                    }
                  });
            });
    return out;
  }

  /**
   * All buffers of this module and its submodules.
   *
   * <p>{@code bn.buffers().size()} is 3.
   */
  public List<Tensor> buffers() {
    return List.copyOf(namedBuffers().values());
  }

  /**
   * Buffers by dotted name.
   *
   * <p>{@code bn.namedBuffers().get("running_mean")}.
   */
  public LinkedHashMap<String, Tensor> namedBuffers() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    namedModules()
        .forEach(
            (prefix, module) ->
                module.buffers.forEach(
                    (name, b) -> {
                      if (b != null && seen.add(b)) {
                        out.put(prefix.isEmpty() ? name : prefix + "." + name, b);
                      }
                    }));
    return out;
  }

  /**
   * The direct submodules, each once.
   *
   * <p>{@code seq.children().get(0)}.
   */
  public List<Module> children() {
    return List.copyOf(namedChildren().values());
  }

  /**
   * The direct submodules by name.
   *
   * <p>{@code seq.namedChildren().keySet()} is [0, 1].
   */
  public LinkedHashMap<String, Module> namedChildren() {
    syncFields();
    LinkedHashMap<String, Module> out = new LinkedHashMap<>();
    Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    modules.forEach(
        (name, m) -> {
          if (m != null && seen.add(m)) {
            out.put(name, m);
          }
        });
    return out;
  }

  /** The registered children in order, repeats included (for containers such as Sequential). */
  List<Module> registeredChildren() {
    syncFields();
    return modules.values().stream().filter(java.util.Objects::nonNull).toList();
  }

  /**
   * This module and all submodules, each once, depth first.
   *
   * <p>{@code model.modules().size()}.
   */
  public List<Module> modules() {
    return List.copyOf(namedModules().values());
  }

  /** This module (name "") and all submodules by dotted name. */
  public LinkedHashMap<String, Module> namedModules() {
    LinkedHashMap<String, Module> out = new LinkedHashMap<>();
    collectModules("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
    return out;
  }

  private void collectModules(String prefix, Map<String, Module> out, Set<Module> seen) {
    if (!seen.add(this)) {
      return;
    }
    out.put(prefix, this);
    syncFields();
    modules.forEach(
        (name, m) -> {
          if (m != null) {
            m.collectModules(prefix.isEmpty() ? name : prefix + "." + name, out, seen);
          }
        });
  }

  /**
   * The parameter at a dotted path.
   *
   * <p>{@code model.getParameter("0.weight")}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public Parameter getParameter(String target) {
    int dot = target.lastIndexOf('.');
    Module owner = dot < 0 ? this : getSubmodule(target.substring(0, dot));
    owner.syncFields();
    Parameter p = owner.parameters.get(target.substring(dot + 1));
    if (p == null) {
      throw new IllegalArgumentException(
          owner.getName() + " has no parameter `" + target.substring(dot + 1) + "`");
    }
    return p;
  }

  /**
   * The buffer at a dotted path.
   *
   * <p>{@code model.getBuffer("1.running_mean")}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public Tensor getBuffer(String target) {
    int dot = target.lastIndexOf('.');
    Module owner = dot < 0 ? this : getSubmodule(target.substring(0, dot));
    Tensor b = owner.buffers.get(target.substring(dot + 1));
    if (b == null) {
      throw new IllegalArgumentException(
          owner.getName() + " has no buffer `" + target.substring(dot + 1) + "`");
    }
    return b;
  }

  /**
   * The submodule at a dotted path ("" is this module).
   *
   * <p>{@code model.getSubmodule("0")}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public Module getSubmodule(String target) {
    Module current = this;
    if (target.isEmpty()) {
      return current;
    }
    for (String part : target.split("\\.")) {
      current.syncFields();
      Module next = current.modules.get(part);
      if (next == null) {
        throw new IllegalArgumentException(current.getName() + " has no attribute `" + part + "`");
      }
      current = next;
    }
    return current;
  }

  // ---- modes and gradients --------------------------------------------------------------------

  /**
   * Sets training mode here and in all submodules.
   *
   * <p>{@code model.train()}.
   */
  public Module train() {
    return train(true);
  }

  /**
   * Sets training ({@code true}) or evaluation mode recursively.
   *
   * <p>{@code model.train(false)}.
   */
  public Module train(boolean mode) {
    training = mode;
    for (Module child : children()) {
      child.train(mode);
    }
    return this;
  }

  /**
   * Evaluation mode (Dropout off, BatchNorm uses running stats).
   *
   * <p>{@code model.eval()}.
   */
  public Module eval() {
    return train(false);
  }

  /** Whether this module is in training mode. */
  public boolean isTraining() {
    return training;
  }

  /** Drops all parameter gradients (PyTorch 2's {@code set_to_none=True}). */
  public void zeroGrad() {
    for (Parameter p : parameters()) {
      p.clearGrad();
    }
  }

  /** Calls {@code fn} on every submodule (children first), then on this one. */
  public Module apply(Consumer<Module> fn) {
    for (Module child : children()) {
      child.apply(fn);
    }
    fn.accept(this);
    return this;
  }

  // ---- conversion -----------------------------------------------------------------------------

  /**
   * Converts floating-point parameters and buffers to {@code dtype}.
   *
   * <p>{@code model.to(DType.FLOAT64)}.
   *
   * <p>jgrad tensors cannot change storage in place, so a parameter that changes type is replaced
   * by a new {@link Parameter} (with its gradient converted too), both in the registry and in the
   * field it was discovered from; tied parameters stay tied. PyTorch instead keeps the same
   * parameter objects, so hold on to the module, not to old parameter references.
   *
   * @throws IllegalArgumentException for a non-floating-point dtype
   */
  public Module to(DType dtype) {
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException(
          "nn.Module.to only accepts floating point dtypes, but got desired dtype=" + dtype);
    }
    return convert(t -> t.dtype().isFloatingPoint() ? t.to(dtype) : t);
  }

  /** Moves parameters and buffers to {@code device}, as {@link #to(DType)} replaces them. */
  public Module to(Device device) {
    return convert(t -> t.to(device));
  }

  private Module convert(UnaryOperator<Tensor> fn) {
    Map<Tensor, Tensor> done = new IdentityHashMap<>();
    for (Module module : modules()) {
      module.syncFields();
      for (Map.Entry<String, Parameter> entry : module.parameters.entrySet()) {
        Parameter old = entry.getValue();
        if (old == null) {
          continue;
        }
        Parameter converted =
            (Parameter)
                done.computeIfAbsent(
                    old,
                    o -> {
                      Tensor data = fn.apply(o.detach());
                      if (data.dtype() == o.dtype() && data.device().equals(o.device())) {
                        return o;
                      }
                      Parameter fresh = new Parameter(data, o.requiresGrad());
                      if (o.hasGrad()) {
                        fresh.setGrad(fn.apply(o.grad()));
                      }
                      return fresh;
                    });
        if (converted != old) {
          entry.setValue(converted);
          ModuleFields.set(module, entry.getKey(), old, converted);
        }
      }
      module.buffers.replaceAll((name, b) -> b == null ? null : fn.apply(b));
    }
    return this;
  }

  // ---- state dict -----------------------------------------------------------------------------

  /**
   * Parameters and persistent buffers by dotted name, detached: own parameters, own buffers, then
   * each child's entries.
   *
   * <p>{@code SafeTensors.save(model.stateDict(), path)}.
   */
  public LinkedHashMap<String, Tensor> stateDict() {
    LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
    saveTo(out, "");
    return out;
  }

  private void saveTo(Map<String, Tensor> out, String prefix) {
    syncFields();
    parameters.forEach(
        (name, p) -> {
          if (p != null) {
            out.put(prefix + name, p.detach());
          }
        });
    buffers.forEach(
        (name, b) -> {
          if (b != null && !nonPersistentBuffers.contains(name)) {
            out.put(prefix + name, b.detach());
          }
        });
    modules.forEach(
        (name, m) -> {
          if (m != null) {
            m.saveTo(out, prefix + name + ".");
          }
        });
  }

  /**
   * Copies matching entries of {@code stateDict} into the parameters and buffers, strictly.
   *
   * <p>{@code model.loadStateDict(SafeTensors.load(path))}.
   *
   * @throws IllegalArgumentException listing missing and unexpected keys and size mismatches
   */
  public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict) {
    return loadStateDict(stateDict, true);
  }

  /**
   * Copies matching entries in place (under no-grad); {@code strict} false tolerates missing and
   * unexpected keys, which are returned.
   *
   * <p>{@code model.loadStateDict(sd, false)}.
   *
   * @throws IllegalArgumentException on size mismatches, and in strict mode on missing or
   *     unexpected keys, with PyTorch's message
   */
  public IncompatibleKeys loadStateDict(Map<String, Tensor> stateDict, boolean strict) {
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try (var guard = noGrad()) {
      loadFrom(stateDict, "", missing, unexpected, errors);
    }
    if (strict) {
      if (!unexpected.isEmpty()) {
        errors.addFirst("Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
      }
      if (!missing.isEmpty()) {
        errors.addFirst("Missing key(s) in state_dict: " + quoted(missing) + ". ");
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(
          "Error(s) in loading state_dict for "
              + getName()
              + ":\n\t"
              + String.join("\n\t", errors));
    }
    return new IncompatibleKeys(missing, unexpected);
  }

  private static String quoted(List<String> keys) {
    return String.join(", ", keys.stream().map(k -> "\"" + k + "\"").toList());
  }

  private void loadFrom(
      Map<String, Tensor> stateDict,
      String prefix,
      List<String> missing,
      List<String> unexpected,
      List<String> errors) {
    syncFields();
    LinkedHashMap<String, Tensor> local = new LinkedHashMap<>();
    parameters.forEach(
        (name, p) -> {
          if (p != null) {
            local.put(name, p);
          }
        });
    buffers.forEach(
        (name, b) -> {
          if (b != null && !nonPersistentBuffers.contains(name)) {
            local.put(name, b);
          }
        });
    for (Map.Entry<String, Tensor> entry : local.entrySet()) {
      String key = prefix + entry.getKey();
      Tensor target = entry.getValue();
      Tensor source = stateDict.get(key);
      if (source == null) {
        missing.add(key);
        continue;
      }
      // PyTorch's backward-compatibility case: a 1-element 1-d checkpoint entry for a 0-d param.
      if (target.dim() == 0 && source.dim() == 1) {
        source = source.get(0);
      }
      if (!source.shape().equals(target.shape())) {
        errors.add(
            "size mismatch for "
                + key
                + ": copying a param with shape "
                + source.shape()
                + " from checkpoint, the shape in current model is "
                + target.shape()
                + ".");
        continue;
      }
      target.copy_(source);
    }
    for (String key : stateDict.keySet()) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      String rest = key.substring(prefix.length());
      int dot = rest.indexOf('.');
      boolean known =
          dot >= 0 ? modules.get(rest.substring(0, dot)) != null : local.containsKey(rest);
      if (!known) {
        unexpected.add(key);
      }
    }
    modules.forEach(
        (name, m) -> {
          if (m != null) {
            m.loadFrom(stateDict, prefix + name + ".", missing, unexpected, errors);
          }
        });
  }

  // ---- printing -------------------------------------------------------------------------------

  /**
   * The text inside this module's parentheses in {@link #toString()}; override it to show settings.
   *
   * <p>{@code "in_features=3, out_features=1, bias=True"} for {@code Linear(3, 1)}.
   */
  public String extraRepr() {
    return "";
  }

  /** The class name printed in reprs and error messages. */
  protected String getName() {
    String simple = getClass().getSimpleName();
    if (!simple.isEmpty()) {
      return simple;
    }
    String full = getClass().getName();
    return full.substring(full.lastIndexOf('.') + 1);
  }

  /**
   * PyTorch's module tree repr.
   *
   * <p>{@code Sequential(\n (0): Linear(in_features=3, out_features=1, bias=True)\n)}.
   */
  @Override
  public String toString() {
    List<String> extraLines = new ArrayList<>();
    String extra = extraRepr();
    if (!extra.isEmpty()) {
      extraLines.addAll(List.of(extra.split("\n", -1)));
    }
    syncFields();
    List<String> childLines = new ArrayList<>();
    modules.forEach(
        (name, m) ->
            childLines.add(
                "(" + name + "): " + Repr.addIndent(m == null ? "None" : m.toString(), 2)));
    List<String> lines = new ArrayList<>(extraLines);
    lines.addAll(childLines);
    StringBuilder out = new StringBuilder(getName()).append('(');
    if (!lines.isEmpty()) {
      if (extraLines.size() == 1 && childLines.isEmpty()) {
        out.append(extraLines.getFirst());
      } else {
        out.append("\n  ").append(String.join("\n  ", lines)).append('\n');
      }
    }
    return out.append(')').toString();
  }
}

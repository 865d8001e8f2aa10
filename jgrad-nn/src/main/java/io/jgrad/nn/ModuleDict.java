package io.jgrad.nn;

import io.jgrad.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Submodules registered under names of your choice, in insertion order, as PyTorch's {@code
 * nn.ModuleDict}. It has no forward of its own.
 *
 * <p>{@code var heads = new ModuleDict().put("cls", new Linear(8, 10)); heads.get("cls")}
 */
public class ModuleDict extends Module {

  /** An empty dictionary. */
  public ModuleDict() {}

  /**
   * Registers {@code module} under {@code name}, replacing any module of that name.
   *
   * <p>{@code heads.put("box", new Linear(8, 4))}.
   *
   * @return this dictionary
   * @throws IllegalArgumentException for names PyTorch rejects (empty, containing '.')
   */
  public ModuleDict put(String name, Module module) {
    registerModule(name, module);
    return this;
  }

  /**
   * The module called {@code name}.
   *
   * @throws IllegalArgumentException naming the keys present when there is none
   */
  public Module get(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "ModuleDict has no module '" + name + "'; keys: " + keys()));
  }

  /** The module called {@code name}, if present. */
  public Optional<Module> find(String name) {
    return Optional.ofNullable(entries().get(name));
  }

  /** The names, in insertion order. */
  public java.util.List<String> keys() {
    return java.util.List.copyOf(entries().keySet());
  }

  /** Number of modules. */
  public int size() {
    return entries().size();
  }

  private Map<String, Module> entries() {
    Map<String, Module> out = new LinkedHashMap<>();
    namedChildren().forEach(out::put);
    return out;
  }

  /**
   * A ModuleDict is a container, not a layer.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Tensor forward(Tensor input) {
    throw new UnsupportedOperationException(
        "ModuleDict has no forward(); get(name) a module and call its forward");
  }
}

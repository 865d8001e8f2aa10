package io.jgrad.nn;

import io.jgrad.Tensor;
import java.util.Iterator;
import java.util.List;

/**
 * An indexable list of submodules named "0", "1", ..., registered so that their parameters are
 * found, as PyTorch's {@code nn.ModuleList}. It has no forward of its own: iterate over it.
 *
 * <p>{@code var blocks = new ModuleList(new Linear(8, 8), new Linear(8, 8)); for (Module b :
 * blocks) x = b.forward(x);}
 */
public class ModuleList extends Module implements Iterable<Module> {

  /**
   * A list holding {@code modules} in order.
   *
   * <p>{@code new ModuleList(new ReLU(), new Tanh())}.
   */
  public ModuleList(Module... modules) {
    for (Module m : modules) {
      add(m);
    }
  }

  /**
   * Appends {@code module} under the next index.
   *
   * <p>{@code blocks.add(new Linear(8, 8))}.
   *
   * @return this list
   */
  public ModuleList add(Module module) {
    registerModule(Integer.toString(size()), module);
    return this;
  }

  /**
   * The module at {@code index} (negative counts from the end), as {@code blocks[0]}.
   *
   * <p>{@code (Linear) blocks.get(0)}.
   *
   * @throws IndexOutOfBoundsException outside [-size, size)
   */
  public Module get(int index) {
    List<Module> all = registeredChildren();
    int n = all.size();
    if (index < -n || index >= n) {
      throw new IndexOutOfBoundsException(
          "index "
              + index
              + " is out of range for "
              + getClass().getSimpleName()
              + " of size "
              + n);
    }
    return all.get(index < 0 ? index + n : index);
  }

  /** Number of modules. */
  public int size() {
    return registeredChildren().size();
  }

  @Override
  public Iterator<Module> iterator() {
    return registeredChildren().iterator();
  }

  /**
   * A ModuleList is a container, not a layer; PyTorch's has no forward either.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Tensor forward(Tensor input) {
    throw new UnsupportedOperationException(
        "ModuleList has no forward(); iterate over it and call each module's forward");
  }
}

package io.jgrad.nn;

import io.jgrad.Tensor;
import java.util.Iterator;
import java.util.List;

/**
 * Modules applied in order, named "0", "1", ..., as PyTorch's {@code nn.Sequential}.
 *
 * <p>{@code new Sequential(new Linear(3, 1), new Flatten(0, 1)).forward(xx)}
 */
public class Sequential extends Module implements Iterable<Module> {

  /**
   * A chain of {@code modules}.
   *
   * <p>{@code new Sequential(new Linear(2, 4), new ReLU())}.
   */
  public Sequential(Module... modules) {
    for (Module m : modules) {
      add(m);
    }
  }

  /**
   * Appends {@code module} under the next index.
   *
   * <p>{@code seq.add(new ReLU())}.
   */
  public Sequential add(Module module) {
    registerModule(Integer.toString(size()), module);
    return this;
  }

  /**
   * The module at {@code index} (negative counts from the end), as {@code model[0]}.
   *
   * <p>{@code (Linear) model.get(0)}.
   *
   * @throws IndexOutOfBoundsException outside [-size, size)
   */
  public Module get(int index) {
    List<Module> all = layers();
    int n = all.size();
    if (index < -n || index >= n) {
      throw new IndexOutOfBoundsException("index " + index + " is out of range");
    }
    return all.get(index < 0 ? index + n : index);
  }

  /** Number of modules. */
  public int size() {
    return registeredChildren().size();
  }

  private List<Module> layers() {
    return registeredChildren();
  }

  @Override
  public Iterator<Module> iterator() {
    return layers().iterator();
  }

  @Override
  public Tensor forward(Tensor input) {
    Tensor x = input;
    for (Module m : layers()) {
      x = m.forward(x);
    }
    return x;
  }
}

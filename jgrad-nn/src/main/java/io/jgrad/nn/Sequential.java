package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Modules applied in order, named "0", "1", ..., as PyTorch's {@code nn.Sequential}: a {@link
 * ModuleList} whose forward chains its modules.
 *
 * <p>{@code new Sequential(new Linear(3, 1), new Flatten(0, 1)).forward(xx)}
 */
public class Sequential extends ModuleList {

  /**
   * A chain of {@code modules}.
   *
   * <p>{@code new Sequential(new Linear(2, 4), new ReLU())}.
   */
  public Sequential(Module... modules) {
    super(modules);
  }

  /**
   * Appends {@code module} under the next index.
   *
   * <p>{@code seq.add(new ReLU())}.
   */
  @Override
  public Sequential add(Module module) {
    super.add(module);
    return this;
  }

  @Override
  public Tensor forward(Tensor input) {
    Tensor x = input;
    for (Module m : this) {
      x = m.forward(x);
    }
    return x;
  }
}

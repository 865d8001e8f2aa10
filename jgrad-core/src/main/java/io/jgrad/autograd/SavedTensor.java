package io.jgrad.autograd;

import io.jgrad.Tensor;

/**
 * A tensor kept for backward, with the version it had when saved.
 *
 * <p>{@code SavedTensor s = SavedTensor.save(x); ... s.get()} throws if {@code x} was modified in
 * place since, or if the graph was freed by an earlier backward.
 */
public final class SavedTensor {
  private Tensor tensor;
  private final int savedVersion;
  private final String nodeName;

  private SavedTensor(Tensor tensor, String nodeName) {
    this.tensor = tensor;
    this.savedVersion = tensor.version();
    this.nodeName = nodeName;
  }

  /** Saves {@code tensor} for the node named {@code nodeName}. */
  public static SavedTensor save(Tensor tensor, String nodeName) {
    return new SavedTensor(tensor, nodeName);
  }

  /** The saved tensor, checked against in-place modification and release. */
  public Tensor get() {
    if (tensor == null) {
      throw new IllegalStateException(
          "Trying to backward through the graph a second time (or directly access saved tensors "
              + "after they have already been freed). Saved intermediate values of the graph are "
              + "freed when you call .backward() or autograd.grad(). Specify retainGraph=true if "
              + "you need to backward through the graph a second time.");
    }
    if (tensor.version() != savedVersion) {
      throw new IllegalStateException(
          "one of the variables needed for gradient computation has been modified by an inplace "
              + "operation: ["
              + tensor.dtype()
              + " "
              + tensor.shape()
              + "], which is output 0 of "
              + nodeName
              + ", is at version "
              + tensor.version()
              + "; expected version "
              + savedVersion
              + " instead.");
    }
    return tensor;
  }

  void release() {
    tensor = null;
  }
}

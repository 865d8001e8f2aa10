package io.jgrad.autograd;

import io.jgrad.Tensor;

/** A graph node whose derivative is a {@link BackwardFunction} over saved tensors. */
final class FunctionNode extends Node {
  private BackwardFunction function;
  private final boolean[] needsInputGrad;
  private final SavedTensor[] saved;

  FunctionNode(String name, Node[] next, BackwardFunction function, SavedTensor[] saved) {
    super(name, next);
    this.function = function;
    this.saved = saved;
    this.needsInputGrad = new boolean[next.length];
    for (int i = 0; i < next.length; i++) {
      needsInputGrad[i] = next[i] != null;
    }
  }

  @Override
  protected Tensor[] apply(Tensor gradOutput) {
    if (function == null) {
      throw new IllegalStateException(
          "Trying to backward through the graph a second time (or directly access saved tensors "
              + "after they have already been freed). Saved intermediate values of the graph are "
              + "freed when you call .backward() or autograd.grad(). Specify retainGraph=true if "
              + "you need to backward through the graph a second time.");
    }
    return function.apply(gradOutput, needsInputGrad);
  }

  @Override
  protected void release() {
    function = null;
    for (SavedTensor s : saved) {
      s.release();
    }
  }
}

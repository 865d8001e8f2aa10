package io.jgrad.autograd;

import io.jgrad.Tensor;

/**
 * The sink of the backward graph for a leaf tensor: adds incoming gradients into its {@code grad}.
 *
 * <p>Obtained through {@link Autograd#gradAccumulator(Tensor)}; one per leaf.
 */
public final class AccumulateGrad extends Node {
  private final Tensor leaf;

  AccumulateGrad(Tensor leaf) {
    super("AccumulateGrad", new Node[0]);
    this.leaf = leaf;
  }

  /** The leaf whose gradient this node accumulates. */
  public Tensor variable() {
    return leaf;
  }

  @Override
  protected Tensor[] apply(Tensor gradOutput) {
    leaf.accumulateGrad(gradOutput);
    return new Tensor[0];
  }

  /** {@link #apply}, told whether the engine holds the only reference to the gradient's buffer. */
  Tensor[] accumulate(Tensor gradOutput, boolean exclusive) {
    leaf.accumulateGrad(gradOutput, exclusive);
    return new Tensor[0];
  }
}

package io.jgrad.autograd;

import io.jgrad.Tensor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A step of the backward graph: maps the gradient of its output to gradients of its inputs.
 *
 * <p>{@code y.gradFn().get().name()} is {@code "MulBackward0"} for {@code y = a.mul(b)}. Each
 * {@link #next()} edge points to the node that produced the corresponding input, or to the input's
 * gradient accumulator when it is a leaf, or is {@code null} for inputs without grad.
 */
public abstract class Node {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final String name;
  private final Node[] next;
  private final long sequenceNr;
  private Tensor retainedGradTarget;

  /** A node with the given name and input edges. */
  protected Node(String name, Node[] next) {
    this.name = name;
    this.next = next;
    this.sequenceNr = SEQUENCE.incrementAndGet();
  }

  /** PyTorch's name for this backward function, such as {@code AddBackward0}. */
  public String name() {
    return name;
  }

  /** The nodes that receive this node's input gradients, one per input ({@code null} = none). */
  public Node[] next() {
    return next.clone();
  }

  Node nextAt(int i) {
    return next[i];
  }

  int nextCount() {
    return next.length;
  }

  long sequenceNr() {
    return sequenceNr;
  }

  /** Computes input gradients from the output gradient; entries may be null. */
  protected abstract Tensor[] apply(Tensor gradOutput);

  /** Drops saved tensors; a later backward through this node fails with a clear message. */
  protected void release() {}

  void retainGradInto(Tensor target) {
    retainedGradTarget = target;
  }

  Tensor retainedGradTarget() {
    return retainedGradTarget;
  }

  @Override
  public String toString() {
    return "<" + name + ">";
  }
}

package io.jgrad.autograd;

import io.jgrad.Tensor;

/**
 * Recording of operations for backward, and the entry points that run it.
 *
 * <p>Op implementations call {@code Autograd.record(out, "MulBackward0", fn, saved, a, b)} after
 * computing {@code out} when {@link #needsGrad} holds. Users call {@code loss.backward()}.
 */
public final class Autograd {
  private Autograd() {}

  /** Whether an op on these inputs must record history: grad mode on and an input needs grad. */
  public static boolean needsGrad(Tensor a) {
    return a.requiresGrad() && GradMode.isEnabled();
  }

  /** Whether an op on these inputs must record history. */
  public static boolean needsGrad(Tensor a, Tensor b) {
    return (a.requiresGrad() || b.requiresGrad()) && GradMode.isEnabled();
  }

  /** Whether an op on these inputs must record history. */
  public static boolean needsGrad(Tensor... inputs) {
    if (!GradMode.isEnabled()) {
      return false;
    }
    for (Tensor t : inputs) {
      if (t != null && t.requiresGrad()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Makes {@code result} the output of a new node with derivative {@code function}.
   *
   * @param saved tensors the function reads, checked for in-place modification at backward time
   * @return {@code result}, now requiring grad with {@code gradFn} set
   */
  public static Tensor record(
      Tensor result,
      String name,
      BackwardFunction function,
      SavedTensor[] saved,
      Tensor... inputs) {
    Node[] next = new Node[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      next[i] = edgeOf(inputs[i]);
    }
    result.setHistory(new FunctionNode(name, next, function, saved));
    return result;
  }

  /** Convenience for ops that save nothing version-sensitive. */
  public static Tensor record(
      Tensor result, String name, BackwardFunction function, Tensor... inputs) {
    return record(result, name, function, new SavedTensor[0], inputs);
  }

  private static Node edgeOf(Tensor input) {
    if (input == null || !input.requiresGrad()) {
      return null;
    }
    return input.gradFn().orElseGet(() -> input.gradAccumulator());
  }

  /** A new gradient accumulator for {@code leaf}; tensors cache theirs. */
  public static AccumulateGrad newGradAccumulator(Tensor leaf) {
    return new AccumulateGrad(leaf);
  }

  /** Arranges for {@code tensor}'s gradient to be stored even though it is not a leaf. */
  public static void retainGrad(Tensor tensor, Node producer) {
    producer.retainGradInto(tensor);
  }

  /**
   * Runs backward from {@code root} with incoming gradient {@code gradient}.
   *
   * @param retainGraph keep saved tensors so backward can run through this graph again
   * @param createGraph record the backward computation itself, for higher-order derivatives
   */
  public static void backward(
      Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    Engine.run(root, gradient, retainGraph, createGraph);
  }
}

package io.jgrad.autograd;

import io.jgrad.Tensor;
import io.jgrad.backend.Storage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Executes the backward graph: topological order by dependency count, ties broken by the most
 * recently created node first, as PyTorch's engine does on one device.
 */
final class Engine {
  /** Ties in readiness go to the most recently created node. */
  private static final Comparator<Node> NEWEST_FIRST =
      Comparator.comparingLong(Node::sequenceNr).reversed();

  private Engine() {}

  /** What the pass knows about one node: inputs still to come, and the gradient so far. */
  private static final class Pending {
    int dependencies;
    Tensor grad;

    /** Whether only this pass holds grad's buffer (made during it, handed to this node alone). */
    boolean owned;
  }

  static void run(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    Node rootNode =
        root.gradFn().orElseGet(() -> root.requiresGrad() ? root.gradAccumulator() : null);
    if (rootNode == null) {
      throw new IllegalStateException(
          "element 0 of tensors does not require grad and does not have a grad_fn");
    }
    Map<Node, Pending> pending = countDependencies(rootNode);
    pending.get(rootNode).grad = gradient;
    // A leaf may keep an owned buffer as its gradient instead of copying it, as PyTorch steals a
    // gradient whose use count is 1; storages numbered after this mark were made by this pass.
    long mark = Storage.lastSerial();
    PriorityQueue<Node> ready = new PriorityQueue<>(NEWEST_FIRST);
    ready.add(rootNode);
    List<Node> visited = new ArrayList<>();
    try (GradMode.Scope mode = createGraph ? GradMode.enableGrad() : GradMode.noGrad()) {
      while (!ready.isEmpty()) {
        Node node = ready.poll();
        visited.add(node);
        Pending state = pending.get(node);
        Tensor grad = state.grad;
        boolean gradOwned = state.owned;
        state.grad = null;
        Tensor retained = node.retainedGradTarget();
        if (retained != null) {
          retained.accumulateGrad(grad); // a copy: grad may still flow on
        }
        Tensor[] inputGrads =
            node instanceof AccumulateGrad sink
                ? sink.accumulate(grad, gradOwned)
                : node.apply(grad);
        for (int i = 0; i < node.nextCount(); i++) {
          Node next = node.nextAt(i);
          if (next == null) {
            continue;
          }
          Pending target = pending.get(next);
          Tensor g = i < inputGrads.length ? inputGrads[i] : null;
          if (g != null) {
            if (target.grad == null) {
              target.grad = g;
              target.owned = !createGraph && exclusive(inputGrads, i, grad, gradOwned, mark);
            } else {
              target.grad = target.grad.add(g);
              target.owned = !createGraph;
            }
          }
          if (--target.dependencies == 0) {
            if (target.grad != null) {
              ready.add(next);
            } else {
              // No gradient reached this node (all inputs to it were null): skip its subgraph
              // but keep counting down its children so shared descendants still run.
              skip(next, pending, ready, visited);
            }
          }
        }
      }
    } finally {
      if (!retainGraph) {
        for (Node node : visited) {
          node.release();
        }
      }
    }
  }

  /**
   * Whether output {@code i} of a node is a buffer nobody else holds: its storage was made during
   * this pass (so it is no user's tensor and no saved tensor), no other output of the node shares
   * it, and if it is the node's incoming gradient's storage (a view or pass-through) that one was
   * exclusive too.
   */
  private static boolean exclusive(
      Tensor[] outputs, int i, Tensor incoming, boolean incomingOwned, long mark) {
    Storage storage = outputs[i].storage();
    if (storage.serial() <= mark || (storage == incoming.storage() && !incomingOwned)) {
      return false;
    }
    for (int j = 0; j < outputs.length; j++) {
      if (j != i && outputs[j] != null && outputs[j].storage() == storage) {
        return false;
      }
    }
    return true;
  }

  private static void skip(
      Node node, Map<Node, Pending> pending, PriorityQueue<Node> ready, List<Node> visited) {
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(node);
    while (!stack.isEmpty()) {
      Node current = stack.pop();
      visited.add(current);
      for (int i = 0; i < current.nextCount(); i++) {
        Node next = current.nextAt(i);
        if (next == null) {
          continue;
        }
        Pending target = pending.get(next);
        if (--target.dependencies == 0) {
          if (target.grad != null) {
            ready.add(next);
          } else {
            stack.push(next);
          }
        }
      }
    }
  }

  /** Every node reachable from root, with the number of edges that reach it. */
  private static Map<Node, Pending> countDependencies(Node root) {
    Map<Node, Pending> pending = new IdentityHashMap<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    pending.put(root, new Pending());
    stack.push(root);
    while (!stack.isEmpty()) {
      Node node = stack.pop();
      for (int i = 0; i < node.nextCount(); i++) {
        Node next = node.nextAt(i);
        if (next == null) {
          continue;
        }
        Pending state = pending.get(next);
        if (state == null) {
          state = new Pending();
          pending.put(next, state);
          stack.push(next);
        }
        state.dependencies++;
      }
    }
    return pending;
  }
}

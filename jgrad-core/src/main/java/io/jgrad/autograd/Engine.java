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
  private Engine() {}

  static void run(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    Node rootNode =
        root.gradFn().orElseGet(() -> root.requiresGrad() ? root.gradAccumulator() : null);
    if (rootNode == null) {
      throw new IllegalStateException(
          "element 0 of tensors does not require grad and does not have a grad_fn");
    }
    Map<Node, Integer> dependencies = countDependencies(rootNode);
    Map<Node, Tensor> buffers = new IdentityHashMap<>();
    buffers.put(rootNode, gradient);
    // Buffers only this pass holds (made during it, handed to one node): a leaf may keep one as
    // its gradient instead of copying it, as PyTorch steals a gradient whose use count is 1.
    long mark = Storage.lastSerial();
    Map<Node, Boolean> owned = new IdentityHashMap<>();
    PriorityQueue<Node> ready =
        new PriorityQueue<>(Comparator.comparingLong(Node::sequenceNr).reversed());
    ready.add(rootNode);
    List<Node> visited = new ArrayList<>();
    try (GradMode.Scope mode = createGraph ? GradMode.enableGrad() : GradMode.noGrad()) {
      while (!ready.isEmpty()) {
        Node node = ready.poll();
        visited.add(node);
        Tensor grad = buffers.remove(node);
        boolean gradOwned = owned.remove(node) == Boolean.TRUE;
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
          Tensor g = i < inputGrads.length ? inputGrads[i] : null;
          if (g != null) {
            Tensor existing = buffers.get(next);
            if (existing == null) {
              buffers.put(next, g);
              owned.put(next, !createGraph && exclusive(inputGrads, i, grad, gradOwned, mark));
            } else {
              buffers.put(next, existing.add(g));
              owned.put(next, !createGraph);
            }
          }
          int remaining = dependencies.merge(next, -1, Integer::sum);
          if (remaining == 0) {
            if (buffers.containsKey(next)) {
              ready.add(next);
            } else {
              // No gradient reached this node (all inputs to it were null): skip its subgraph
              // but keep counting down its children so shared descendants still run.
              skip(next, dependencies, buffers, ready, visited);
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
      Node node,
      Map<Node, Integer> dependencies,
      Map<Node, Tensor> buffers,
      PriorityQueue<Node> ready,
      List<Node> visited) {
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
        if (dependencies.merge(next, -1, Integer::sum) == 0) {
          if (buffers.containsKey(next)) {
            ready.add(next);
          } else {
            stack.push(next);
          }
        }
      }
    }
  }

  private static Map<Node, Integer> countDependencies(Node root) {
    Map<Node, Integer> dependencies = new IdentityHashMap<>();
    Map<Node, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    seen.put(root, Boolean.TRUE);
    while (!stack.isEmpty()) {
      Node node = stack.pop();
      for (int i = 0; i < node.nextCount(); i++) {
        Node next = node.nextAt(i);
        if (next == null) {
          continue;
        }
        dependencies.merge(next, 1, Integer::sum);
        if (seen.put(next, Boolean.TRUE) == null) {
          stack.push(next);
        }
      }
    }
    return dependencies;
  }
}

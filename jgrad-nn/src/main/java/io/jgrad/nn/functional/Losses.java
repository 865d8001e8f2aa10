package io.jgrad.nn.functional;

import static io.jgrad.JGrad.scalar;
import static io.jgrad.JGrad.where;

import io.jgrad.DType;
import io.jgrad.Size;
import io.jgrad.Tensor;
import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.GradMode;
import io.jgrad.autograd.SavedTensor;
import io.jgrad.nn.Reduction;
import io.jgrad.ops.Elementwise;

/**
 * Loss formulas behind {@link F}, following ATen's Loss.cpp and LossNLL.cpp; {@code weight} and
 * {@code posWeight} are null when absent (this class is internal, its callers take Optionals).
 */
final class Losses {
  private Losses() {}

  static Tensor reduce(Tensor loss, Reduction reduction) {
    return switch (reduction) {
      case NONE -> loss;
      case MEAN -> loss.mean();
      case SUM -> loss.sum();
    };
  }

  /** Checks that input and target broadcast (PyTorch only warns when their sizes differ). */
  private static void checkBroadcast(String op, Tensor input, Tensor target) {
    int[] a = input.shape().toIntArray();
    int[] b = target.shape().toIntArray();
    for (int i = 1; i <= Math.min(a.length, b.length); i++) {
      int x = a[a.length - i];
      int y = b[b.length - i];
      if (x != y && x != 1 && y != 1) {
        throw new IllegalArgumentException(
            op
                + ": the size of input "
                + input.shape()
                + " must broadcast with the size of target "
                + target.shape()
                + " ("
                + x
                + " vs "
                + y
                + " at dimension "
                + (Math.max(a.length, b.length) - i)
                + ")");
      }
    }
  }

  static Tensor mse(Tensor input, Tensor target, Reduction reduction) {
    checkBroadcast("mse_loss", input, target);
    if (reduction == Reduction.NONE
        || !input.shape().equals(target.shape())
        || input.dtype() != target.dtype()
        || !input.dtype().isFloatingPoint()
        || !input.device().equals(target.device())) {
      return reduce(input.sub(target).pow(2), reduction);
    }
    return reducedMse(input, target, reduction);
  }

  /**
   * A reduced squared error as ATen's {@code mse_loss}: the forward {@code (input - target)^2}
   * summed (in one pass where the backend fuses it), and one node whose backward is ATen's {@code
   * mse_loss_backward}, {@code norm * (input - target) * grad} with norm 2 or 2/n.
   */
  private static Tensor reducedMse(Tensor input, Tensor target, Reduction reduction) {
    Tensor x = input.detach();
    Tensor t = target.detach();
    int n = input.numel();
    Tensor loss;
    try (var noGrad = GradMode.noGrad()) {
      loss = Elementwise.empty(new int[0], x.dtype(), x.device());
      if (!x.backend().sumOfSquaredDifferences(x, t, loss)) {
        loss = x.sub(t).pow(2).sum();
      }
      if (reduction == Reduction.MEAN) {
        loss = loss.div((double) n);
      }
    }
    if (!Autograd.needsGrad(input, target)) {
      return loss;
    }
    var savedInput = SavedTensor.save(input, "MseLossBackward0");
    var savedTarget = SavedTensor.save(target, "MseLossBackward0");
    double norm = reduction == Reduction.MEAN ? 2.0 / n : 2.0;
    return Autograd.record(
        loss,
        "MseLossBackward0",
        (g, needs) -> {
          Tensor d = savedInput.get().sub(savedTarget.get());
          // In place unless this backward is itself recorded (createGraph).
          Tensor grad = GradMode.isEnabled() ? d.mul(norm).mul(g) : d.mul_(norm).mul_(g);
          return new Tensor[] {needs[0] ? grad : null, needs[1] ? grad.neg() : null};
        },
        new SavedTensor[] {savedInput, savedTarget},
        input,
        target);
  }

  static Tensor l1(Tensor input, Tensor target, Reduction reduction) {
    checkBroadcast("l1_loss", input, target);
    return reduce(input.sub(target).abs(), reduction);
  }

  static Tensor smoothL1(Tensor input, Tensor target, Reduction reduction, double beta) {
    if (beta < 0) {
      throw new IllegalArgumentException(
          "smooth_l1_loss does not support negative values for beta (got " + beta + ")");
    }
    if (beta == 0) {
      return l1(input, target, reduction);
    }
    checkBroadcast("smooth_l1_loss", input, target);
    Tensor z = input.sub(target).abs();
    return reduce(where(z.lt(beta), z.pow(2).mul(0.5 / beta), z.sub(0.5 * beta)), reduction);
  }

  static Tensor huber(Tensor input, Tensor target, Reduction reduction, double delta) {
    if (!(delta > 0)) {
      throw new IllegalArgumentException(
          "huber_loss does not support non-positive values for delta (got " + delta + ")");
    }
    checkBroadcast("huber_loss", input, target);
    Tensor z = input.sub(target).abs();
    return reduce(where(z.lt(delta), z.pow(2).mul(0.5), z.sub(0.5 * delta).mul(delta)), reduction);
  }

  static Tensor bce(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
    if (!input.shape().equals(target.shape())) {
      throw new IllegalArgumentException(
          "Using a target size ("
              + target.shape()
              + ") that is "
              + "different to the input size ("
              + input.shape()
              + ") is deprecated. Please ensure "
              + "they have the same size.");
    }
    // PyTorch clamps each log at -100 so a probability of exactly 0 or 1 gives a finite loss.
    Tensor logP = input.log().clampMin(-100);
    Tensor log1mP = input.rsub(1).log().clampMin(-100);
    Tensor loss = target.mul(logP).add(target.rsub(1).mul(log1mP)).neg();
    if (weight != null) {
      loss = loss.mul(weight);
    }
    return reduce(loss, reduction);
  }

  static Tensor bceWithLogits(
      Tensor input, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
    if (!input.shape().equals(target.shape())) {
      throw new IllegalArgumentException(
          "Target size ("
              + target.shape()
              + ") must be the same "
              + "as input size ("
              + input.shape()
              + ")");
    }
    // ATen: loss = (1 - t)·x - lw·logsigmoid(x), lw = (pw - 1)·t + 1; logsigmoid computed stably.
    Tensor logSigmoid = logSigmoid(input);
    Tensor loss;
    if (posWeight != null) {
      Tensor logWeight = posWeight.sub(1).mul(target).add(1);
      loss = target.rsub(1).mul(input).sub(logWeight.mul(logSigmoid));
    } else {
      loss = target.rsub(1).mul(input).sub(logSigmoid);
    }
    if (weight != null) {
      loss = loss.mul(weight);
    }
    return reduce(loss, reduction);
  }

  /** log(sigmoid(x)) = min(x, 0) - log1p(exp(-|x|)), with each branch fed clamped inputs. */
  private static Tensor logSigmoid(Tensor x) {
    // Two branches on clamped inputs, so the unselected one never overflows and its zero
    // gradient never meets an infinity: x ≥ 0 → -log1p(exp(-x)); x < 0 → x - log1p(exp(x)).
    Tensor positive = x.clampMin(0);
    Tensor negative = x.clampMax(0);
    Tensor forPositive = positive.neg().exp().log1p().neg();
    Tensor forNegative = negative.sub(negative.exp().log1p());
    return where(x.ge(0), forPositive, forNegative);
  }

  /** Input [N, C, d...] as rows [M, C] and target [N, d...] as [M]; 1-d input is one row. */
  private record Rows(Tensor input, Tensor target, Size lossShape, int classes) {}

  private static Rows toRows(String op, Tensor input, Tensor target) {
    if (target.dtype() != DType.INT64) {
      throw new IllegalArgumentException(
          op + ": expected scalar type Long for class-index target but found " + target.dtype());
    }
    if (input.dim() < 1) {
      throw new IllegalArgumentException(op + ": input must have at least 1 dim (got 0)");
    }
    if (input.dim() == 1) {
      if (target.dim() != 0) {
        throw new IllegalArgumentException(
            op + ": 1D input expects a 0-d target, got shape " + target.shape());
      }
      return new Rows(input.unsqueeze(0), target.view(1), Size.of(), input.size(0));
    }
    int classes = input.size(1);
    if (input.size(0) != target.size(0) || target.dim() != input.dim() - 1) {
      throw new IllegalArgumentException(
          op
              + ": Expected input batch_size ("
              + input.size(0)
              + ") to match target batch_size ("
              + (target.dim() == 0 ? 0 : target.size(0))
              + ") and target shape "
              + target.shape()
              + " to be input shape "
              + input.shape()
              + " without dim 1");
    }
    for (int d = 2; d < input.dim(); d++) {
      if (input.size(d) != target.size(d - 1)) {
        throw new IllegalArgumentException(
            op
                + ": expected target size "
                + target.shape()
                + " to match input size "
                + input.shape()
                + " without the class dimension");
      }
    }
    Tensor rows =
        input.dim() == 2 ? input : input.permute(classesLast(input.dim())).reshape(-1, classes);
    return new Rows(rows, target.reshape(-1), target.shape(), classes);
  }

  private static int[] classesLast(int rank) {
    int[] order = new int[rank];
    for (int d = 0, k = 0; d < rank; d++) {
      if (d != 1) {
        order[k++] = d;
      }
    }
    order[rank - 1] = 1;
    return order;
  }

  /** Class indices made safe for gather (ignored → 0), plus the kept-mask as input's dtype. */
  private record Picks(Tensor safeTarget, Tensor keep) {}

  private static Picks picks(Rows rows, int ignoreIndex) {
    long[] values = rows.target().toLongArray();
    for (long v : values) {
      if (v != ignoreIndex && (v < 0 || v >= rows.classes())) {
        throw new IndexOutOfBoundsException("Target " + v + " is out of bounds.");
      }
    }
    Tensor ignored = rows.target().eq(ignoreIndex);
    Tensor safe = where(ignored, scalar(0L), rows.target());
    Tensor keep = ignored.logicalNot().to(rows.input().dtype());
    return new Picks(safe, keep);
  }

  static Tensor nll(
      Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
    Rows rows = toRows("nll_loss", input, target);
    checkWeight("nll_loss", weight, rows.classes());
    Picks picks = picks(rows, ignoreIndex);
    Tensor picked = rows.input().gather(1, picks.safeTarget().unsqueeze(1)).squeeze(1);
    Tensor w =
        weight == null ? picks.keep() : weight.indexSelect(0, picks.safeTarget()).mul(picks.keep());
    Tensor loss = picked.mul(w).neg();
    return switch (reduction) {
      case NONE -> loss.reshape(rows.lossShape().toIntArray());
      case SUM -> loss.sum();
      // Weighted mean over non-ignored targets; 0/0 = nan when all are ignored, as PyTorch.
      case MEAN -> loss.sum().div(w.sum());
    };
  }

  private static void checkWeight(String op, Tensor weight, int classes) {
    if (weight != null && (weight.dim() != 1 || weight.numel() != classes)) {
      throw new IllegalArgumentException(
          op
              + ": weight tensor should be defined either for all "
              + classes
              + " classes or no classes but got weight tensor of shape: "
              + weight.shape());
    }
  }

  static Tensor crossEntropy(
      Tensor input,
      Tensor target,
      Tensor weight,
      int ignoreIndex,
      Reduction reduction,
      double labelSmoothing) {
    if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
      throw new IllegalArgumentException(
          "label_smoothing must be between 0.0 and 1.0. Got: " + labelSmoothing);
    }
    int classDim = input.dim() == 1 ? 0 : 1;
    Tensor logP = input.logSoftmax(classDim);
    if (input.shape().equals(target.shape())) {
      return crossEntropyWithProbabilities(logP, target, weight, reduction, labelSmoothing);
    }
    Tensor nllLoss = nll(logP, target, weight, ignoreIndex, reduction);
    if (labelSmoothing == 0) {
      return nllLoss;
    }
    // ATen's cross_entropy_loss_label_smoothing: mix NLL with the (weighted) uniform-target loss.
    Rows rows = toRows("cross_entropy", logP, target);
    Picks picks = picks(rows, ignoreIndex);
    Tensor perClass = weight == null ? rows.input() : rows.input().mul(weight);
    Tensor smooth = perClass.sum(1).neg().mul(picks.keep());
    Tensor smoothReduced =
        switch (reduction) {
          case NONE -> smooth.reshape(rows.lossShape().toIntArray());
          case SUM -> smooth.sum();
          case MEAN ->
              weight == null
                  ? smooth.sum().div(picks.keep().sum())
                  : smooth
                      .sum()
                      .div(weight.indexSelect(0, picks.safeTarget()).mul(picks.keep()).sum());
        };
    return nllLoss.mul(1 - labelSmoothing).add(smoothReduced.mul(labelSmoothing / rows.classes()));
  }

  private static Tensor crossEntropyWithProbabilities(
      Tensor logP, Tensor target, Tensor weight, Reduction reduction, double labelSmoothing) {
    if (!target.dtype().isFloatingPoint()) {
      throw new IllegalArgumentException(
          "cross_entropy: Expected floating point type for target "
              + "with class probabilities, got "
              + target.dtype());
    }
    int classDim = logP.dim() == 1 ? 0 : 1;
    int classes = logP.size(classDim);
    checkWeight("cross_entropy", weight, classes);
    Tensor t =
        labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
    Tensor terms = logP.mul(t);
    if (weight != null) {
      int[] shape = new int[logP.dim()];
      java.util.Arrays.fill(shape, 1);
      shape[classDim] = classes;
      terms = terms.mul(weight.view(shape));
    }
    return switch (reduction) {
      case NONE -> terms.sum(classDim).neg();
      case SUM -> terms.sum().neg();
      case MEAN -> terms.sum().neg().div((double) logP.numel() / classes);
    };
  }
}

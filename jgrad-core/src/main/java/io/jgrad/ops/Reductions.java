package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.ValuesIndices;
import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.SavedTensor;
import java.util.Arrays;

/**
 * Reductions over all or some dimensions, with {@code keepdim}, and softmax.
 *
 * <p>Reached through {@code Tensor} methods: {@code x.mean(1, true)} on [2,3] gives [2,1].
 */
public final class Reductions {
  private Reductions() {}

  /** Wraps, de-duplicates and sorts dims; an empty array means all dimensions. */
  public static int[] normalizeDims(int[] dims, int rank) {
    if (dims.length == 0) {
      int[] all = new int[rank];
      for (int i = 0; i < rank; i++) {
        all[i] = i;
      }
      return all;
    }
    boolean[] seen = new boolean[Math.max(rank, 1)];
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      int d = Checks.wrapDim(dims[i], rank);
      Checks.checkArgument(!seen[d], "dim %s appears multiple times in the list of dims", d);
      seen[d] = true;
      out[i] = d;
    }
    Arrays.sort(out);
    return rank == 0 ? new int[0] : out;
  }

  private static int[] keptShape(int[] shape, int[] dims) {
    int[] kept = shape.clone();
    for (int d : dims) {
      kept[d] = 1;
    }
    return kept;
  }

  private static int[] squeezedShape(int[] shape, int[] dims) {
    int[] out = new int[shape.length - dims.length];
    for (int i = 0, j = 0, k = 0; i < shape.length; i++) {
      if (k < dims.length && dims[k] == i) {
        k++;
      } else {
        out[j++] = shape[i];
      }
    }
    return out;
  }

  private static Tensor reduceRaw(
      ReduceOp op, Tensor x, int[] dims, boolean keepdim, DType outType) {
    int[] shape = x.layout().shape();
    Tensor out = Elementwise.empty(keptShape(shape, dims), outType, x.device());
    if (x.numel() > 0 || op == ReduceOp.SUM || op == ReduceOp.PROD) {
      if (op == ReduceOp.PROD && x.numel() == 0) {
        out.backend().fill(out, 1);
      } else if (x.numel() > 0) {
        out.backend().reduce(op, x, dims, out);
      }
    }
    return keepdim ? out : out.view(squeezedShape(shape, dims));
  }

  /** Restores reduced dims (size 1) so {@code g} broadcasts against the input. */
  static Tensor unsqueezeReduced(Tensor g, int[] inputShape, int[] dims, boolean keepdim) {
    return keepdim ? g : g.view(keptShape(inputShape, dims));
  }

  /** Sum over {@code dims} (all when empty); integer inputs sum to int64. */
  public static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
    int[] d = normalizeDims(dims, x.dim());
    DType outType = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
    Tensor out = reduceRaw(ReduceOp.SUM, x, d, keepdim, outType);
    if (Autograd.needsGrad(x)) {
      int[] shape = x.layout().shape();
      Autograd.record(
          out,
          "SumBackward" + (dims.length == 0 ? "0" : "1"),
          (g, needs) -> new Tensor[] {unsqueezeReduced(g, shape, d, keepdim).expand(shape)},
          x);
    }
    return out;
  }

  /** Mean over {@code dims} (all when empty); floating-point only, as in PyTorch. */
  public static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
    Checks.checkArgument(
        x.dtype().isFloatingPoint(),
        "mean(): could not infer output dtype. Input dtype must be either a floating point or "
            + "complex dtype. Got: %s",
        x.dtype());
    int[] d = normalizeDims(dims, x.dim());
    int count = 1;
    for (int k : d) {
      count *= x.layout().shape()[k];
    }
    Tensor out;
    try (var noGrad = io.jgrad.autograd.GradMode.noGrad()) {
      out = sum(x, d, keepdim).div((double) count);
    }
    if (Autograd.needsGrad(x)) {
      int[] shape = x.layout().shape();
      double n = count;
      Autograd.record(
          out,
          "MeanBackward" + (dims.length == 0 ? "0" : "1"),
          (g, needs) -> new Tensor[] {unsqueezeReduced(g, shape, d, keepdim).div(n).expand(shape)},
          x);
    }
    return out;
  }

  /** Variance with Bessel-style {@code correction} (1 = unbiased, PyTorch's default). */
  public static Tensor var(Tensor x, int[] dims, double correction, boolean keepdim) {
    int[] d = normalizeDims(dims, x.dim());
    int count = 1;
    for (int k : d) {
      count *= x.layout().shape()[k];
    }
    Tensor centered = x.sub(mean(x, d, true));
    return sum(centered.mul(centered), d, keepdim).div(Math.max(0, count - correction));
  }

  /** Standard deviation: {@code sqrt(var)}. */
  public static Tensor std(Tensor x, int[] dims, double correction, boolean keepdim) {
    return var(x, dims, correction, keepdim).sqrt();
  }

  /** Product over {@code dims} (all when empty). */
  public static Tensor prod(Tensor x, int[] dims, boolean keepdim) {
    int[] d = normalizeDims(dims, x.dim());
    DType outType = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
    Tensor out = reduceRaw(ReduceOp.PROD, x, d, keepdim, outType);
    if (Autograd.needsGrad(x)) {
      int[] shape = x.layout().shape();
      SavedTensor sx = SavedTensor.save(x, "ProdBackward0");
      SavedTensor so = SavedTensor.save(out, "ProdBackward0");
      // d prod / dx_i = product of the other elements: prod / x_i when the group has no zero;
      // with exactly one zero, the zero's slot gets the product of the rest and the others 0;
      // with two or more zeros, everything is 0 (PyTorch's prod_backward).
      Autograd.record(
          out,
          "ProdBackward" + (dims.length == 0 ? "0" : "1"),
          (g, needs) -> {
            Tensor xv = sx.get();
            Tensor grad = unsqueezeReduced(g, shape, d, keepdim);
            Tensor p = unsqueezeReduced(so.get(), shape, d, keepdim);
            Tensor isZero = xv.eq(0.0);
            Tensor zeros = sum(isZero.to(xv.dtype()), d, true);
            Tensor noZero = grad.mul(p).div(xv.maskedFill(isZero, 1.0)).maskedFill(isZero, 0.0);
            Tensor othersProduct = prod(xv.maskedFill(isZero, 1.0), d, true);
            Tensor oneZero = where(isZero, grad.mul(othersProduct), fullLike(xv, 0));
            Tensor result =
                where(zeros.eq(0.0), noZero, where(zeros.eq(1.0), oneZero, fullLike(xv, 0)));
            return new Tensor[] {result};
          },
          new SavedTensor[] {sx, so},
          x);
    }
    return out;
  }

  private static Tensor where(Tensor condition, Tensor a, Tensor b) {
    return Elementwise.where(condition, a, b);
  }

  private static Tensor fullLike(Tensor x, double value) {
    return Elementwise.full(x.layout().shape(), value, x.dtype(), x.device());
  }

  /** {@code amax}/{@code amin}: extreme values; the gradient is shared evenly among ties. */
  public static Tensor extreme(Tensor x, int[] dims, boolean keepdim, boolean max, String name) {
    int[] d = normalizeDims(dims, x.dim());
    if (x.numel() == 0) {
      // PyTorch allows empty inputs as long as no reduced dimension is itself empty.
      Checks.checkArgument(
          dims.length > 0,
          "%s(): Expected reduction dim to be specified for input.numel() == 0. Specify the "
              + "reduction dim with the 'dim' argument.",
          name);
      for (int k : d) {
        Checks.checkArgument(
            x.layout().shape()[k] > 0,
            "%s(): Expected reduction dim %s to have non-zero size.",
            name,
            k);
      }
    }
    Tensor out = reduceRaw(max ? ReduceOp.MAX : ReduceOp.MIN, x, d, keepdim, x.dtype());
    if (Autograd.needsGrad(x)) {
      int[] shape = x.layout().shape();
      SavedTensor sx = SavedTensor.save(x, name);
      SavedTensor so = SavedTensor.save(out, name);
      String node =
          name.equals("amax")
              ? "AmaxBackward0"
              : name.equals("amin") ? "AminBackward0" : max ? "MaxBackward1" : "MinBackward1";
      Autograd.record(
          out,
          node,
          (g, needs) -> {
            Tensor mask = sx.get().eq(unsqueezeReduced(so.get(), shape, d, keepdim)).to(g.dtype());
            Tensor count = sum(mask, d, true);
            return new Tensor[] {unsqueezeReduced(g, shape, d, keepdim).mul(mask).div(count)};
          },
          new SavedTensor[] {sx, so},
          x);
    }
    return out;
  }

  /** Index of the max (or min) along {@code dim}, or over the flattened tensor when null. */
  public static Tensor argExtreme(Tensor x, Integer dim, boolean keepdim, boolean max) {
    String name = max ? "argmax" : "argmin";
    if (dim == null) {
      Checks.checkArgument(
          x.numel() > 0,
          "%s(): Expected reduction dim to be specified for input.numel() == 0.",
          name);
      Tensor flat = x.reshape(x.numel());
      Tensor out =
          reduceRaw(
              max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, flat, new int[] {0}, false, DType.INT64);
      return keepdim
          ? out.view(keptShape(x.layout().shape(), normalizeDims(new int[0], x.dim())))
          : out;
    }
    int d = Checks.wrapDim(dim, x.dim());
    if (x.dim() == 0) {
      return Elementwise.scalarTensor(0, DType.INT64, x.device());
    }
    Checks.checkArgument(
        x.layout().shape()[d] > 0,
        "%s(): Expected reduction dim %s to have non-zero size.",
        name,
        d);
    return reduceRaw(
        max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, x, new int[] {d}, keepdim, DType.INT64);
  }

  /** {@code max(dim)}/{@code min(dim)}: values and their indices; gradient to the index taken. */
  public static ValuesIndices extremeWithIndices(Tensor x, int dim, boolean keepdim, boolean max) {
    int d = x.dim() == 0 ? 0 : Checks.wrapDim(dim, x.dim());
    Tensor indices = argExtreme(x, dim, true, max);
    Tensor values;
    if (x.dim() == 0) {
      values = x.clone();
      return new ValuesIndices(values, indices);
    }
    try (var noGrad = io.jgrad.autograd.GradMode.noGrad()) {
      values = Indexing.gather(x, d, indices);
    }
    if (Autograd.needsGrad(x)) {
      int[] shape = x.layout().shape();
      Tensor idx = indices;
      Autograd.record(
          values,
          max ? "MaxBackward0" : "MinBackward0",
          (g, needs) ->
              new Tensor[] {
                Indexing.scatterAdd(Elementwise.empty(shape, g.dtype(), g.device()), d, idx, g)
              },
          x);
    }
    if (!keepdim) {
      values = values.squeeze(d);
      indices = indices.squeeze(d);
    }
    return new ValuesIndices(values, indices);
  }

  /** {@code log(sum(exp(x)))} over {@code dims}, stabilised by the maximum. */
  public static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
    int[] d = normalizeDims(dims, x.dim());
    Tensor m;
    try (var noGrad = io.jgrad.autograd.GradMode.noGrad()) {
      // An empty reduction gives log(0) = -inf, as in PyTorch; there is no maximum to subtract.
      m =
          x.numel() == 0
              ? Elementwise.zerosLike(sum(x, d, true))
              : extreme(x, d, true, true, "logsumexp");
      m = m.maskedFill(m.abs().eq(Double.POSITIVE_INFINITY), 0.0);
    }
    Tensor result = sum(x.sub(m).exp(), d, true).log().add(m);
    return keepdim ? result : result.view(squeezedShape(x.layout().shape(), d));
  }

  /** Softmax (or log-softmax) along {@code dim}. */
  public static Tensor softmax(Tensor x, int dim, boolean log) {
    Tensor input = x.dtype().isFloatingPoint() ? x : x.to(DType.FLOAT32);
    if (x.dim() == 0) {
      input = input.reshape(1);
    }
    int d = Checks.wrapDim(dim, input.dim());
    Tensor out = Elementwise.empty(input.layout().shape(), input.dtype(), x.device());
    if (out.numel() > 0) {
      out.backend().softmax(input, d, log, out);
    }
    if (x.dim() == 0) {
      out = out.view();
    }
    if (Autograd.needsGrad(x)) {
      SavedTensor so = SavedTensor.save(out, log ? "LogSoftmaxBackward0" : "SoftmaxBackward0");
      int gd = x.dim() == 0 ? 0 : d;
      Autograd.record(
          out,
          log ? "LogSoftmaxBackward0" : "SoftmaxBackward0",
          (g, needs) -> {
            Tensor y = so.get();
            if (x.dim() == 0) {
              return new Tensor[] {log ? g.sub(g) : g.mul(0.0)};
            }
            // softmax: dx = y (g - sum(g y)); log-softmax: dx = g - e^y sum(g)
            Tensor grad =
                log
                    ? g.sub(y.exp().mul(sum(g, new int[] {gd}, true)))
                    : y.mul(g.sub(sum(g.mul(y), new int[] {gd}, true)));
            return new Tensor[] {grad};
          },
          new SavedTensor[] {so},
          x);
    }
    return out;
  }
}

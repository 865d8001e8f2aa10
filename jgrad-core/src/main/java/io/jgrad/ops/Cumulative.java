package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.JGrad;
import io.jgrad.Tensor;
import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.SavedTensor;

/**
 * Running sums and products along a dimension ({@code cumsum}, {@code cumprod}) with their
 * derivatives.
 *
 * <p>{@code Cumulative.cumsum(tensor(1.0, 2.0, 3.0), 0, false)} is {@code [1, 3, 6]}.
 *
 * <p>The scan runs on the host in one pass per row. Like PyTorch's CPU kernel, floating inputs
 * accumulate in double and each output is rounded to the input's dtype; integer and bool inputs
 * give int64.
 */
public final class Cumulative {
  private Cumulative() {}

  /** Running sum along {@code dim}; from the end backwards when {@code reverse}. */
  public static Tensor cumsum(Tensor x, int dim, boolean reverse) {
    int d = Checks.wrapDim(dim, x.dim());
    Tensor out = scan(x, d, false, reverse);
    if (Autograd.needsGrad(x)) {
      // d/dx_k of sum_{i<=j} x_i is 1 for every j >= k: the reversed running sum of the gradient.
      Autograd.record(
          out, "CumsumBackward0", (g, needs) -> new Tensor[] {cumsum(g, d, !reverse)}, x);
    }
    return out;
  }

  /**
   * Running product along {@code dim}.
   *
   * <p>Gradient: without zeros in the row, PyTorch's {@code reversed_cumsum(out * g) / x}; with
   * zeros, positions before the first zero use that formula, the first zero gets {@code sum_{j >=
   * z} g_j prod_{i <= j, i != z} x_i}, and later positions get 0, which is exact.
   */
  public static Tensor cumprod(Tensor x, int dim) {
    int d = Checks.wrapDim(dim, x.dim());
    Tensor out = scan(x, d, true, false);
    if (Autograd.needsGrad(x)) {
      SavedTensor sx = SavedTensor.save(x, "CumprodBackward0");
      SavedTensor so = SavedTensor.save(out, "CumprodBackward0");
      Autograd.record(
          out,
          "CumprodBackward0",
          (g, needs) -> new Tensor[] {cumprodBackward(g, sx.get(), so.get(), d)},
          new SavedTensor[] {sx, so},
          x);
    }
    return out;
  }

  private static Tensor cumprodBackward(Tensor g, Tensor x, Tensor out, int d) {
    if (x.numel() <= 1 || x.dim() == 0 || x.size(d) == 1) {
      return g;
    }
    Tensor w = out.mul(g);
    Tensor isZero = x.eq(0.0);
    if (isZero.sum().item() == 0) {
      return cumsum(w, d, true).div(x);
    }
    Tensor zerosSoFar = cumsum(isZero, d, false);
    Tensor beforeZero = zerosSoFar.eq(0.0);
    Tensor firstZero = isZero.logicalAnd(zerosSoFar.eq(1.0));
    Tensor safeX = JGrad.where(beforeZero, x, 1.0);
    Tensor before = JGrad.where(beforeZero, cumsum(w, d, true).div(safeX), 0.0);
    // The first zero's partials: the running product with that zero replaced by one.
    Tensor withoutZero = cumprod(JGrad.where(firstZero.logicalNot(), x, 1.0), d);
    Tensor atZero =
        JGrad.where(zerosSoFar.ge(1.0), withoutZero.mul(g), 0.0).sum(new int[] {d}, true);
    return before.add(JGrad.where(firstZero, atZero.expandAs(x), 0.0));
  }

  /** The forward scan, detached; rows along {@code d} are made contiguous on the host. */
  private static Tensor scan(Tensor x, int d, boolean product, boolean reverse) {
    DType outType = x.dtype().isFloatingPoint() ? x.dtype() : DType.INT64;
    if (x.dim() == 0) {
      return x.detach().to(outType).clone();
    }
    int n = x.layout().shape()[d];
    Tensor rows = x.detach().to(Device.CPU).transpose(d, -1).contiguous();
    int[] rowShape = rows.layout().shape();
    int count = n == 0 ? 0 : rows.numel() / n;
    Tensor result;
    if (outType.isFloatingPoint()) {
      double[] v = rows.toDoubleArray();
      for (int r = 0; r < count; r++) {
        double acc = product ? 1 : 0;
        for (int i = 0; i < n; i++) {
          int at = r * n + (reverse ? n - 1 - i : i);
          acc = product ? acc * v[at] : acc + v[at];
          v[at] = acc;
        }
      }
      result = JGrad.tensor(v, rowShape).to(outType);
    } else {
      long[] v = rows.toLongArray();
      for (int r = 0; r < count; r++) {
        long acc = product ? 1 : 0;
        for (int i = 0; i < n; i++) {
          int at = r * n + (reverse ? n - 1 - i : i);
          acc = product ? acc * v[at] : acc + v[at];
          v[at] = acc;
        }
      }
      result = JGrad.tensor(v, rowShape);
    }
    result = result.transpose(d, -1).contiguous();
    return x.device().isCpu() ? result : result.to(x.device());
  }
}

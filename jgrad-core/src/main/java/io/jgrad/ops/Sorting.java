package io.jgrad.ops;

import io.jgrad.Device;
import io.jgrad.JGrad;
import io.jgrad.Tensor;
import io.jgrad.ValuesIndices;
import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.GradMode;

/**
 * {@code sort}, {@code argsort} and {@code topk} along a dimension, with their derivatives.
 *
 * <p>{@code Sorting.sort(x, -1, true).indices()} ranks each row from largest to smallest.
 *
 * <p>The order is computed on the host in O(n log n) per row with a stable merge sort; NaN counts
 * as larger than every number (so it comes last ascending and first descending) and {@code -0.0}
 * equals {@code 0.0}, as in PyTorch. Values are then gathered from the input on its own device, so
 * their gradient scatters back to the chosen positions.
 */
public final class Sorting {
  private Sorting() {}

  /** Values sorted along {@code dim} with their original positions; stable for ties. */
  public static ValuesIndices sort(Tensor x, int dim, boolean descending) {
    Tensor indices = argsort(x, dim, descending);
    return new ValuesIndices(gatherValues(x, dim, indices, "SortBackward0"), indices);
  }

  /** The int64 positions that sort {@code x} along {@code dim}; stable for ties. */
  public static Tensor argsort(Tensor x, int dim, boolean descending) {
    int d = Checks.wrapDim(dim, x.dim());
    if (x.dim() == 0) {
      Tensor zero = JGrad.tensor(new long[] {0}, new int[0]);
      return x.device().isCpu() ? zero : zero.to(x.device());
    }
    int n = x.layout().shape()[d];
    // Rows along the last dim make each sort a contiguous run of the host array.
    Tensor rows = x.detach().to(Device.CPU).transpose(d, -1).contiguous();
    int[] rowShape = rows.layout().shape();
    int count = n == 0 ? 0 : rows.numel() / n;
    long[] order = new long[rows.numel()];
    if (x.dtype().isFloatingPoint()) {
      double[] values = rows.toDoubleArray();
      for (int r = 0; r < count; r++) {
        sortRow(order, r * n, n, (a, b) -> compareFloating(values[a], values[b], descending));
      }
    } else {
      long[] values = rows.toLongArray();
      for (int r = 0; r < count; r++) {
        sortRow(
            order,
            r * n,
            n,
            (a, b) ->
                descending
                    ? Long.compare(values[b], values[a])
                    : Long.compare(values[a], values[b]));
      }
    }
    Tensor result = JGrad.tensor(order, rowShape).transpose(d, -1).contiguous();
    return x.device().isCpu() ? result : result.to(x.device());
  }

  /**
   * The {@code k} largest (or smallest) values along {@code dim} and their positions.
   *
   * <p>The result is always in sorted order, also when {@code sorted} is false (PyTorch leaves that
   * order unspecified); ties keep their original order.
   */
  public static ValuesIndices topk(Tensor x, int k, int dim, boolean largest, boolean sorted) {
    int d = Checks.wrapDim(dim, x.dim());
    int size = x.dim() == 0 ? 1 : x.layout().shape()[d];
    Checks.checkArgument(k >= 0 && k <= size, "selected index k out of range");
    Tensor indices = argsort(x, dim, largest);
    if (x.dim() > 0) {
      indices = indices.narrow(d, 0, k).contiguous();
    } else if (k == 0) {
      throw new IllegalArgumentException("topk(): k = 0 is not supported on a 0-d tensor");
    }
    return new ValuesIndices(gatherValues(x, dim, indices, "TopkBackward0"), indices);
  }

  private static Tensor gatherValues(Tensor x, int dim, Tensor indices, String name) {
    if (x.dim() == 0) {
      return x.clone();
    }
    int d = Checks.wrapDim(dim, x.dim());
    Tensor values;
    try (var noGrad = GradMode.noGrad()) {
      values = Indexing.gather(x, d, indices);
    }
    if (Autograd.needsGrad(x)) {
      int[] shape = x.layout().shape();
      Autograd.record(
          values,
          name,
          (g, needs) ->
              new Tensor[] {
                Indexing.scatterAdd(Elementwise.empty(shape, g.dtype(), g.device()), d, indices, g)
              },
          x);
    }
    return values;
  }

  /** PyTorch's order: NaN above everything, -0.0 equal to 0.0. */
  private static int compareFloating(double a, double b, boolean descending) {
    if (descending) {
      double t = a;
      a = b;
      b = t;
    }
    boolean nanA = Double.isNaN(a);
    boolean nanB = Double.isNaN(b);
    if (nanA || nanB) {
      return nanA == nanB ? 0 : nanA ? 1 : -1;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }

  private interface IndexComparator {
    int compare(int a, int b);
  }

  /** Writes the stable order of the row starting at {@code offset} into {@code order}. */
  private static void sortRow(long[] order, int offset, int n, IndexComparator cmp) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    int[] buffer = new int[n];
    mergeSort(idx, buffer, 0, n, (a, b) -> cmp.compare(offset + a, offset + b));
    for (int i = 0; i < n; i++) {
      order[offset + i] = idx[i];
    }
  }

  /** Top-down merge sort of {@code a[lo, hi)}; taking from the left run on ties keeps it stable. */
  private static void mergeSort(int[] a, int[] buffer, int lo, int hi, IndexComparator cmp) {
    if (hi - lo < 2) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(a, buffer, lo, mid, cmp);
    mergeSort(a, buffer, mid, hi, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, lo, buffer, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (j >= hi || (i < mid && cmp.compare(buffer[i], buffer[j]) <= 0)) {
        a[k] = buffer[i++];
      } else {
        a[k] = buffer[j++];
      }
    }
  }
}

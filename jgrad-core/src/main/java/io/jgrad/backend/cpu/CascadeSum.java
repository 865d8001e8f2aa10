package io.jgrad.backend.cpu;

/**
 * Float32 sums in exactly PyTorch's order (aten/src/ATen/native/cpu/SumKernel.cpp, the AVX2 build
 * that x86 PyTorch dispatches sums to), so that printed losses match PyTorch to the last bit.
 *
 * <p>PyTorch splits a row into 8 lanes (one AVX2 vector), sums each lane with four interleaved
 * partial sums ("ilp") that are themselves folded in a four-level cascade, adds the scalar tail
 * first and the lanes last. Reductions over a leading dimension use the same cascade per column, in
 * column groups of 32, then 8, then 1. Checked against torch 2.13 for row lengths 1 to 32768. This
 * is the scalar reference; the Vector API twin runs the eight lanes as one vector.
 */
public final class CascadeSum {
  /** Floats per AVX2 vector: the lane count of PyTorch's vectorised sum. */
  public static final int LANES = 8;

  private static final int ILP = 4;
  private static final int LEVELS = 4;

  private CascadeSum() {}

  /** Sum of {@code n} contiguous floats starting at {@code offset}. */
  public static float innerSum(float[] a, int offset, int n) {
    return innerSumOfProducts(a, offset, null, 0, n);
  }

  /**
   * Sum of {@code a[i] * b[i]} over {@code n} contiguous pairs, each product rounded to float as an
   * elementwise multiply would, then summed in PyTorch's order: the same bits as {@code
   * a.mul(b).sum()} without the intermediate array. {@code b == null} sums {@code a} alone.
   */
  public static float innerSumOfProducts(float[] a, int offset, float[] b, int bOffset, int n) {
    if (n < LANES) {
      return rowSum(a, offset, b, bOffset, 1, n);
    }
    int vectors = n / LANES;
    float result = 0f;
    for (int k = vectors * LANES; k < n; k++) {
      result += load(a, offset + k, b, bOffset + k);
    }
    for (int lane = 0; lane < LANES; lane++) {
      result += rowSum(a, offset + lane, b, bOffset + lane, LANES, vectors);
    }
    return result;
  }

  private static float load(float[] a, int i, float[] b, int j) {
    return b == null ? a[i] : a[i] * b[j];
  }

  /**
   * Column sums of a row-major [rows, columns] block starting at {@code offset}, written to {@code
   * out[outOffset + c]}.
   */
  static void outerSum(float[] a, int offset, int rows, int columns, float[] out, int outOffset) {
    // PyTorch sums groups of 32 columns (of 4 when there are fewer than 8) with one cascade per
    // column, and the columns left over with row_sum's four interleaved cascades. Each column's
    // order depends only on the row index, so whole rows of columns are added at once.
    int group = columns >= LANES ? ILP * LANES : ILP;
    int cascaded = columns / group * group;
    if (cascaded > 0) {
      multiRowSum(a, offset, null, 0, columns, 1, cascaded, rows, out, outOffset);
    }
    if (cascaded < columns) {
      rowSums(
          a,
          offset + cascaded,
          null,
          0,
          columns,
          1,
          columns - cascaded,
          rows,
          out,
          outOffset + cascaded);
    }
  }

  /**
   * PyTorch's row_sum of {@code size} elements {@code stride} apart (of products when b is set).
   */
  private static float rowSum(float[] a, int offset, float[] b, int bOffset, int stride, int size) {
    float[] sum = new float[1];
    rowSums(a, offset, b, bOffset, stride, 1, 1, size, sum, 0);
    return sum[0];
  }

  /**
   * PyTorch's row_sum for each of {@code width} accumulators: four cascades over the steps 4i + q,
   * the tail steps added into the first, then the four added in order. Step i of accumulator k
   * reads {@code a[offset + i * stride + k * columnStride]} (times b's element at the same offset
   * from bOffset when b is not null) and the sums go to {@code out[outOffset + k]}.
   */
  private static void rowSums(
      float[] a,
      int offset,
      float[] b,
      int bOffset,
      int stride,
      int columnStride,
      int width,
      int size,
      float[] out,
      int outOffset) {
    int sizeIlp = size / ILP;
    float[][] partial = new float[ILP][width];
    for (int q = 0; q < ILP; q++) {
      multiRowSum(
          a,
          offset + q * stride,
          b,
          bOffset + q * stride,
          ILP * stride,
          columnStride,
          width,
          sizeIlp,
          partial[q],
          0);
    }
    float[] first = partial[0];
    for (int i = sizeIlp * ILP; i < size; i++) {
      accumulate(first, a, offset + i * stride, b, bOffset + i * stride, columnStride, width);
    }
    for (int k = 0; k < width; k++) {
      float result = first[k];
      for (int q = 1; q < ILP; q++) {
        result += partial[q][k];
      }
      out[outOffset + k] = result;
    }
  }

  /**
   * PyTorch's multi_row_sum: {@code nrows} accumulators over {@code size} steps {@code rowStride}
   * apart, folded through four levels every {@code 2^levelPower} steps so only similar magnitudes
   * meet; accumulator k reads {@code columnStride} further on. The sums go to {@code out[outOffset
   * + k]}.
   */
  private static void multiRowSum(
      float[] a,
      int offset,
      float[] b,
      int bOffset,
      int rowStride,
      int columnStride,
      int nrows,
      int size,
      float[] out,
      int outOffset) {
    int levelPower = Math.max(4, ceilLog2(size) / LEVELS);
    int levelStep = 1 << levelPower;
    long levelMask = levelStep - 1;
    float[][] acc = new float[LEVELS][nrows];
    float[] acc0 = acc[0];
    int i = 0;
    while (i + levelStep <= size) {
      for (int j = 0; j < levelStep; j++, i++) {
        accumulate(
            acc0, a, offset + i * rowStride, b, bOffset + i * rowStride, columnStride, nrows);
      }
      for (int j = 1; j < LEVELS; j++) {
        float[] up = acc[j];
        float[] down = acc[j - 1];
        for (int k = 0; k < nrows; k++) {
          up[k] += down[k];
          down[k] = 0f;
        }
        if ((i & (levelMask << (j * levelPower))) != 0) {
          break;
        }
      }
    }
    for (; i < size; i++) {
      accumulate(acc0, a, offset + i * rowStride, b, bOffset + i * rowStride, columnStride, nrows);
    }
    for (int j = 1; j < LEVELS; j++) {
      float[] level = acc[j];
      for (int k = 0; k < nrows; k++) {
        acc0[k] += level[k];
      }
    }
    System.arraycopy(acc0, 0, out, outOffset, nrows);
  }

  /** One step: {@code acc[k] += a[at + k * columnStride]} (times b's element) for k below n. */
  private static void accumulate(
      float[] acc, float[] a, int at, float[] b, int bAt, int columnStride, int n) {
    if (b == null && columnStride == 1) {
      for (int k = 0; k < n; k++) { // whole rows of columns: the loop the JIT vectorises
        acc[k] += a[at + k];
      }
      return;
    }
    for (int k = 0; k < n; k++) {
      acc[k] += load(a, at + k * columnStride, b, bAt + k * columnStride);
    }
  }

  private static int ceilLog2(int x) {
    return x <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
  }
}

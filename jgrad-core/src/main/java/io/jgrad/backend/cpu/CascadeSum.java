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
      columnCascades(a, offset, columns, rows, cascaded, out, outOffset);
    }
    if (cascaded < columns) {
      interleavedColumnSums(
          a, offset + cascaded, columns, rows, columns - cascaded, out, outOffset + cascaded);
    }
  }

  /**
   * {@link #rowSum} of each of {@code width} adjacent columns of a row-major block with row stride
   * {@code stride}: four cascades over the rows 4i + q, the tail rows into the first, then the four
   * added in order.
   */
  private static void interleavedColumnSums(
      float[] a, int offset, int stride, int rows, int width, float[] out, int outOffset) {
    int sizeIlp = rows / ILP;
    float[][] partial = new float[ILP][];
    for (int q = 0; q < ILP; q++) {
      partial[q] = new float[width];
      columnCascades(a, offset + q * stride, ILP * stride, sizeIlp, width, partial[q], 0);
    }
    float[] first = partial[0];
    for (int i = sizeIlp * ILP; i < rows; i++) {
      int row = offset + i * stride;
      for (int k = 0; k < width; k++) {
        first[k] += a[row + k];
      }
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
   * {@link #multiRowSum}'s cascade for each of {@code width} adjacent columns over {@code size}
   * steps {@code rowStride} apart: the level accumulators are rows of {@code width} floats, so each
   * step is one vectorisable add.
   */
  private static void columnCascades(
      float[] a, int offset, int rowStride, int size, int width, float[] out, int outOffset) {
    int levelPower = Math.max(4, ceilLog2(size) / LEVELS);
    int levelStep = 1 << levelPower;
    long levelMask = levelStep - 1;
    float[][] acc = new float[LEVELS][width];
    float[] acc0 = acc[0];
    int i = 0;
    while (i + levelStep <= size) {
      for (int j = 0; j < levelStep; j++, i++) {
        addRow(a, offset + i * rowStride, acc0, width);
      }
      for (int j = 1; j < LEVELS; j++) {
        float[] up = acc[j];
        float[] down = acc[j - 1];
        for (int k = 0; k < width; k++) {
          up[k] += down[k];
          down[k] = 0f;
        }
        if ((i & (levelMask << (j * levelPower))) != 0) {
          break;
        }
      }
    }
    for (; i < size; i++) {
      addRow(a, offset + i * rowStride, acc0, width);
    }
    for (int j = 1; j < LEVELS; j++) {
      float[] level = acc[j];
      for (int k = 0; k < width; k++) {
        acc0[k] += level[k];
      }
    }
    System.arraycopy(acc0, 0, out, outOffset, width);
  }

  private static void addRow(float[] a, int start, float[] acc, int width) {
    for (int k = 0; k < width; k++) {
      acc[k] += a[start + k];
    }
  }

  /** PyTorch's row_sum: four interleaved cascades over a strided row, then the tail. */
  public static float rowSum(float[] a, int offset, int stride, int size) {
    return rowSum(a, offset, null, 0, stride, size);
  }

  private static float rowSum(float[] a, int offset, float[] b, int bOffset, int stride, int size) {
    int sizeIlp = size / ILP;
    float[] partial =
        multiRowSum(a, offset, b, bOffset, stride * ILP, stride, ILP, sizeIlp, new float[ILP]);
    for (int i = sizeIlp * ILP; i < size; i++) {
      partial[0] += load(a, offset + i * stride, b, bOffset + i * stride);
    }
    float result = partial[0];
    for (int k = 1; k < ILP; k++) {
      result += partial[k];
    }
    return result;
  }

  /**
   * PyTorch's multi_row_sum: {@code nrows} accumulators over {@code size} steps, folded through
   * four levels every {@code 2^levelPower} steps so only similar magnitudes meet.
   */
  private static float[] multiRowSum(
      float[] a, int offset, int rowStride, int columnStride, int nrows, int size, float[] out) {
    return multiRowSum(a, offset, null, 0, rowStride, columnStride, nrows, size, out);
  }

  private static float[] multiRowSum(
      float[] a,
      int offset,
      float[] b,
      int bOffset,
      int rowStride,
      int columnStride,
      int nrows,
      int size,
      float[] out) {
    int levelPower = Math.max(4, ceilLog2(size) / LEVELS);
    int levelStep = 1 << levelPower;
    long levelMask = levelStep - 1;
    float[][] acc = new float[LEVELS][nrows];
    int i = 0;
    while (i + levelStep <= size) {
      for (int j = 0; j < levelStep; j++, i++) {
        int base = i * rowStride;
        for (int k = 0; k < nrows; k++) {
          acc[0][k] +=
              load(a, offset + base + k * columnStride, b, bOffset + base + k * columnStride);
        }
      }
      for (int j = 1; j < LEVELS; j++) {
        for (int k = 0; k < nrows; k++) {
          acc[j][k] += acc[j - 1][k];
          acc[j - 1][k] = 0f;
        }
        if ((i & (levelMask << (j * levelPower))) != 0) {
          break;
        }
      }
    }
    for (; i < size; i++) {
      int base = i * rowStride;
      for (int k = 0; k < nrows; k++) {
        acc[0][k] +=
            load(a, offset + base + k * columnStride, b, bOffset + base + k * columnStride);
      }
    }
    for (int j = 1; j < LEVELS; j++) {
      for (int k = 0; k < nrows; k++) {
        acc[0][k] += acc[j][k];
      }
    }
    System.arraycopy(acc[0], 0, out, 0, nrows);
    return out;
  }

  private static int ceilLog2(int x) {
    return x <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(x - 1);
  }
}

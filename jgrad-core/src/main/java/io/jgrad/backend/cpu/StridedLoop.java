package io.jgrad.backend.cpu;

/**
 * Walks several strided operands of one shape together, one innermost row at a time.
 *
 * <p>Adjacent dimensions that are contiguous for every operand are merged first, so contiguous
 * tensors become a single row and the per-row overhead disappears.
 */
final class StridedLoop {
  /** Receives the storage offset of each operand at the start of a row, and the row length. */
  @FunctionalInterface
  interface RowVisitor {
    void row(int[] offsets, int length);
  }

  private final int[] shape;
  private final int[][] strides;

  private StridedLoop(int[] shape, int[][] strides) {
    this.shape = shape;
    this.strides = strides;
  }

  /** A loop over {@code shape} with one stride array per operand. */
  static StridedLoop of(int[] shape, int[]... operandStrides) {
    int rank = shape.length;
    int[] mergedShape = new int[Math.max(rank, 1)];
    int[][] merged = new int[operandStrides.length][Math.max(rank, 1)];
    if (rank == 0) {
      mergedShape[0] = 1;
      return new StridedLoop(mergedShape, merged);
    }
    int out = 0;
    mergedShape[0] = shape[0];
    for (int k = 0; k < operandStrides.length; k++) {
      merged[k][0] = operandStrides[k][0];
    }
    for (int d = 1; d < rank; d++) {
      if (shape[d] == 1) {
        continue; // a length-1 dimension never moves any offset
      }
      boolean canMerge =
          mergedShape[out] == 1 || mergeable(merged, out, operandStrides, d, shape[d]);
      if (canMerge) {
        for (int k = 0; k < operandStrides.length; k++) {
          merged[k][out] = operandStrides[k][d];
        }
        mergedShape[out] *= shape[d];
      } else {
        out++;
        mergedShape[out] = shape[d];
        for (int k = 0; k < operandStrides.length; k++) {
          merged[k][out] = operandStrides[k][d];
        }
      }
    }
    int newRank = out + 1;
    int[] finalShape = java.util.Arrays.copyOf(mergedShape, newRank);
    int[][] finalStrides = new int[operandStrides.length][];
    for (int k = 0; k < operandStrides.length; k++) {
      finalStrides[k] = java.util.Arrays.copyOf(merged[k], newRank);
    }
    return new StridedLoop(finalShape, finalStrides);
  }

  private static boolean mergeable(int[][] merged, int out, int[][] strides, int d, int length) {
    for (int k = 0; k < strides.length; k++) {
      if (merged[k][out] != strides[k][d] * length) {
        return false;
      }
    }
    return true;
  }

  /** Stride of operand {@code k} along the innermost (row) dimension. */
  int innerStride(int k) {
    return strides[k][shape.length - 1];
  }

  /** Calls {@code visitor} once per row, with operand offsets starting at {@code base}. */
  void forEachRow(int[] base, RowVisitor visitor) {
    int rank = shape.length;
    int rowLength = shape[rank - 1];
    if (rowLength == 0) {
      return;
    }
    for (int d = 0; d < rank - 1; d++) {
      if (shape[d] == 0) {
        return;
      }
    }
    int operands = base.length;
    int[] offsets = base.clone();
    int[] counter = new int[rank];
    while (true) {
      visitor.row(offsets, rowLength);
      int d = rank - 2;
      while (d >= 0) {
        counter[d]++;
        for (int k = 0; k < operands; k++) {
          offsets[k] += strides[k][d];
        }
        if (counter[d] < shape[d]) {
          break;
        }
        for (int k = 0; k < operands; k++) {
          offsets[k] -= strides[k][d] * shape[d];
        }
        counter[d] = 0;
        d--;
      }
      if (d < 0) {
        return;
      }
    }
  }
}

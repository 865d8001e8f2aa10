package io.jgrad.backend.cuda;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The iteration space of an elementwise kernel after coalescing: size-1 dimensions dropped and
 * neighbouring dimensions merged where every operand steps through them as one (PyTorch's {@code
 * TensorIterator::coalesce_dimensions}). A contiguous [64, 128] view becomes one dimension of 8192;
 * a transposed one stays two.
 *
 * <p>{@code StridedGeometry.of(new int[] {2, 3}, new int[] {3, 1}).rank()} is 1.
 */
record StridedGeometry(int[] sizes, int[][] strides) {
  /**
   * Coalesces {@code shape} with one stride array per operand.
   *
   * @throws IllegalArgumentException when more than {@link KernelPrelude#MAX_DIMS} dimensions
   *     remain
   */
  static StridedGeometry of(int[] shape, int[]... operandStrides) {
    List<Integer> sizes = new ArrayList<>();
    List<int[]> strides = new ArrayList<>();
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] == 1) {
        continue;
      }
      int[] column = new int[operandStrides.length];
      for (int k = 0; k < operandStrides.length; k++) {
        column[k] = operandStrides[k][d];
      }
      if (!sizes.isEmpty()) {
        int last = sizes.size() - 1;
        int[] inner = strides.get(last);
        boolean mergeable = true;
        for (int k = 0; k < column.length; k++) {
          mergeable &= (long) column[k] == (long) inner[k] * sizes.get(last);
        }
        if (mergeable) {
          sizes.set(last, sizes.get(last) * shape[d]);
          continue;
        }
      }
      sizes.add(shape[d]);
      strides.add(column);
    }
    int rank = sizes.size();
    if (rank > KernelPrelude.MAX_DIMS) {
      throw new IllegalArgumentException(
          "cuda: kernels index at most "
              + KernelPrelude.MAX_DIMS
              + " dimensions after merging contiguous ones, but shape "
              + Arrays.toString(shape)
              + " keeps "
              + rank);
    }
    int[] outSizes = new int[rank];
    int[][] outStrides = new int[operandStrides.length][rank];
    for (int i = 0; i < rank; i++) {
      outSizes[rank - 1 - i] = sizes.get(i);
      for (int k = 0; k < operandStrides.length; k++) {
        outStrides[k][rank - 1 - i] = strides.get(i)[k];
      }
    }
    return new StridedGeometry(outSizes, outStrides);
  }

  /** Number of dimensions left. */
  int rank() {
    return sizes.length;
  }

  /** Whether every operand walks memory densely in row-major order (the {@code _contig} path). */
  boolean isContiguous() {
    if (rank() == 0) {
      return true;
    }
    if (rank() > 1) {
      return false;
    }
    for (int[] s : strides) {
      if (s[0] != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Threads per block and blocks for {@code n} elements with a grid-stride loop: 256 threads, at
   * most {@code maxBlocks} blocks (a few waves of the device), at least one.
   */
  static int[] launchShape(long n, int maxBlocks) {
    int threads = 256;
    long blocks = Math.max(1, Math.min((n + threads - 1) / threads, maxBlocks));
    return new int[] {(int) blocks, threads};
  }

  /** Threads per block for rows of {@code length}: a power of two from 32 to 256. */
  static int reductionThreads(long length) {
    int threads = 32;
    while (threads < ReductionSources.BLOCK && threads < length) {
      threads <<= 1;
    }
    return threads;
  }
}

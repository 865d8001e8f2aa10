package io.jgrad.backend.cpu;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import io.jgrad.ops.ReduceOp;

/**
 * Reductions: the reduced dimensions are moved last and made contiguous, then every output element
 * reduces one contiguous block. Float32 sums accumulate in double.
 */
final class ReductionKernels {
  private ReductionKernels() {}

  /**
   * A float32 sum over every dimension but one run of adjacent kept ones, of a contiguous x (a
   * convolution's bias gradient: [N, C, H, W] summed over 0, 2 and 3): x is [A, K, B] and each
   * output is the sum over A of contiguous rows of B, accumulated in double like the general path,
   * without first copying x into kept-major order.
   *
   * @return false, doing nothing, for other layouts
   */
  private static boolean keptRunSums(Tensor x, boolean[] reduced, Tensor out) {
    Layout xl = x.layout();
    int[] shape = xl.shape();
    int first = -1;
    int last = -1;
    for (int d = 0; d < shape.length; d++) {
      if (!reduced[d]) {
        if (first < 0) {
          first = d;
        } else if (last != d - 1) {
          return false; // kept dimensions not adjacent
        }
        last = d;
      }
    }
    if (first < 0 || !xl.isContiguous() || !out.layout().isContiguous()) {
      return false;
    }
    int outer = 1;
    int kept = 1;
    int inner = 1;
    for (int d = 0; d < shape.length; d++) {
      if (d < first) {
        outer *= shape[d];
      } else if (d <= last) {
        kept *= shape[d];
      } else {
        inner *= shape[d];
      }
    }
    float[] data = (float[]) x.storage().data();
    Storage target = out.storage();
    int outOffset = out.layout().offset();
    FloatKernels kernels = FloatKernels.active();
    for (int k = 0; k < kept; k++) {
      double total = 0;
      for (int a = 0; a < outer; a++) {
        total += kernels.sum(data, xl.offset() + (a * kept + k) * inner, inner);
      }
      target.setDouble(outOffset + k, total);
    }
    return true;
  }

  static void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out) {
    if (op == ReduceOp.SUM && x.dtype() == DType.FLOAT32 && pytorchOrderSum(x, dims, out)) {
      return;
    }
    Layout xl = x.layout();
    int rank = xl.dim();
    boolean[] reduced = new boolean[rank];
    for (int d : dims) {
      reduced[d] = true;
    }
    if (op == ReduceOp.SUM && x.dtype() == DType.FLOAT32 && keptRunSums(x, reduced, out)) {
      return;
    }
    int[] order = new int[rank];
    int k = 0;
    int blockSize = 1;
    for (int d = 0; d < rank; d++) {
      if (!reduced[d]) {
        order[k++] = d;
      }
    }
    for (int d = 0; d < rank; d++) {
      if (reduced[d]) {
        order[k++] = d;
        blockSize *= xl.shape()[d];
      }
    }
    Storage source = CpuBackend.contiguousCopy(x.storage(), xl.permute(order));
    int sourceOffset = source == x.storage() ? xl.offset() : 0;
    int blocks = out.layout().numel();
    Storage outStorage = out.storage();
    int outOffset = out.layout().offset();
    boolean floating = source.dtype().isFloatingPoint();
    FloatKernels kernels = FloatKernels.active();
    for (int b = 0; b < blocks; b++) {
      int start = sourceOffset + b * blockSize;
      int target = outOffset + b;
      switch (op) {
        case SUM -> {
          if (source.dtype() == DType.FLOAT32) {
            outStorage.setDouble(target, kernels.sum((float[]) source.data(), start, blockSize));
          } else if (floating) {
            double s = 0;
            for (int i = 0; i < blockSize; i++) {
              s += source.getDouble(start + i);
            }
            outStorage.setDouble(target, s);
          } else {
            long s = 0;
            for (int i = 0; i < blockSize; i++) {
              s += source.getLong(start + i);
            }
            outStorage.setLong(target, s);
          }
        }
        case PROD -> {
          if (floating) {
            double p = 1;
            for (int i = 0; i < blockSize; i++) {
              p *= source.getDouble(start + i);
            }
            outStorage.setDouble(target, p);
          } else {
            long p = 1;
            for (int i = 0; i < blockSize; i++) {
              p *= source.getLong(start + i);
            }
            outStorage.setLong(target, p);
          }
        }
        case MAX, MIN, ARGMAX, ARGMIN -> {
          boolean max = op == ReduceOp.MAX || op == ReduceOp.ARGMAX;
          int best = 0;
          double bestValue = source.getDouble(start);
          for (int i = 1; i < blockSize && !Double.isNaN(bestValue); i++) {
            double v = source.getDouble(start + i);
            if (Double.isNaN(v) || (max ? v > bestValue : v < bestValue)) {
              best = i;
              bestValue = v;
            }
          }
          if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
            outStorage.setLong(target, best);
          } else if (floating) {
            outStorage.setDouble(target, bestValue);
          } else {
            outStorage.setLong(target, source.getLong(start + best));
          }
        }
      }
    }
  }

  /**
   * Float32 sums of a contiguous input whose reduced dimensions (ignoring length-1 ones) are all
   * trailing or all leading: the cases PyTorch sums with its cascade, reproduced bit for bit.
   * Returns false for other layouts, which fall back to the general path.
   */
  private static boolean pytorchOrderSum(Tensor x, int[] dims, Tensor out) {
    Layout xl = x.layout();
    Layout ol = out.layout();
    if (!xl.isContiguous() || !ol.isContiguous()) {
      return false;
    }
    boolean[] reduced = new boolean[xl.dim()];
    for (int d : dims) {
      reduced[d] = true;
    }
    int kept = 1;
    int summed = 1;
    boolean seenKept = false;
    boolean seenReduced = false;
    boolean keptAfterReduced = false;
    boolean reducedAfterKept = false;
    for (int d = 0; d < xl.dim(); d++) {
      int size = xl.shape()[d];
      if (size == 1) {
        continue;
      }
      if (reduced[d]) {
        summed *= size;
        reducedAfterKept |= seenKept;
        seenReduced = true;
      } else {
        kept *= size;
        keptAfterReduced |= seenReduced;
        seenKept = true;
      }
    }
    float[] in = (float[]) x.storage().data();
    float[] result = (float[]) out.storage().data();
    int inOffset = xl.offset();
    int outOffset = ol.offset();
    if (!keptAfterReduced) {
      FloatKernels kernels = FloatKernels.active();
      for (int row = 0; row < kept; row++) {
        result[outOffset + row] = kernels.cascadeSum(in, inOffset + row * summed, summed);
      }
      return true;
    }
    if (!reducedAfterKept) {
      CascadeSum.outerSum(in, inOffset, summed, kept, result, outOffset);
      return true;
    }
    return false;
  }
}

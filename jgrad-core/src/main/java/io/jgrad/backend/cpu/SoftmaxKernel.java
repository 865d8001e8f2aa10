package io.jgrad.backend.cpu;

import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;

/**
 * Softmax and log-softmax along one dimension, max-subtracted for stability, computed in double per
 * row and rounded once.
 */
final class SoftmaxKernel {
  private SoftmaxKernel() {}

  static void softmax(Tensor x, int dim, boolean log, Tensor out) {
    Layout xl = x.layout();
    int rank = xl.dim();
    int[] order = new int[rank];
    for (int d = 0, k = 0; d < rank; d++) {
      if (d != dim) {
        order[k++] = d;
      }
    }
    order[rank - 1] = dim;
    Storage source = CpuBackend.contiguousCopy(x.storage(), xl.permute(order));
    int base = source == x.storage() ? xl.offset() : 0;
    int rowLength = xl.shape()[dim];
    int rows = rowLength == 0 ? 0 : xl.numel() / rowLength;
    Layout outPermuted = out.layout().permute(order);
    Storage result = Storage.cpu(out.storage().dtype(), xl.numel());
    double[] row = new double[rowLength];
    for (int r = 0; r < rows; r++) {
      int start = base + r * rowLength;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < rowLength; i++) {
        row[i] = source.getDouble(start + i);
        max = Math.max(max, row[i]);
      }
      if (max == Double.NEGATIVE_INFINITY) {
        max = 0; // all -inf: softmax is NaN-free only if we do not subtract -inf from -inf
      }
      double sum = 0;
      for (int i = 0; i < rowLength; i++) {
        sum += Math.exp(row[i] - max);
      }
      double logSum = Math.log(sum);
      for (int i = 0; i < rowLength; i++) {
        double value = log ? row[i] - max - logSum : Math.exp(row[i] - max) / sum;
        result.setDouble(r * rowLength + i, value);
      }
    }
    int[] permutedShape = outPermuted.shape();
    ElementwiseKernels.copy(
        CpuBackend.view(result, Layout.contiguous(permutedShape)),
        CpuBackend.view(out.storage(), outPermuted));
  }
}

package io.jgrad.backend.cpu;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;

/**
 * Batched matrix product: float32 through the packed {@link Sgemm} on strided operands; other
 * dtypes on contiguous copies, in i-k-j order so the inner loop streams rows of b and out.
 */
final class MatmulKernel {
  private MatmulKernel() {}

  static void matmul(Tensor a, Tensor b, Tensor out) {
    Layout al = a.layout();
    Layout bl = b.layout();
    int batch = al.shape()[0];
    int m = al.shape()[1];
    int k = al.shape()[2];
    int n = bl.shape()[2];
    if (out.dtype() == DType.FLOAT32) {
      floatMatmul(FloatKernels.active(), a, b, out);
      return;
    }
    Storage as = CpuBackend.contiguousCopy(a.storage(), al);
    Storage bs = CpuBackend.contiguousCopy(b.storage(), bl);
    int aBase = as == a.storage() ? al.offset() : 0;
    int bBase = bs == b.storage() ? bl.offset() : 0;
    // Broadcast batch (stride 0) must not advance.
    int aBatchStride = al.strides()[0] == 0 ? 0 : m * k;
    int bBatchStride = bl.strides()[0] == 0 ? 0 : k * n;
    Storage os = out.storage();
    int oBase = out.layout().offset();
    DType dtype = os.dtype();
    for (int p = 0; p < batch; p++) {
      int ao = aBase + p * aBatchStride;
      int bo = bBase + p * bBatchStride;
      int oo = oBase + p * m * n;
      switch (dtype) {
        case FLOAT64 ->
            doubleMatmul(
                (double[]) as.data(),
                ao,
                (double[]) bs.data(),
                bo,
                (double[]) os.data(),
                oo,
                m,
                k,
                n);
        default -> genericMatmul(as, ao, bs, bo, os, oo, m, k, n);
      }
    }
  }

  /**
   * Float32 batched product through {@link Sgemm}, reading a and b through their strides (a
   * transposed weight needs no copy); {@code kernels} is a parameter so tests can compare the
   * vector and scalar paths.
   */
  static void floatMatmul(FloatKernels kernels, Tensor a, Tensor b, Tensor out) {
    Layout al = a.layout();
    Layout bl = b.layout();
    int batch = al.shape()[0];
    int m = al.shape()[1];
    int k = al.shape()[2];
    int n = bl.shape()[2];
    float[] ad = (float[]) a.storage().data();
    float[] bd = (float[]) b.storage().data();
    float[] od = (float[]) out.storage().data();
    int[] as = al.strides();
    int[] bs = bl.strides();
    int oBase = out.layout().offset();
    for (int p = 0; p < batch; p++) {
      Sgemm.multiply(
          kernels,
          m,
          n,
          k,
          ad,
          al.offset() + p * as[0],
          as[1],
          as[2],
          bd,
          bl.offset() + p * bs[0],
          bs[1],
          bs[2],
          od,
          oBase + p * m * n,
          n);
    }
  }

  private static void doubleMatmul(
      double[] a, int ao, double[] b, int bo, double[] out, int oo, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int rowOut = oo + i * n;
      for (int j = 0; j < n; j++) {
        out[rowOut + j] = 0;
      }
      for (int p = 0; p < k; p++) {
        double aip = a[ao + i * k + p];
        int rowB = bo + p * n;
        for (int j = 0; j < n; j++) {
          out[rowOut + j] += aip * b[rowB + j];
        }
      }
    }
  }

  private static void genericMatmul(
      Storage a, int ao, Storage b, int bo, Storage out, int oo, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        long s = 0;
        for (int p = 0; p < k; p++) {
          s += a.getLong(ao + i * k + p) * b.getLong(bo + p * n + j);
        }
        out.setLong(oo + i * n + j, s);
      }
    }
  }
}

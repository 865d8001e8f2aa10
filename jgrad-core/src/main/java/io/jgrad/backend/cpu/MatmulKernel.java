package io.jgrad.backend.cpu;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;

/**
 * Batched matrix product on contiguous copies, in i-k-j order so the inner loop streams rows of
 * b and out. The packed, register-tiled kernel belongs to the CPU-speed work.
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
        case FLOAT32 -> floatMatmul((float[]) as.data(), ao, (float[]) bs.data(), bo,
            (float[]) os.data(), oo, m, k, n);
        case FLOAT64 -> doubleMatmul((double[]) as.data(), ao, (double[]) bs.data(), bo,
            (double[]) os.data(), oo, m, k, n);
        default -> genericMatmul(as, ao, bs, bo, os, oo, m, k, n);
      }
    }
  }

  private static void floatMatmul(
      float[] a, int ao, float[] b, int bo, float[] out, int oo, int m, int k, int n) {
    for (int i = 0; i < m; i++) {
      int rowOut = oo + i * n;
      for (int j = 0; j < n; j++) {
        out[rowOut + j] = 0f;
      }
      for (int p = 0; p < k; p++) {
        float aip = a[ao + i * k + p];
        int rowB = bo + p * n;
        for (int j = 0; j < n; j++) {
          out[rowOut + j] = Math.fma(aip, b[rowB + j], out[rowOut + j]);
        }
      }
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

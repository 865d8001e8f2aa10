package io.jgrad.backend.cuda;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;

/**
 * Batched matmul through cuBLAS. cuBLAS is column-major, jgrad row-major: a row-major M×N matrix C
 * is, read column-major, its transpose Cᵀ (N×M, leading dimension N). So {@code C = A·B} is
 * computed as {@code Cᵀ = Bᵀ·Aᵀ}: B goes first, A second, m and n swap. A row-major operand (row
 * stride ≥ columns, column stride 1) is already the transpose cuBLAS wants ({@code OP_N}); a
 * transposed view (row stride 1) is passed as-is with {@code OP_T}, so {@code x.t()} costs no copy.
 * Anything else is copied contiguous first.
 *
 * <p>{@code CudaMatmul.plan(a, b, out)} for a [B,M,K], b [B,K,N], out [B,M,N].
 */
final class CudaMatmul {
  private CudaMatmul() {}

  /** How one operand is handed to cuBLAS: transpose flag and leading dimension. */
  record Operand(int op, int ld) {}

  /**
   * The arguments of one {@code cublas?gemmStridedBatched} call computing row-major {@code C =
   * A·B}: first operand (B), second operand (A), sizes as cuBLAS names them.
   */
  record Plan(
      int transFirst,
      int transSecond,
      int m,
      int n,
      int k,
      int ldFirst,
      long strideFirst,
      int ldSecond,
      long strideSecond,
      int ldc,
      long strideC,
      int batch) {}

  /**
   * The cuBLAS view of a row-major {@code rows}×{@code cols} matrix with strides {@code rowStride},
   * {@code colStride}, or null when neither view fits (needs a contiguous copy).
   */
  static Operand operand(int rows, int cols, int rowStride, int colStride) {
    if ((colStride == 1 || cols <= 1) && rowStride >= Math.max(1, cols)) {
      return new Operand(Cublas.CUBLAS_OP_N, Math.max(1, rowStride));
    }
    if ((rowStride == 1 || rows <= 1) && colStride >= Math.max(1, rows)) {
      return new Operand(Cublas.CUBLAS_OP_T, Math.max(1, colStride));
    }
    return null;
  }

  /**
   * The plan for a [B,M,K] · b [B,K,N] into contiguous out [B,M,N], or null if a copy is needed.
   */
  static Plan plan(Layout a, Layout b, Layout out) {
    int batch = a.shape()[0];
    int m = a.shape()[1];
    int k = a.shape()[2];
    int n = b.shape()[2];
    Operand first = operand(k, n, b.strides()[1], b.strides()[2]);
    Operand second = operand(m, k, a.strides()[1], a.strides()[2]);
    if (first == null || second == null) {
      return null;
    }
    long strideB = batch > 1 ? b.strides()[0] : 0;
    long strideA = batch > 1 ? a.strides()[0] : 0;
    return new Plan(
        first.op(),
        second.op(),
        n,
        m,
        k,
        first.ld(),
        strideB,
        second.ld(),
        strideA,
        Math.max(1, n),
        (long) m * n,
        batch);
  }

  /** Runs {@code out = a · b} on {@code device}. */
  static void matmul(CudaDevice device, CudaKernels kernels, Tensor a, Tensor b, Tensor out) {
    DType dtype = out.dtype();
    if (dtype != DType.FLOAT32 && dtype != DType.FLOAT64) {
      throw new IllegalArgumentException(
          "\"bmm_cuda\" not implemented for '" + KernelSources.scalarTypeName(dtype) + "'");
    }
    Plan plan = plan(a.layout(), b.layout(), out.layout());
    Tensor aa = a;
    Tensor bb = b;
    if (plan == null) {
      aa = kernels.contiguous(a, a.layout());
      bb = kernels.contiguous(b, b.layout());
      plan = plan(aa.layout(), bb.layout(), out.layout());
    }
    Tensor target =
        out.layout().isContiguous() ? out : CudaTensors.empty(device, dtype, out.layout().shape());
    device.makeCurrent();
    device
        .cublas()
        .gemmStridedBatched(
            device.cublasHandle(),
            dtype == DType.FLOAT64,
            plan.transFirst(),
            plan.transSecond(),
            plan.m(),
            plan.n(),
            plan.k(),
            CudaTensors.address(bb),
            plan.ldFirst(),
            plan.strideFirst(),
            CudaTensors.address(aa),
            plan.ldSecond(),
            plan.strideSecond(),
            CudaTensors.address(target),
            plan.ldc(),
            plan.strideC(),
            plan.batch());
    if (target != out) {
      kernels.elementwise(KernelSources.copy(dtype, dtype), target, out);
    }
  }
}

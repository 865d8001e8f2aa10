package io.jgrad.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.util.Map.entry;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Map;

/**
 * Bindings to cuBLAS ({@code libcublas.so.13} or {@code .12}): handle management and the float32
 * and float64 (strided-batched) GEMMs jgrad's matmul uses.
 *
 * <p>cuBLAS is column-major; see {@link CudaMatmul} for how row-major tensors are passed. {@code
 * cublas.create()} returns a handle bound to the current context.
 */
final class Cublas {
  private static final FunctionDescriptor GEMM =
      FunctionDescriptor.of(
          JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
          JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
  private static final FunctionDescriptor GEMM_STRIDED_BATCHED =
      FunctionDescriptor.of(
          JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
          JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG,
          JAVA_INT);

  /**
   * The C prototypes from {@code cublas_api.h} (CUDA 13.0) as FFM descriptors. Matrix arguments are
   * device pointers: they become zero-length segments ({@code MemorySegment.ofAddress}) only at the
   * call, never something Java could dereference.
   */
  static final Map<String, FunctionDescriptor> SIGNATURES =
      Map.ofEntries(
          entry("cublasCreate_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          entry("cublasDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          entry("cublasGetVersion_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("cublasSetStream_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("cublasSetMathMode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
          entry("cublasGetStatusName", FunctionDescriptor.of(ADDRESS, JAVA_INT)),
          entry("cublasSgemm_v2", GEMM),
          entry("cublasDgemm_v2", GEMM),
          entry("cublasSgemmStridedBatched", GEMM_STRIDED_BATCHED),
          entry("cublasDgemmStridedBatched", GEMM_STRIDED_BATCHED));

  static final int CUBLAS_OP_N = 0;
  static final int CUBLAS_OP_T = 1;
  static final int CUBLAS_DEFAULT_MATH = 0;
  static final int CUBLAS_TF32_TENSOR_OP_MATH = 3;

  private static final String LIBRARY = "libcublas";

  final MethodHandle cublasCreate_v2;
  final MethodHandle cublasDestroy_v2;
  final MethodHandle cublasGetVersion_v2;
  final MethodHandle cublasSetStream_v2;
  final MethodHandle cublasSetMathMode;
  final MethodHandle cublasGetStatusName;
  final MethodHandle cublasSgemm_v2;
  final MethodHandle cublasDgemm_v2;
  final MethodHandle cublasSgemmStridedBatched;
  final MethodHandle cublasDgemmStridedBatched;

  /** Binds every symbol of {@link #SIGNATURES} in {@code lookup} (the loaded libcublas). */
  Cublas(SymbolLookup lookup) {
    cublasCreate_v2 = bind(lookup, "cublasCreate_v2");
    cublasDestroy_v2 = bind(lookup, "cublasDestroy_v2");
    cublasGetVersion_v2 = bind(lookup, "cublasGetVersion_v2");
    cublasSetStream_v2 = bind(lookup, "cublasSetStream_v2");
    cublasSetMathMode = bind(lookup, "cublasSetMathMode");
    cublasGetStatusName = bind(lookup, "cublasGetStatusName");
    cublasSgemm_v2 = bind(lookup, "cublasSgemm_v2");
    cublasDgemm_v2 = bind(lookup, "cublasDgemm_v2");
    cublasSgemmStridedBatched = bind(lookup, "cublasSgemmStridedBatched");
    cublasDgemmStridedBatched = bind(lookup, "cublasDgemmStridedBatched");
  }

  private static MethodHandle bind(SymbolLookup lookup, String symbol) {
    return Bindings.bind(lookup, LIBRARY, symbol, SIGNATURES);
  }

  /** Throws a {@link CudaException} naming {@code call} unless {@code status} is success. */
  void check(int status, String call, String detail) {
    if (status != 0) {
      throw new CudaException(call, status, statusName(status), detail);
    }
  }

  /** cuBLAS's own name for a status code. */
  String statusName(int status) {
    try {
      MemorySegment name = (MemorySegment) cublasGetStatusName.invokeExact(status);
      return Bindings.cString(name, CudaStatus.cublasName(status));
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** A new handle on the current context's device. */
  MemorySegment create() {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(ADDRESS);
      check((int) cublasCreate_v2.invokeExact(out), "cublasCreate_v2", "");
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Destroys a handle. */
  void destroy(MemorySegment handle) {
    try {
      check((int) cublasDestroy_v2.invokeExact(handle), "cublasDestroy_v2", "");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Makes {@code handle} queue its kernels on {@code stream}. */
  void setStream(MemorySegment handle, MemorySegment stream) {
    try {
      check((int) cublasSetStream_v2.invokeExact(handle, stream), "cublasSetStream_v2", "");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Selects the math mode ({@link #CUBLAS_DEFAULT_MATH}: full float32, no TF32). */
  void setMathMode(MemorySegment handle, int mode) {
    try {
      check((int) cublasSetMathMode.invokeExact(handle, mode), "cublasSetMathMode", "mode " + mode);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /**
   * Column-major {@code C = alpha op(A) op(B) + beta C} for {@code batch} matrices at fixed
   * strides, float32 ({@code double64 == false}) or float64; alpha and beta live on the host.
   */
  void gemmStridedBatched(
      MemorySegment handle,
      boolean double64,
      int transA,
      int transB,
      int m,
      int n,
      int k,
      long a,
      int lda,
      long strideA,
      long b,
      int ldb,
      long strideB,
      long c,
      int ldc,
      long strideC,
      int batch) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment alpha =
          double64 ? frame.allocateFrom(JAVA_DOUBLE, 1.0) : frame.allocateFrom(JAVA_FLOAT, 1f);
      MemorySegment beta =
          double64 ? frame.allocateFrom(JAVA_DOUBLE, 0.0) : frame.allocateFrom(JAVA_FLOAT, 0f);
      MemorySegment pa = MemorySegment.ofAddress(a);
      MemorySegment pb = MemorySegment.ofAddress(b);
      MemorySegment pc = MemorySegment.ofAddress(c);
      String call;
      int status;
      if (batch == 1) {
        call = double64 ? "cublasDgemm_v2" : "cublasSgemm_v2";
        MethodHandle gemm = double64 ? cublasDgemm_v2 : cublasSgemm_v2;
        status =
            (int)
                gemm.invokeExact(
                    handle, transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
      } else {
        call = double64 ? "cublasDgemmStridedBatched" : "cublasSgemmStridedBatched";
        MethodHandle gemm = double64 ? cublasDgemmStridedBatched : cublasSgemmStridedBatched;
        status =
            (int)
                gemm.invokeExact(
                    handle, transA, transB, m, n, k, alpha, pa, lda, strideA, pb, ldb, strideB,
                    beta, pc, ldc, strideC, batch);
      }
      check(status, call, "m=" + m + " n=" + n + " k=" + k + " batch=" + batch);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }
}

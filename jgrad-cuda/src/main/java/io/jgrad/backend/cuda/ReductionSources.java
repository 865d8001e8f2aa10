package io.jgrad.backend.cuda;

import static io.jgrad.backend.cuda.KernelSources.cType;

import io.jgrad.DType;
import io.jgrad.ops.ReduceOp;
import java.util.Locale;

/**
 * CUDA C of reductions and softmax over contiguous rows: one thread block per row (grid-stride over
 * rows), each thread folds a strided slice, then a shared-memory tree combines the block. The
 * backend first permutes the reduced dimensions last and makes the rows contiguous.
 *
 * <p>Parameters: {@code (long long rows, long long len, const TI* x, TO* out)}; the block size is a
 * power of two no larger than {@link #BLOCK}.
 */
final class ReductionSources {
  private ReductionSources() {}

  /** Threads per block, and the size of the shared buffers. */
  static final int BLOCK = 256;

  /** SUM, PROD, MAX or MIN of rows of {@code in} into {@code out}. */
  static KernelSource reduce(ReduceOp op, DType in, DType out) {
    if (op == ReduceOp.ARGMAX || op == ReduceOp.ARGMIN) {
      return argReduce(op, in);
    }
    String name = "reduce_" + op.name().toLowerCase(Locale.ROOT) + "_" + in + "_" + out;
    String acc = KernelSources.accumulatorType(op, in);
    String combine =
        switch (op) {
          case SUM -> "a + b";
          case PROD -> "a * b";
          // NaN wins, as in PyTorch's max/min.
          case MAX -> "jg_isnan(a) ? a : (jg_isnan(b) ? b : (b > a ? b : a))";
          case MIN -> "jg_isnan(a) ? a : (jg_isnan(b) ? b : (b < a ? b : a))";
          default -> throw new IllegalArgumentException(op.name());
        };
    String text =
        KernelPrelude.SOURCE
            + "__device__ __forceinline__ "
            + acc
            + " "
            + name
            + "_combine("
            + acc
            + " a, "
            + acc
            + " b) { return "
            + combine
            + "; }\n"
            + "extern \"C\" __global__ void "
            + name
            + "(long long rows, long long len, const "
            + cType(in)
            + "* x, "
            + cType(out)
            + "* out) {\n"
            + "  __shared__ "
            + acc
            + " buf["
            + BLOCK
            + "];\n"
            + "  for (long long row = blockIdx.x; row < rows; row += gridDim.x) {\n"
            + "    const "
            + cType(in)
            + "* p = x + row * len;\n"
            + "    "
            + acc
            + " acc = "
            + KernelSources.identity(op, in)
            + ";\n"
            + "    for (long long j = threadIdx.x; j < len; j += blockDim.x) {\n"
            + "      acc = "
            + name
            + "_combine(acc, ("
            + acc
            + ")p[j]);\n"
            + "    }\n"
            + "    buf[threadIdx.x] = acc;\n"
            + "    __syncthreads();\n"
            + "    for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {\n"
            + "      if (threadIdx.x < s) buf[threadIdx.x] = "
            + name
            + "_combine(buf[threadIdx.x], buf[threadIdx.x + s]);\n"
            + "      __syncthreads();\n"
            + "    }\n"
            + "    if (threadIdx.x == 0) out[row] = ("
            + cType(out)
            + ")buf[0];\n"
            + "    __syncthreads();\n"
            + "  }\n}\n";
    return new KernelSource(name, text);
  }

  /**
   * ARGMAX or ARGMIN into int64: the first index of the best value, NaN counting as best (the CPU
   * kernel and PyTorch agree on both rules). Index -1 marks "nothing seen yet".
   */
  static KernelSource argReduce(ReduceOp op, DType in) {
    String name = "reduce_" + op.name().toLowerCase(Locale.ROOT) + "_" + in;
    String t = cType(in);
    String better = op == ReduceOp.ARGMAX ? ">" : "<";
    String text =
        KernelPrelude.SOURCE
            + "__device__ __forceinline__ bool "
            + name
            + "_better("
            + t
            + " v, long long j, "
            + t
            + " best, long long bj) {\n"
            + "  if (j < 0) return false;\n"
            + "  if (bj < 0) return true;\n"
            + "  bool vn = jg_isnan(v);\n"
            + "  bool bn = jg_isnan(best);\n"
            + "  if (vn || bn) return (vn && bn) ? j < bj : vn;\n"
            + "  if (v == best) return j < bj;\n"
            + "  return v "
            + better
            + " best;\n"
            + "}\n"
            + "extern \"C\" __global__ void "
            + name
            + "(long long rows, long long len, const "
            + t
            + "* x, long long* out) {\n"
            + "  __shared__ "
            + t
            + " vals["
            + BLOCK
            + "];\n"
            + "  __shared__ long long idxs["
            + BLOCK
            + "];\n"
            + "  for (long long row = blockIdx.x; row < rows; row += gridDim.x) {\n"
            + "    const "
            + t
            + "* p = x + row * len;\n"
            + "    "
            + t
            + " best = 0;\n"
            + "    long long bj = -1;\n"
            + "    for (long long j = threadIdx.x; j < len; j += blockDim.x) {\n"
            + "      if ("
            + name
            + "_better(p[j], j, best, bj)) { best = p[j]; bj = j; }\n"
            + "    }\n"
            + "    vals[threadIdx.x] = best;\n"
            + "    idxs[threadIdx.x] = bj;\n"
            + "    __syncthreads();\n"
            + "    for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {\n"
            + "      if (threadIdx.x < s && "
            + name
            + "_better(vals[threadIdx.x + s], idxs[threadIdx.x + s], vals[threadIdx.x], "
            + "idxs[threadIdx.x])) {\n"
            + "        vals[threadIdx.x] = vals[threadIdx.x + s];\n"
            + "        idxs[threadIdx.x] = idxs[threadIdx.x + s];\n"
            + "      }\n"
            + "      __syncthreads();\n"
            + "    }\n"
            + "    if (threadIdx.x == 0) out[row] = idxs[0];\n"
            + "    __syncthreads();\n"
            + "  }\n}\n";
    return new KernelSource(name, text);
  }

  /**
   * Softmax or log-softmax ({@code int logMode}) of contiguous rows, max-subtracted; a row of only
   * -inf subtracts 0 instead, giving NaN like the CPU kernel and PyTorch.
   */
  static KernelSource softmax(DType dtype) {
    String t = cType(dtype);
    String name = "softmax_" + dtype;
    String exp = dtype == DType.FLOAT32 ? "expf" : "exp";
    String log = dtype == DType.FLOAT32 ? "logf" : "log";
    String text =
        KernelPrelude.SOURCE
            + "extern \"C\" __global__ void "
            + name
            + "(long long rows, long long len, const "
            + t
            + "* x, "
            + t
            + "* out, int logMode) {\n"
            + "  __shared__ "
            + t
            + " buf["
            + BLOCK
            + "];\n"
            + "  for (long long row = blockIdx.x; row < rows; row += gridDim.x) {\n"
            + "    const "
            + t
            + "* p = x + row * len;\n"
            + "    "
            + t
            + "* q = out + row * len;\n"
            + "    "
            + t
            + " m = "
            + KernelSources.identity(ReduceOp.MAX, dtype)
            + ";\n"
            + "    for (long long j = threadIdx.x; j < len; j += blockDim.x) m = p[j] > m ? p[j] : m;\n"
            + "    buf[threadIdx.x] = m;\n"
            + "    __syncthreads();\n"
            + "    for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {\n"
            + "      if (threadIdx.x < s && buf[threadIdx.x + s] > buf[threadIdx.x]) "
            + "buf[threadIdx.x] = buf[threadIdx.x + s];\n"
            + "      __syncthreads();\n"
            + "    }\n"
            + "    m = buf[0];\n"
            + "    if (m == "
            + KernelSources.identity(ReduceOp.MAX, dtype)
            + ") m = 0;\n"
            + "    __syncthreads();\n"
            + "    "
            + t
            + " sum = 0;\n"
            + "    for (long long j = threadIdx.x; j < len; j += blockDim.x) sum += "
            + exp
            + "(p[j] - m);\n"
            + "    buf[threadIdx.x] = sum;\n"
            + "    __syncthreads();\n"
            + "    for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {\n"
            + "      if (threadIdx.x < s) buf[threadIdx.x] += buf[threadIdx.x + s];\n"
            + "      __syncthreads();\n"
            + "    }\n"
            + "    sum = buf[0];\n"
            + "    __syncthreads();\n"
            + "    const "
            + t
            + " logSum = "
            + log
            + "(sum);\n"
            + "    for (long long j = threadIdx.x; j < len; j += blockDim.x) {\n"
            + "      q[j] = logMode ? p[j] - m - logSum : "
            + exp
            + "(p[j] - m) / sum;\n"
            + "    }\n"
            + "  }\n}\n";
    return new KernelSource(name, text);
  }
}

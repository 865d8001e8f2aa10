package io.jgrad.backend.cuda;

import static io.jgrad.backend.cuda.KernelSources.cType;

import io.jgrad.DType;

/**
 * CUDA C of the gather/scatter family. Each kernel walks one tensor's shape (strided, rank up to
 * {@link KernelPrelude#MAX_DIMS}), reads int64 indices, and reports the first out-of-range index
 * through a two-word error buffer ({@code error[0]} set to 1, {@code error[1]} the index) instead
 * of trapping, so the host can throw PyTorch's IndexError message and the context stays usable.
 *
 * <p>{@code IndexSources.scatterAdd(FLOAT32)} adds with {@code atomicAdd}.
 */
final class IndexSources {
  private IndexSources() {}

  private static String walk(String... strides) {
    StringBuilder s = new StringBuilder("    long long r = i, cdim = 0");
    for (String name : strides) {
      s.append(", o_").append(name).append(" = 0");
    }
    s.append(";\n    for (int d = shape.rank - 1; d >= 0; --d) {\n")
        .append("      const int size = shape.sizes[d];\n")
        .append("      const long long c = r % size;\n")
        .append("      r /= size;\n")
        .append("      if (d == dim) cdim = c;\n");
    for (String name : strides) {
      s.append("      o_").append(name).append(" += c * s_").append(name).append(".s[d];\n");
    }
    return s.append("    }\n").toString();
  }

  private static String add(DType dtype, String target, String value) {
    return switch (dtype) {
      case UINT8 -> "jg_atomic_byte(" + target + ", " + value + ", false);";
      case BOOL -> "jg_atomic_byte(" + target + ", " + value + ", true);";
      default -> "jg_atomic_add(" + target + ", " + value + ");";
    };
  }

  private static final String CHECK =
      "    if (idx < 0 || idx >= limit) { jg_report(error, idx); continue; }\n";

  /**
   * {@code out[..., i, ...] = x[..., index[i], ...]}; walks out's shape. Parameters: {@code (n,
   * shape, s_x, x, s_out, out, dim, index, indexStride, limit, error)}.
   */
  static KernelSource indexSelect(DType dtype) {
    String t = cType(dtype);
    String name = "index_select_" + dtype;
    String text =
        KernelPrelude.SOURCE
            + "extern \"C\" __global__ void "
            + name
            + "(long long n, JgShape shape, JgStrides s_x, const "
            + t
            + "* x, JgStrides s_out, "
            + t
            + "* out, int dim, const long long* index, long long indexStride, long long limit, "
            + "unsigned long long* error) {\n"
            + "  JG_LOOP(i, n) {\n"
            + walk("x", "out")
            + "    const long long idx = index[cdim * indexStride];\n"
            + CHECK
            + "    out[o_out] = x[o_x + (idx - cdim) * s_x.s[dim]];\n"
            + "  }\n}\n";
    return new KernelSource(name, text);
  }

  /**
   * {@code out[c] = x[c with c[dim] = index[c]]}; walks index's shape (= out's). Parameters: {@code
   * (n, shape, s_x, x, s_index, index, s_out, out, dim, limit, error)}.
   */
  static KernelSource gather(DType dtype) {
    String t = cType(dtype);
    String name = "gather_" + dtype;
    String text =
        KernelPrelude.SOURCE
            + "extern \"C\" __global__ void "
            + name
            + "(long long n, JgShape shape, JgStrides s_x, const "
            + t
            + "* x, JgStrides s_index, "
            + "const long long* index, JgStrides s_out, "
            + t
            + "* out, int dim, long long limit, "
            + "unsigned long long* error) {\n"
            + "  JG_LOOP(i, n) {\n"
            + walk("x", "index", "out")
            + "    const long long idx = index[o_index];\n"
            + CHECK
            + "    out[o_out] = x[o_x + (idx - cdim) * s_x.s[dim]];\n"
            + "  }\n}\n";
    return new KernelSource(name, text);
  }

  /**
   * {@code out[c with c[dim] = index[c]] += src[c]}; walks index's shape. Parameters: {@code (n,
   * shape, s_out, out, s_index, index, s_src, src, dim, limit, error)}.
   */
  static KernelSource scatterAdd(DType dtype) {
    String t = cType(dtype);
    String name = "scatter_add_" + dtype;
    String text =
        KernelPrelude.SOURCE
            + "extern \"C\" __global__ void "
            + name
            + "(long long n, JgShape shape, JgStrides s_out, "
            + t
            + "* out, JgStrides s_index, "
            + "const long long* index, JgStrides s_src, const "
            + t
            + "* src, int dim, "
            + "long long limit, unsigned long long* error) {\n"
            + "  JG_LOOP(i, n) {\n"
            + walk("out", "index", "src")
            + "    const long long idx = index[o_index];\n"
            + CHECK
            + "    "
            + add(dtype, "out + o_out + (idx - cdim) * s_out.s[dim]", "src[o_src]")
            + "\n"
            + "  }\n}\n";
    return new KernelSource(name, text);
  }

  /**
   * {@code out[..., index[i], ...] += src[..., i, ...]}; walks src's shape. Parameters: {@code (n,
   * shape, s_out, out, s_src, src, dim, index, indexStride, limit, error)}.
   */
  static KernelSource indexAdd(DType dtype) {
    String t = cType(dtype);
    String name = "index_add_" + dtype;
    String text =
        KernelPrelude.SOURCE
            + "extern \"C\" __global__ void "
            + name
            + "(long long n, JgShape shape, JgStrides s_out, "
            + t
            + "* out, JgStrides s_src, const "
            + t
            + "* src, int dim, const long long* index, long long indexStride, long long limit, "
            + "unsigned long long* error) {\n"
            + "  JG_LOOP(i, n) {\n"
            + walk("out", "src")
            + "    const long long idx = index[cdim * indexStride];\n"
            + CHECK
            + "    "
            + add(dtype, "out + o_out + (idx - cdim) * s_out.s[dim]", "src[o_src]")
            + "\n"
            + "  }\n}\n";
    return new KernelSource(name, text);
  }
}

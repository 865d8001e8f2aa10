package io.jgrad.backend.cuda;

/**
 * One compilation unit of CUDA C: the shared prelude and one kernel family, with the entry point(s)
 * it defines. The source is the whole cache key, so two equal sources share a module.
 *
 * <p>{@code new KernelSource("unary_exp_float32", source)} defines {@code unary_exp_float32} and
 * {@code unary_exp_float32_contig}.
 */
record KernelSource(String name, String source) {
  /** The entry point of the contiguous fast path, where the family has one. */
  String contiguousName() {
    return name + "_contig";
  }

  /** The file name NVRTC reports in its log. */
  String fileName() {
    return name + ".cu";
  }
}

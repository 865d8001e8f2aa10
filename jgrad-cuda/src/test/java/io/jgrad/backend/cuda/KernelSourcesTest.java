package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.DType;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.CompareOp;
import io.jgrad.ops.ReduceOp;
import io.jgrad.ops.UnaryOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated CUDA C: each op's expression is where it should be, and every kernel jgrad can
 * launch compiles, with NVRTC when it can be found (JGRAD_CUDA_LIBRARY_PATH, CUDA_HOME, wheels) or
 * else with {@code nvcc --ptx}; skipped with the reason when neither exists.
 */
class KernelSourcesTest {
  /** Every kernel source the backend can ask for. */
  static List<KernelSource> all() {
    List<KernelSource> sources = new ArrayList<>();
    for (DType dtype : DType.values()) {
      for (UnaryOp op : UnaryOp.values()) {
        if (dtype.isFloatingPoint() || op.preservesIntegers()) {
          sources.add(KernelSources.unary(op, dtype));
        }
      }
      for (BinaryOp op : BinaryOp.values()) {
        sources.add(KernelSources.binary(op, dtype));
      }
      for (CompareOp op : CompareOp.values()) {
        sources.add(KernelSources.compare(op, dtype));
      }
      for (DType to : DType.values()) {
        sources.add(KernelSources.copy(dtype, to));
      }
      sources.add(KernelSources.where(dtype));
      sources.add(KernelSources.fill(dtype));
      DType sumType = dtype.isFloatingPoint() ? dtype : DType.INT64;
      sources.add(ReductionSources.reduce(ReduceOp.SUM, dtype, sumType));
      sources.add(ReductionSources.reduce(ReduceOp.PROD, dtype, sumType));
      sources.add(ReductionSources.reduce(ReduceOp.MAX, dtype, dtype));
      sources.add(ReductionSources.reduce(ReduceOp.MIN, dtype, dtype));
      sources.add(ReductionSources.reduce(ReduceOp.ARGMAX, dtype, DType.INT64));
      sources.add(ReductionSources.reduce(ReduceOp.ARGMIN, dtype, DType.INT64));
      sources.add(IndexSources.indexSelect(dtype));
      sources.add(IndexSources.gather(dtype));
      sources.add(IndexSources.scatterAdd(dtype));
      sources.add(IndexSources.indexAdd(dtype));
    }
    sources.add(ReductionSources.softmax(DType.FLOAT32));
    sources.add(ReductionSources.softmax(DType.FLOAT64));
    return sources;
  }

  /** All kernels in one translation unit: the prelude once, then every family's own text. */
  static String combined(List<KernelSource> sources) {
    StringBuilder text = new StringBuilder(KernelPrelude.SOURCE);
    for (KernelSource s : sources) {
      assertThat(s.source()).startsWith(KernelPrelude.SOURCE);
      text.append(s.source().substring(KernelPrelude.SOURCE.length()));
    }
    return text.toString();
  }

  @Test
  void unaryExpressionsUseTheFloatOrDoubleMathFunction() {
    assertThat(KernelSources.unary(UnaryOp.EXP, DType.FLOAT32).source())
        .contains("out_p[o_out] = expf(x);")
        .contains("out_p[i] = expf(x);")
        .contains("extern \"C\" __global__ void unary_exp_float32(")
        .contains("extern \"C\" __global__ void unary_exp_float32_contig(");
    assertThat(KernelSources.unary(UnaryOp.EXP, DType.FLOAT64).source()).contains("= exp(x);");
    assertThat(KernelSources.unaryExpression(UnaryOp.ROUND, DType.FLOAT32)).isEqualTo("rintf(x)");
    assertThat(KernelSources.unaryExpression(UnaryOp.SIGMOID, DType.FLOAT32))
        .isEqualTo("(float)1 / ((float)1 + expf(-x))");
    assertThat(KernelSources.unaryExpression(UnaryOp.RELU, DType.FLOAT64)).contains("jg_isnan(x)");
    assertThat(KernelSources.unaryExpression(UnaryOp.ABS, DType.INT64)).contains("x < 0");
  }

  @Test
  void integerUnaryOpsThatPromoteAreRejectedWithPyTorchsMessage() {
    assertThatThrownBy(() -> KernelSources.unary(UnaryOp.EXP, DType.INT64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"exp_cuda\" not implemented for 'Long'");
  }

  @Test
  void binaryExpressionsFollowPyTorchSemantics() {
    assertThat(KernelSources.binaryExpression(BinaryOp.ADD, DType.FLOAT32)).isEqualTo("a + b");
    assertThat(KernelSources.binaryExpression(BinaryOp.POW, DType.FLOAT32))
        .isEqualTo("jg_pow(a, b)");
    assertThat(KernelSources.binaryExpression(BinaryOp.REMAINDER, DType.INT64))
        .contains("jg_iremainder");
    assertThat(KernelSources.binaryExpression(BinaryOp.MAXIMUM, DType.FLOAT32))
        .startsWith("jg_isnan(a) ? a");
    assertThat(KernelSources.binaryExpression(BinaryOp.ADD, DType.BOOL))
        .isEqualTo("(unsigned char)(((long long)a + (long long)b) != 0)");
    assertThat(KernelPrelude.SOURCE)
        .contains("if (b == 2.0f) return a * a;")
        .contains("fmodf(a, b)");
  }

  @Test
  void stridedSignatureListsShapeThenStridesAndPointerPerOperand() {
    String source = KernelSources.binary(BinaryOp.MUL, DType.FLOAT32).source();
    assertThat(source)
        .contains(
            "binary_mul_float32(long long n, JgShape shape, JgStrides s_a, "
                + "const float* a_p, JgStrides s_b, const float* b_p, JgStrides s_out, float* out_p)");
    assertThat(source)
        .contains(
            "binary_mul_float32_contig(long long n, const float* a_p, "
                + "const float* b_p, float* out_p)");
    assertThat(source).contains("o_b += c * s_b.s[d];");
  }

  @Test
  void compareWhereCopyAndFillWriteTheRightTypes() {
    assertThat(KernelSources.compare(CompareOp.LE, DType.INT32).source())
        .contains("unsigned char* out_p")
        .contains("(unsigned char)(a <= b)");
    assertThat(KernelSources.where(DType.FLOAT64).source()).contains("out_p[o_out] = c ? a : b;");
    assertThat(KernelSources.copy(DType.FLOAT32, DType.BOOL).source())
        .contains("(unsigned char)(x != (float)0)");
    assertThat(KernelSources.copy(DType.FLOAT64, DType.UINT8).source())
        .contains("(unsigned char)(long long)x");
    assertThat(KernelSources.fill(DType.INT64).source())
        .contains(", double value)")
        .contains("(long long)value");
  }

  @Test
  void reductionsAccumulateLikePyTorchCuda() {
    assertThat(KernelSources.accumulatorType(ReduceOp.SUM, DType.FLOAT32)).isEqualTo("float");
    assertThat(KernelSources.accumulatorType(ReduceOp.SUM, DType.BOOL)).isEqualTo("long long");
    String max = ReductionSources.reduce(ReduceOp.MAX, DType.FLOAT32, DType.FLOAT32).source();
    assertThat(max).contains("__int_as_float(0xff800000)").contains("jg_isnan(a) ? a");
    String argmin = ReductionSources.reduce(ReduceOp.ARGMIN, DType.FLOAT64, DType.INT64).source();
    assertThat(argmin)
        .contains("reduce_argmin_float64(")
        .contains("return v < best;")
        .contains("if (v == best) return j < bj;");
    assertThat(ReductionSources.softmax(DType.FLOAT32).source())
        .contains("expf(p[j] - m)")
        .contains("logMode ? p[j] - m - logSum");
  }

  @Test
  void scatterKernelsAddAtomicallyAndReportBadIndices() {
    assertThat(IndexSources.scatterAdd(DType.FLOAT32).source())
        .contains("jg_atomic_add(out + o_out + (idx - cdim) * s_out.s[dim], src[o_src]);")
        .contains("jg_report(error, idx)");
    assertThat(IndexSources.indexAdd(DType.UINT8).source()).contains("jg_atomic_byte(");
    assertThat(IndexSources.indexSelect(DType.INT64).source())
        .contains("index[cdim * indexStride]");
  }

  @Test
  void everyKernelCompiles(@TempDir Path temp) throws Exception {
    List<KernelSource> sources = all();
    assertThat(sources).hasSizeGreaterThan(250);
    String unit = combined(sources);
    Object runtime = loadNvrtc();
    if (runtime instanceof Nvrtc nvrtc) {
      byte[] ptx = nvrtc.compile(unit, "all.cu", KernelCache.options(90, true));
      String text = new String(ptx, StandardCharsets.US_ASCII);
      for (KernelSource s : sources) {
        assertThat(text).contains(".entry " + s.name() + "(");
      }
      byte[] cubin =
          nvrtc.compile(
              KernelSources.unary(UnaryOp.EXP, DType.FLOAT32).source(),
              "exp.cu",
              KernelCache.options(90, false));
      assertThat(cubin).startsWith(0x7f, 'E', 'L', 'F'); // a CUBIN is an ELF image
      return;
    }
    Path nvcc = nvcc();
    assumeTrue(
        nvcc != null,
        "neither NVRTC (" + runtime + ") nor nvcc found: kernel sources " + "not compiled");
    Path cu = temp.resolve("all.cu");
    Files.writeString(cu, unit);
    Path ptx = temp.resolve("all.ptx");
    Process p =
        new ProcessBuilder(
                nvcc.toString(),
                "--ptx",
                "-std=c++17",
                "-arch=compute_90",
                "-o",
                ptx.toString(),
                cu.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    String text = Files.readString(ptx);
    for (KernelSource s : sources) {
      assertThat(text).contains(".entry " + s.name() + "(");
    }
  }

  @Test
  void compileErrorsCarryTheLog() {
    Object runtime = loadNvrtc();
    assumeTrue(runtime instanceof Nvrtc, "NVRTC not found: " + runtime);
    Nvrtc nvrtc = (Nvrtc) runtime;
    assertThatThrownBy(
            () ->
                nvrtc.compile(
                    "extern \"C\" __global__ void k(float* x) { x[0] = undefined_name; }",
                    "bad.cu",
                    KernelCache.options(90, true)))
        .isInstanceOf(CudaException.class)
        .hasMessageContaining("nvrtcCompileProgram failed: NVRTC_ERROR_COMPILATION (6)")
        .hasMessageContaining("identifier \"undefined_name\" is undefined");
  }

  /** NVRTC through the production locator, or the reason it is not there. */
  static Object loadNvrtc() {
    try {
      return new Nvrtc(LibraryLocator.system().load(LibraryLocator.NVRTC).lookup());
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
  }

  private static Path nvcc() throws IOException {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "nvcc");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Path toolkit = Path.of("/usr/local/cuda/bin/nvcc");
    return Files.isExecutable(toolkit) ? toolkit : null;
  }
}

package io.jgrad;

import io.jgrad.autograd.GradMode;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import io.jgrad.ops.Checks;
import io.jgrad.ops.Elementwise;
import io.jgrad.ops.Views;
import java.util.Arrays;
import java.util.List;

/**
 * Static factories and scopes: jgrad's {@code torch} namespace.
 *
 * <p>{@code import static io.jgrad.JGrad.*;} then {@code var x = linspace(-Math.PI, Math.PI,
 * 2000);}, {@code manualSeed(1024);}, {@code try (var g = noGrad()) { ... }}.
 */
public final class JGrad {
  private JGrad() {}

  private static int[] ints(long[] shape) {
    int[] out = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      out[i] = Math.toIntExact(shape[i]);
    }
    return out;
  }

  private static Tensor finish(Tensor t, TensorOptions options) {
    Tensor placed = options.device().isCpu() ? t : t.to(options.device());
    return options.requiresGrad() ? placed.requiresGrad_(true) : placed;
  }

  private static Tensor wrap(DType dtype, Object data, int n, int... shape) {
    return Tensor.fromStorage(new Storage(dtype, Device.CPU, data, n), Layout.contiguous(shape));
  }

  // ---- from data ------------------------------------------------------------------------------

  /**
   * A 1-d float32 tensor.
   *
   * <p>{@code tensor(1f, 2f, 3f, 4f)}.
   */
  public static Tensor tensor(float... values) {
    return wrap(DType.FLOAT32, values.clone(), values.length, values.length);
  }

  /**
   * A 1-d float64 tensor.
   *
   * <p>{@code tensor(1.0, 2.0)} has dtype float64.
   */
  public static Tensor tensor(double... values) {
    return wrap(DType.FLOAT64, values.clone(), values.length, values.length);
  }

  /**
   * A 1-d int64 tensor.
   *
   * <p>{@code tensor(1, 2, 3)} has dtype int64, as in PyTorch.
   */
  public static Tensor tensor(long... values) {
    return wrap(DType.INT64, values.clone(), values.length, values.length);
  }

  /** A 1-d bool tensor. */
  public static Tensor tensor(boolean... values) {
    byte[] data = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      data[i] = (byte) (values[i] ? 1 : 0);
    }
    return wrap(DType.BOOL, data, data.length, data.length);
  }

  /**
   * A 2-d float32 tensor from rows of equal length.
   *
   * <p>{@code tensor(new float[][] {{1}, {2}})}.
   */
  public static Tensor tensor(float[][] rows) {
    int cols = checkRows(rows.length, i -> rows[i].length);
    float[] data = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    return wrap(DType.FLOAT32, data, data.length, rows.length, cols);
  }

  /** A 2-d float64 tensor from rows of equal length. */
  public static Tensor tensor(double[][] rows) {
    int cols = checkRows(rows.length, i -> rows[i].length);
    double[] data = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    return wrap(DType.FLOAT64, data, data.length, rows.length, cols);
  }

  /** A 2-d int64 tensor from rows of equal length. */
  public static Tensor tensor(long[][] rows) {
    int cols = checkRows(rows.length, i -> rows[i].length);
    long[] data = new long[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, data, i * cols, cols);
    }
    return wrap(DType.INT64, data, data.length, rows.length, cols);
  }

  private static int checkRows(int n, java.util.function.IntUnaryOperator length) {
    int cols = n == 0 ? 0 : length.applyAsInt(0);
    for (int i = 1; i < n; i++) {
      Checks.checkArgument(
          length.applyAsInt(i) == cols,
          "expected sequence of length %s at dim 1 (got %s) at row %s",
          cols,
          length.applyAsInt(i),
          i);
    }
    return cols;
  }

  /** A tensor of {@code shape} over a copy of row-major {@code values}. */
  public static Tensor tensor(float[] values, int... shape) {
    Checks.checkArgument(
        values.length == io.jgrad.ops.Shapes.numel(shape),
        "%s values cannot fill shape %s",
        values.length,
        Arrays.toString(shape));
    return wrap(DType.FLOAT32, values.clone(), values.length, shape);
  }

  /** A tensor of {@code shape} over a copy of row-major {@code values}. */
  public static Tensor tensor(double[] values, int... shape) {
    Checks.checkArgument(
        values.length == io.jgrad.ops.Shapes.numel(shape),
        "%s values cannot fill shape %s",
        values.length,
        Arrays.toString(shape));
    return wrap(DType.FLOAT64, values.clone(), values.length, shape);
  }

  /** A tensor of {@code shape} over a copy of row-major {@code values}. */
  public static Tensor tensor(long[] values, int... shape) {
    Checks.checkArgument(
        values.length == io.jgrad.ops.Shapes.numel(shape),
        "%s values cannot fill shape %s",
        values.length,
        Arrays.toString(shape));
    return wrap(DType.INT64, values.clone(), values.length, shape);
  }

  /**
   * A 0-d float32 tensor.
   *
   * <p>{@code scalar(3f)} prints {@code tensor(3.)}.
   */
  public static Tensor scalar(float value) {
    return wrap(DType.FLOAT32, new float[] {value}, 1);
  }

  /** A 0-d float64 tensor. */
  public static Tensor scalar(double value) {
    return wrap(DType.FLOAT64, new double[] {value}, 1);
  }

  /** A 0-d int64 tensor. */
  public static Tensor scalar(long value) {
    return wrap(DType.INT64, new long[] {value}, 1);
  }

  /**
   * A 0-d tensor of {@code value} with {@code options}.
   *
   * <p>{@code scalar(0, TensorOptions.DEFAULT.requiresGrad(true))}.
   */
  public static Tensor scalar(double value, TensorOptions options) {
    return finish(Elementwise.scalarTensor(value, options.dtype(), Device.CPU), options);
  }

  // ---- filled ---------------------------------------------------------------------------------

  /**
   * A float32 tensor of zeros.
   *
   * <p>{@code zeros(3, 1)}; {@code zeros()} is 0-d.
   */
  public static Tensor zeros(int... shape) {
    return Elementwise.empty(shape.clone(), DType.FLOAT32, Device.CPU);
  }

  /** A float32 tensor of zeros. */
  public static Tensor zeros(long... shape) {
    return zeros(ints(shape));
  }

  /** Zeros with options. */
  public static Tensor zeros(Size shape, TensorOptions options) {
    return finish(Elementwise.empty(shape.toIntArray(), options.dtype(), Device.CPU), options);
  }

  /** A float32 tensor of ones. */
  public static Tensor ones(int... shape) {
    return Elementwise.full(shape.clone(), 1, DType.FLOAT32, Device.CPU);
  }

  /** A float32 tensor of ones. */
  public static Tensor ones(long... shape) {
    return ones(ints(shape));
  }

  /** Ones with options. */
  public static Tensor ones(Size shape, TensorOptions options) {
    return full(shape, 1, options);
  }

  /**
   * A float32 tensor filled with {@code value}.
   *
   * <p>{@code full(new int[] {2, 2}, 7)}.
   */
  public static Tensor full(int[] shape, double value) {
    return Elementwise.full(shape.clone(), value, DType.FLOAT32, Device.CPU);
  }

  /** A filled tensor with options. */
  public static Tensor full(Size shape, double value, TensorOptions options) {
    return finish(
        Elementwise.full(shape.toIntArray(), value, options.dtype(), Device.CPU), options);
  }

  /** An uninitialised tensor (jgrad zero-fills it). */
  public static Tensor empty(int... shape) {
    return zeros(shape);
  }

  /** Zeros shaped, typed and placed like {@code x}. */
  public static Tensor zerosLike(Tensor x) {
    return Elementwise.zerosLike(x);
  }

  /** Ones shaped, typed and placed like {@code x}. */
  public static Tensor onesLike(Tensor x) {
    return Elementwise.onesLike(x);
  }

  /** {@code value} shaped, typed and placed like {@code x}. */
  public static Tensor fullLike(Tensor x, double value) {
    return Elementwise.full(x.layout().shape(), value, x.dtype(), x.device());
  }

  /** Uniform samples shaped like {@code x}. */
  public static Tensor randLike(Tensor x) {
    return Elementwise.zerosLike(x).uniform_(0, 1);
  }

  /** Normal samples shaped like {@code x}. */
  public static Tensor randnLike(Tensor x) {
    return Elementwise.zerosLike(x).normal_(0, 1);
  }

  /** The n-by-n identity matrix. */
  public static Tensor eye(int n) {
    return eye(n, n);
  }

  /** An n-by-m matrix with ones on the diagonal. */
  public static Tensor eye(int n, int m) {
    Tensor out = zeros(n, m);
    float[] data = (float[]) out.storage().data();
    for (int i = 0; i < Math.min(n, m); i++) {
      data[i * m + i] = 1f;
    }
    return out;
  }

  // ---- ranges ---------------------------------------------------------------------------------

  /**
   * {@code [0, end)} as int64.
   *
   * <p>{@code arange(5)}.
   */
  public static Tensor arange(long end) {
    return arange(0, end, 1);
  }

  /** {@code [start, end)} as int64. */
  public static Tensor arange(long start, long end) {
    return arange(start, end, 1);
  }

  /** {@code [start, end)} with {@code step}, as int64. */
  public static Tensor arange(long start, long end, long step) {
    Checks.checkArgument(step != 0, "step must be nonzero");
    Checks.checkArgument(
        (end - start) / (double) step >= 0,
        "upper bound and larger bound inconsistent with step sign");
    int n = (int) Math.max(0, Math.ceil((end - start) / (double) step));
    long[] data = new long[n];
    for (int i = 0; i < n; i++) {
      data[i] = start + i * step;
    }
    return wrap(DType.INT64, data, n, n);
  }

  /**
   * {@code [start, end)} with {@code step}, as float32.
   *
   * <p>{@code arange(0, 1, 0.25)}.
   */
  public static Tensor arange(double start, double end, double step) {
    Checks.checkArgument(step != 0, "step must be nonzero");
    Checks.checkArgument(
        (end - start) / step >= 0, "upper bound and larger bound inconsistent with step sign");
    int n = (int) Math.ceil((end - start) / step);
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      data[i] = (float) (start + i * step);
    }
    return wrap(DType.FLOAT32, data, n, n);
  }

  /**
   * {@code steps} evenly spaced float32 values from {@code start} to {@code end}, inclusive.
   *
   * <p>{@code linspace(-Math.PI, Math.PI, 2000)}. As PyTorch's kernel does, the first half is
   * stepped from the start and the second half back from the end, so both ends are exact.
   */
  public static Tensor linspace(double start, double end, int steps) {
    return linspace(start, end, steps, DType.FLOAT32);
  }

  /** {@code linspace} in {@code dtype} (float32 or float64). */
  public static Tensor linspace(double start, double end, int steps, DType dtype) {
    Checks.checkArgument(steps >= 0, "number of steps must be non-negative");
    Checks.checkArgument(
        dtype.isFloatingPoint(), "linspace: only floating-point dtypes here, got %s", dtype);
    Tensor out = Elementwise.empty(new int[] {steps}, dtype, Device.CPU);
    if (steps == 1) {
      out.fill_(start); // PyTorch fills with start; the kernel's halfway rule would give end
    } else if (dtype == DType.FLOAT32) {
      float[] data = (float[]) out.storage().data();
      float s = (float) start;
      float e = (float) end;
      float step = steps > 1 ? (e - s) / (steps - 1) : 0f;
      int half = steps / 2;
      for (int i = 0; i < steps; i++) {
        // PyTorch's linspace_kernel (RangeFactoriesKernel.cpp) is compiled with FMA contraction:
        // start + step * idx is one fused multiply-add, so we fuse too to match it bit for bit.
        data[i] =
            i < half ? Math.fma(step, (float) i, s) : Math.fma(-step, (float) (steps - i - 1), e);
      }
    } else {
      double[] data = (double[]) out.storage().data();
      double step = steps > 1 ? (end - start) / (steps - 1) : 0;
      int half = steps / 2;
      for (int i = 0; i < steps; i++) {
        data[i] = i < half ? Math.fma(step, i, start) : Math.fma(-step, steps - i - 1, end);
      }
    }
    return out;
  }

  // ---- random ---------------------------------------------------------------------------------

  /** Seeds the default generator, as {@code torch.manual_seed}. */
  public static Generator manualSeed(long seed) {
    return Generator.defaultGenerator().manualSeed(seed);
  }

  /**
   * Uniform samples in [0, 1), float32.
   *
   * <p>{@code rand(2, 3)}.
   */
  public static Tensor rand(int... shape) {
    return zeros(shape).uniform_(0, 1);
  }

  /** Uniform samples from {@code generator}. */
  public static Tensor rand(Generator generator, int... shape) {
    return zeros(shape).uniform_(0, 1, generator);
  }

  /**
   * Standard normal samples, float32.
   *
   * <p>{@code randn()} is a 0-d sample, as {@code torch.randn(())}.
   */
  public static Tensor randn(int... shape) {
    return zeros(shape).normal_(0, 1);
  }

  /** Standard normal samples from {@code generator}. */
  public static Tensor randn(Generator generator, int... shape) {
    return zeros(shape).normal_(0, 1, generator);
  }

  /** Standard normal samples with options (dtype, device, requiresGrad). */
  public static Tensor randn(Size shape, TensorOptions options) {
    Tensor t = Elementwise.empty(shape.toIntArray(), options.dtype(), Device.CPU).normal_(0, 1);
    return finish(t, options);
  }

  /** Integers uniform in {@code [low, high)}, int64. */
  public static Tensor randint(long low, long high, int... shape) {
    return Random.randint(low, high, shape, Generator.defaultGenerator());
  }

  /** Integers uniform in {@code [low, high)} from {@code generator}. */
  public static Tensor randint(Generator generator, long low, long high, int... shape) {
    return Random.randint(low, high, shape, generator);
  }

  /** A random permutation of {@code 0..n-1}, int64. */
  public static Tensor randperm(int n) {
    return Random.randperm(n, Generator.defaultGenerator());
  }

  /** A random permutation from {@code generator}. */
  public static Tensor randperm(int n, Generator generator) {
    return Random.randperm(n, generator);
  }

  // ---- combining ------------------------------------------------------------------------------

  /**
   * Stacks along a new dimension.
   *
   * <p>{@code stack(List.of(a, b), 0)}.
   */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    return Views.stack(tensors, dim);
  }

  /**
   * Stacks along a new leading dimension.
   *
   * <p>{@code stack(gradW.sum(), gradB.sum())}.
   */
  public static Tensor stack(Tensor... tensors) {
    return Views.stack(List.of(tensors), 0);
  }

  /** Concatenates along {@code dim}. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    return Views.cat(tensors, dim);
  }

  /** Concatenates along dimension 0. */
  public static Tensor cat(Tensor... tensors) {
    return Views.cat(List.of(tensors), 0);
  }

  /** {@code condition ? a : b}. */
  public static Tensor where(Tensor condition, Tensor a, Tensor b) {
    return Elementwise.where(condition, a, b);
  }

  /** {@code condition ? a : value}. */
  public static Tensor where(Tensor condition, Tensor a, double value) {
    return Elementwise.where(condition, a, Elementwise.scalarTensor(value, a.dtype(), a.device()));
  }

  // ---- grad mode ------------------------------------------------------------------------------

  /**
   * Disables gradient recording in this thread until closed.
   *
   * <p>{@code try (var g = noGrad()) {...}}.
   */
  public static GradMode.Scope noGrad() {
    return GradMode.noGrad();
  }

  /** Re-enables gradient recording in this thread until closed. */
  public static GradMode.Scope enableGrad() {
    return GradMode.enableGrad();
  }

  /** Whether gradients are being recorded in this thread. */
  public static boolean isGradEnabled() {
    return GradMode.isEnabled();
  }
}

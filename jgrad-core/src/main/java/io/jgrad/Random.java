package io.jgrad;

import io.jgrad.autograd.GradMode;
import io.jgrad.backend.Layout;
import io.jgrad.ops.Checks;
import io.jgrad.ops.Elementwise;

/**
 * In-place random fills. Samples are drawn on the host by a {@link Generator}, in the tensor's
 * element order, exactly as PyTorch's CPU generator draws them, then written into place.
 */
final class Random {
  private Random() {}

  private static void checkWritable(Tensor t, String op) {
    if (GradMode.isEnabled() && t.requiresGrad() && t.isLeaf()) {
      throw new IllegalStateException(
          "a leaf Variable that requires grad is being used in an in-place operation ("
              + op
              + "). Wrap the call in noGrad().");
    }
  }

  /** A host float tensor to draw into: t itself when it is a contiguous CPU tensor. */
  private static Tensor target(Tensor t) {
    return t.device().isCpu() && t.isContiguous()
        ? t
        : Elementwise.empty(t.layout().shape(), t.dtype(), Device.CPU);
  }

  private static Tensor finish(Tensor t, Tensor drawn) {
    if (drawn != t) {
      t.backend().copy(drawn.to(t.device()), t);
    }
    t.bumpVersion();
    return t;
  }

  static Tensor uniform_(Tensor t, double from, double to, Generator generator) {
    checkWritable(t, "uniform_");
    Checks.checkArgument(
        from <= to,
        "uniform_ expects to return a [from, to) range, but found from=%s > to=%s",
        from,
        to);
    Tensor drawn = target(t);
    Layout layout = drawn.layout();
    switch (t.dtype()) {
      case FLOAT32 ->
          generator.uniform(
              (float[]) drawn.storage().data(), layout.offset(), layout.numel(), from, to);
      case FLOAT64 ->
          generator.uniform(
              (double[]) drawn.storage().data(), layout.offset(), layout.numel(), from, to);
      default ->
          throw new IllegalArgumentException(
              "\"uniform_\" not implemented for '" + t.dtype() + "'");
    }
    return finish(t, drawn);
  }

  static Tensor normal_(Tensor t, double mean, double std, Generator generator) {
    checkWritable(t, "normal_");
    Checks.checkArgument(std >= 0, "normal expects std >= 0.0, but found std %s", std);
    Tensor drawn = target(t);
    // PyTorch picks its algorithm from the *destination's* contiguity (spec section 3).
    boolean contiguous = t.isContiguous();
    Layout layout = drawn.layout();
    switch (t.dtype()) {
      case FLOAT32 ->
          generator.normal(
              (float[]) drawn.storage().data(),
              layout.offset(),
              layout.numel(),
              mean,
              std,
              contiguous);
      case FLOAT64 ->
          generator.normal(
              (double[]) drawn.storage().data(),
              layout.offset(),
              layout.numel(),
              mean,
              std,
              contiguous);
      default ->
          throw new IllegalArgumentException("\"normal_\" not implemented for '" + t.dtype() + "'");
    }
    return finish(t, drawn);
  }

  static Tensor bernoulli_(Tensor t, double p, Generator generator) {
    checkWritable(t, "bernoulli_");
    Checks.checkArgument(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=%s", p);
    Tensor drawn = Elementwise.empty(t.layout().shape(), DType.FLOAT32, Device.CPU);
    generator.bernoulli((float[]) drawn.storage().data(), 0, drawn.numel(), p);
    t.backend().copy(drawn.to(t.device()), t);
    t.bumpVersion();
    return t;
  }

  /** {@code randint(low, high, shape)} as int64. */
  static Tensor randint(long low, long high, int[] shape, Generator generator) {
    Checks.checkArgument(
        low < high,
        "random_ expects 'from' to be less than 'to', but got from=%s >= to=%s",
        low,
        high);
    Tensor out = Elementwise.empty(shape, DType.INT64, Device.CPU);
    generator.randint((long[]) out.storage().data(), 0, out.numel(), low, high);
    return out;
  }

  /** {@code randperm(n)} as int64. */
  static Tensor randperm(int n, Generator generator) {
    Checks.checkArgument(n >= 0, "n must be non-negative, got %s", n);
    long[] values = generator.randperm(n);
    return Tensor.fromStorage(
        new io.jgrad.backend.Storage(DType.INT64, Device.CPU, values, n), Layout.contiguous(n));
  }
}

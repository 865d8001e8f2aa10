package io.jgrad.backend.cpu;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.UnaryOp;

/**
 * Float32 elementwise calls that skip the general strided loop: operands that are contiguous and of
 * out's layout, or broadcast single values, go straight to {@link FloatKernels}, and large ones are
 * split over {@link CpuThreads}. Anything else returns false and takes the general path.
 */
final class FloatFastPaths {
  /** Elements from which an elementwise op is split over the pool. */
  static final int PARALLEL_ELEMENTS = 1 << 18;

  private FloatFastPaths() {}

  /** {@code out = op(a, b)} when the operands allow a direct kernel call; else false. */
  static boolean binary(FloatKernels kernels, BinaryOp op, Tensor a, Tensor b, Tensor out) {
    Layout ol = out.layout();
    if (out.dtype() != DType.FLOAT32
        || a.dtype() != DType.FLOAT32
        || b.dtype() != DType.FLOAT32
        || !ol.isContiguous()) {
      return false;
    }
    Layout al = a.layout();
    Layout bl = b.layout();
    boolean aDense = al.isContiguous();
    boolean bDense = bl.isContiguous();
    float[] ad = (float[]) a.storage().data();
    float[] bd = (float[]) b.storage().data();
    float[] od = (float[]) out.storage().data();
    int n = ol.numel();
    if (aDense && bDense) {
      if (op != BinaryOp.ADD && op != BinaryOp.SUB && op != BinaryOp.MUL && op != BinaryOp.DIV) {
        return false;
      }
      if (n < PARALLEL_ELEMENTS) { // no lambda on the small-op path
        return kernels.binary(op, ad, al.offset(), bd, bl.offset(), od, ol.offset(), n);
      }
      run(
          n,
          (start, length) ->
              kernels.binary(
                  op,
                  ad,
                  al.offset() + start,
                  bd,
                  bl.offset() + start,
                  od,
                  ol.offset() + start,
                  length));
      return true;
    }
    if (aDense && isSingleValue(bl)) {
      return scalar(kernels, op, ad, al.offset(), bd[bl.offset()], false, od, ol.offset(), n);
    }
    if (bDense && isSingleValue(al)) {
      return scalar(kernels, op, bd, bl.offset(), ad[al.offset()], true, od, ol.offset(), n);
    }
    return false;
  }

  /** {@code out = op(x)} for contiguous float32 x and out and a kernel that has op; else false. */
  static boolean unary(FloatKernels kernels, UnaryOp op, Tensor x, Tensor out) {
    Layout xl = x.layout();
    Layout ol = out.layout();
    if (out.dtype() != DType.FLOAT32
        || x.dtype() != DType.FLOAT32
        || !xl.isContiguous()
        || !ol.isContiguous()
        || (op != UnaryOp.RELU && op != UnaryOp.NEG)) {
      return false;
    }
    return kernels.unary(
        op,
        (float[]) x.storage().data(),
        xl.offset(),
        (float[]) out.storage().data(),
        ol.offset(),
        ol.numel());
  }

  /**
   * {@code out = condition ? a : b} for a contiguous bool condition and float32 a and out, with b a
   * single broadcast value (ReLU's backward); else false.
   */
  static boolean where(FloatKernels kernels, Tensor condition, Tensor a, Tensor b, Tensor out) {
    Layout cl = condition.layout();
    Layout al = a.layout();
    Layout bl = b.layout();
    Layout ol = out.layout();
    if (out.dtype() != DType.FLOAT32
        || a.dtype() != DType.FLOAT32
        || b.dtype() != DType.FLOAT32
        || condition.dtype() != DType.BOOL
        || !cl.isContiguous()
        || !al.isContiguous()
        || !ol.isContiguous()
        || !isSingleValue(bl)) {
      return false;
    }
    kernels.select(
        (byte[]) condition.storage().data(),
        cl.offset(),
        (float[]) a.storage().data(),
        al.offset(),
        ((float[]) b.storage().data())[bl.offset()],
        (float[]) out.storage().data(),
        ol.offset(),
        ol.numel());
    return true;
  }

  /** {@code out = op(a, value)} for contiguous float32 a and out; else false. */
  static boolean binaryScalar(
      FloatKernels kernels, BinaryOp op, Tensor a, double value, boolean scalarFirst, Tensor out) {
    Layout al = a.layout();
    Layout ol = out.layout();
    if (out.dtype() != DType.FLOAT32
        || a.dtype() != DType.FLOAT32
        || !al.isContiguous()
        || !ol.isContiguous()) {
      return false;
    }
    return scalar(
        kernels,
        op,
        (float[]) a.storage().data(),
        al.offset(),
        (float) value,
        scalarFirst,
        (float[]) out.storage().data(),
        ol.offset(),
        ol.numel());
  }

  private static boolean scalar(
      FloatKernels kernels,
      BinaryOp op,
      float[] a,
      int ao,
      float s,
      boolean scalarFirst,
      float[] out,
      int oo,
      int n) {
    if (!supportsScalar(op, s, scalarFirst)) {
      return false;
    }
    if (n < PARALLEL_ELEMENTS) {
      return kernels.binaryScalar(op, a, ao, s, scalarFirst, out, oo, n);
    }
    run(
        n,
        (start, length) ->
            kernels.binaryScalar(op, a, ao + start, s, scalarFirst, out, oo + start, length));
    return true;
  }

  private static boolean supportsScalar(BinaryOp op, float s, boolean scalarFirst) {
    return switch (op) {
      case ADD, SUB, MUL, DIV -> true;
      case POW -> !scalarFirst && (s == 1f || s == 2f || s == 3f);
      default -> false;
    };
  }

  /**
   * Every element of the view is the same storage element (all strides of real dims are 0). An
   * empty view has no element to read, so it takes the general path.
   */
  private static boolean isSingleValue(Layout layout) {
    if (layout.numel() == 0) {
      return false;
    }
    int[] shape = layout.shape();
    int[] strides = layout.strides();
    for (int d = 0; d < shape.length; d++) {
      if (shape[d] > 1 && strides[d] != 0) {
        return false;
      }
    }
    return true;
  }

  /** A kernel call over {@code [start, start + length)}. */
  @FunctionalInterface
  interface Range {
    void run(int start, int length);
  }

  /** Runs {@code body} over {@code [0, n)}: on this thread, or in one slice per pool thread. */
  static void run(int n, Range body) {
    int threads = CpuThreads.threads();
    if (n < PARALLEL_ELEMENTS || threads == 1) {
      body.run(0, n);
      return;
    }
    // Slices aligned to 16 floats (64 bytes) so threads do not share cache lines.
    int slice = ((n + threads - 1) / threads + 15) & ~15;
    CpuThreads.parallelFor(
        threads,
        t -> {
          int start = t * slice;
          int end = Math.min(n, start + slice);
          if (start < end) {
            body.run(start, end - start);
          }
        });
  }
}

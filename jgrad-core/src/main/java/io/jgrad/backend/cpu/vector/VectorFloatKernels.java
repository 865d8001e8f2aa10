package io.jgrad.backend.cpu.vector;

import io.jgrad.backend.cpu.FloatKernels;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.UnaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatKernels} with the Vector API at the machine's preferred width (16 lanes on AVX-512).
 * Loaded by name only when {@code jdk.incubator.vector} is readable; each method matches the scalar
 * twin bit for bit (except the documented freedom of {@code sum}).
 */
public final class VectorFloatKernels implements FloatKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Doubles of the same total width as half of S, so one float vector converts to two. */
  private static final VectorSpecies<Double> D =
      VectorSpecies.of(double.class, VectorShape.forBitSize(S.vectorBitSize()));

  /** Creates the kernels (called reflectively by the backend's kernel selection). */
  public VectorFloatKernels() {}

  @Override
  public String name() {
    return "vector-" + S.vectorBitSize();
  }

  @Override
  public boolean binary(
      BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    switch (op) {
      case ADD -> add(a, ao, b, bo, out, oo, n);
      case SUB -> sub(a, ao, b, bo, out, oo, n);
      case MUL -> mul(a, ao, b, bo, out, oo, n);
      case DIV -> div(a, ao, b, bo, out, oo, n);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, a, ao + i)
          .add(FloatVector.fromArray(S, b, bo + i))
          .intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = a[ao + i] + b[bo + i];
    }
  }

  private static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, a, ao + i)
          .sub(FloatVector.fromArray(S, b, bo + i))
          .intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = a[ao + i] - b[bo + i];
    }
  }

  private static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, a, ao + i)
          .mul(FloatVector.fromArray(S, b, bo + i))
          .intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = a[ao + i] * b[bo + i];
    }
  }

  private static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector.fromArray(S, a, ao + i)
          .div(FloatVector.fromArray(S, b, bo + i))
          .intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      out[oo + i] = a[ao + i] / b[bo + i];
    }
  }

  @Override
  public boolean binaryScalar(
      BinaryOp op, float[] a, int ao, float s, boolean scalarFirst, float[] out, int oo, int n) {
    switch (op) {
      case ADD -> addScalar(a, ao, s, out, oo, n); // addition and product commute exactly
      case MUL -> mulScalar(a, ao, s, out, oo, n);
      case SUB -> {
        if (scalarFirst) {
          rsubScalar(a, ao, s, out, oo, n);
        } else {
          subScalar(a, ao, s, out, oo, n);
        }
      }
      case DIV -> {
        if (scalarFirst) {
          rdivScalar(a, ao, s, out, oo, n);
        } else {
          divScalar(a, ao, s, out, oo, n);
        }
      }
      case POW -> {
        if (scalarFirst || (s != 1f && s != 2f && s != 3f)) {
          return false;
        }
        if (s == 1f) {
          System.arraycopy(a, ao, out, oo, n);
        } else if (s == 2f) {
          square(a, ao, out, oo, n);
        } else {
          cube(a, ao, out, oo, n);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static void addScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      x.add(sv).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      out[oo + i] = x + s;
    }
  }

  private static void mulScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      x.mul(sv).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      out[oo + i] = x * s;
    }
  }

  private static void subScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      x.sub(sv).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      out[oo + i] = x - s;
    }
  }

  private static void rsubScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      sv.sub(x).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      out[oo + i] = s - x;
    }
  }

  private static void divScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      x.div(sv).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      out[oo + i] = x / s;
    }
  }

  private static void rdivScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      sv.div(x).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      out[oo + i] = s / x;
    }
  }

  private static void square(float[] a, int ao, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      x.mul(x).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      out[oo + i] = x * x;
    }
  }

  private static void cube(float[] a, int ao, float[] out, int oo, int n) {
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      x.mul(x).mul(x).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float x = a[ao + i];
      out[oo + i] = x * x * x;
    }
  }

  @Override
  public boolean unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
    if (op != UnaryOp.RELU && op != UnaryOp.NEG) {
      return false;
    }
    boolean relu = op == UnaryOp.RELU;
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      FloatVector v = FloatVector.fromArray(S, x, xo + i);
      // v <= 0 is false for NaN, so NaN is kept; -0.0 becomes +0.0, as in the scalar loop.
      (relu ? v.blend(zero, v.compare(VectorOperators.LE, 0f)) : v.neg()).intoArray(out, oo + i);
    }
    for (; i < n; i++) {
      float v = x[xo + i];
      out[oo + i] = relu ? (v > 0 || Float.isNaN(v) ? v : 0f) : -v;
    }
    return true;
  }

  @Override
  public void select(
      byte[] mask, int mo, float[] a, int ao, float value, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) {
      out[oo + i] = mask[mo + i] != 0 ? a[ao + i] : value;
    }
  }

  @Override
  public double sum(float[] a, int start, int n) {
    DoubleVector s0 = DoubleVector.zero(D);
    DoubleVector s1 = DoubleVector.zero(D);
    int i = 0;
    int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, start + i);
      s0 = s0.add(x.convertShape(VectorOperators.F2D, D, 0));
      s1 = s1.add(x.convertShape(VectorOperators.F2D, D, 1));
    }
    double s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += a[start + i];
    }
    return s;
  }

  @Override
  public int nr() {
    return 2 * L;
  }

  @Override
  public void microKernel(
      int kc,
      float[] ap,
      int aOff,
      float[] bp,
      int bOff,
      float[] c,
      int cOff,
      int ldc,
      int rows,
      int cols,
      boolean accumulate) {
    int nr = 2 * L;
    if (rows == MR && cols == nr) {
      if (!accumulate) {
        for (int i = 0; i < MR; i++) {
          java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + nr, 0f);
        }
      }
      fullTile(kc, ap, aOff, bp, bOff, c, cOff, ldc);
      return;
    }
    // An edge tile: run the full tile on a scratch copy, then store the valid part.
    float[] tile = new float[MR * nr];
    if (accumulate) {
      for (int i = 0; i < rows; i++) {
        System.arraycopy(c, cOff + i * ldc, tile, i * nr, cols);
      }
    }
    fullTile(kc, ap, aOff, bp, bOff, tile, 0, nr);
    for (int i = 0; i < rows; i++) {
      System.arraycopy(tile, i * nr, c, cOff + i * ldc, cols);
    }
  }

  /**
   * The 12 x 2L register tile: 24 accumulators loaded from C, one broadcast of A and two loads of B
   * per step of k, stored back. Straight-line code without merges, so C2 keeps every vector in a
   * register (a variant with conditional loads was boxed and ran 15x slower).
   */
  private static void fullTile(
      int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc) {
    FloatVector c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc);
    FloatVector c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L);
    FloatVector c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc);
    FloatVector c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L);
    FloatVector c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc);
    FloatVector c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L);
    FloatVector c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc);
    FloatVector c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L);
    FloatVector c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc);
    FloatVector c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L);
    FloatVector c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc);
    FloatVector c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L);
    FloatVector c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc);
    FloatVector c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + L);
    FloatVector c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc);
    FloatVector c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + L);
    FloatVector c80 = FloatVector.fromArray(S, c, cOff + 8 * ldc);
    FloatVector c81 = FloatVector.fromArray(S, c, cOff + 8 * ldc + L);
    FloatVector c90 = FloatVector.fromArray(S, c, cOff + 9 * ldc);
    FloatVector c91 = FloatVector.fromArray(S, c, cOff + 9 * ldc + L);
    FloatVector c100 = FloatVector.fromArray(S, c, cOff + 10 * ldc);
    FloatVector c101 = FloatVector.fromArray(S, c, cOff + 10 * ldc + L);
    FloatVector c110 = FloatVector.fromArray(S, c, cOff + 11 * ldc);
    FloatVector c111 = FloatVector.fromArray(S, c, cOff + 11 * ldc + L);
    int ai = aOff;
    int bi = bOff;
    for (int p = 0; p < kc; p++, ai += MR, bi += 2 * L) {
      FloatVector b0 = FloatVector.fromArray(S, bp, bi);
      FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
      FloatVector a;
      a = FloatVector.broadcast(S, ap[ai + 0]);
      c00 = a.fma(b0, c00);
      c01 = a.fma(b1, c01);
      a = FloatVector.broadcast(S, ap[ai + 1]);
      c10 = a.fma(b0, c10);
      c11 = a.fma(b1, c11);
      a = FloatVector.broadcast(S, ap[ai + 2]);
      c20 = a.fma(b0, c20);
      c21 = a.fma(b1, c21);
      a = FloatVector.broadcast(S, ap[ai + 3]);
      c30 = a.fma(b0, c30);
      c31 = a.fma(b1, c31);
      a = FloatVector.broadcast(S, ap[ai + 4]);
      c40 = a.fma(b0, c40);
      c41 = a.fma(b1, c41);
      a = FloatVector.broadcast(S, ap[ai + 5]);
      c50 = a.fma(b0, c50);
      c51 = a.fma(b1, c51);
      a = FloatVector.broadcast(S, ap[ai + 6]);
      c60 = a.fma(b0, c60);
      c61 = a.fma(b1, c61);
      a = FloatVector.broadcast(S, ap[ai + 7]);
      c70 = a.fma(b0, c70);
      c71 = a.fma(b1, c71);
      a = FloatVector.broadcast(S, ap[ai + 8]);
      c80 = a.fma(b0, c80);
      c81 = a.fma(b1, c81);
      a = FloatVector.broadcast(S, ap[ai + 9]);
      c90 = a.fma(b0, c90);
      c91 = a.fma(b1, c91);
      a = FloatVector.broadcast(S, ap[ai + 10]);
      c100 = a.fma(b0, c100);
      c101 = a.fma(b1, c101);
      a = FloatVector.broadcast(S, ap[ai + 11]);
      c110 = a.fma(b0, c110);
      c111 = a.fma(b1, c111);
    }
    c00.intoArray(c, cOff + 0 * ldc);
    c01.intoArray(c, cOff + 0 * ldc + L);
    c10.intoArray(c, cOff + 1 * ldc);
    c11.intoArray(c, cOff + 1 * ldc + L);
    c20.intoArray(c, cOff + 2 * ldc);
    c21.intoArray(c, cOff + 2 * ldc + L);
    c30.intoArray(c, cOff + 3 * ldc);
    c31.intoArray(c, cOff + 3 * ldc + L);
    c40.intoArray(c, cOff + 4 * ldc);
    c41.intoArray(c, cOff + 4 * ldc + L);
    c50.intoArray(c, cOff + 5 * ldc);
    c51.intoArray(c, cOff + 5 * ldc + L);
    c60.intoArray(c, cOff + 6 * ldc);
    c61.intoArray(c, cOff + 6 * ldc + L);
    c70.intoArray(c, cOff + 7 * ldc);
    c71.intoArray(c, cOff + 7 * ldc + L);
    c80.intoArray(c, cOff + 8 * ldc);
    c81.intoArray(c, cOff + 8 * ldc + L);
    c90.intoArray(c, cOff + 9 * ldc);
    c91.intoArray(c, cOff + 9 * ldc + L);
    c100.intoArray(c, cOff + 10 * ldc);
    c101.intoArray(c, cOff + 10 * ldc + L);
    c110.intoArray(c, cOff + 11 * ldc);
    c111.intoArray(c, cOff + 11 * ldc + L);
  }

  /** PyTorch's sum uses AVX2 vectors whatever the CPU offers: eight lanes, fixed. */
  private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;

  @Override
  public float cascadeSum(float[] a, int start, int n) {
    return cascadeSumOfProducts(a, start, null, 0, n);
  }

  @Override
  public float cascadeSumOfProducts(float[] a, int start, float[] b, int bStart, int n) {
    int lanes = io.jgrad.backend.cpu.CascadeSum.LANES;
    if (n < lanes) {
      return io.jgrad.backend.cpu.CascadeSum.innerSumOfProducts(a, start, b, bStart, n);
    }
    int shift = bStart - start; // b's index for a's index i is i + shift
    int vectors = n / lanes;
    int size = vectors / 4;
    // CascadeSum.multiRowSum on four interleaved rows of vectors, held in locals (not arrays) so
    // the JIT keeps them in registers: acc<level><row>.
    int levelPower = Math.max(4, (size <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(size - 1)) / 4);
    int levelStep = 1 << levelPower;
    long levelMask = levelStep - 1;
    FloatVector zero = FloatVector.zero(EIGHT);
    FloatVector acc00 = zero, acc01 = zero, acc02 = zero, acc03 = zero;
    FloatVector acc10 = zero, acc11 = zero, acc12 = zero, acc13 = zero;
    FloatVector acc20 = zero, acc21 = zero, acc22 = zero, acc23 = zero;
    FloatVector acc30 = zero, acc31 = zero, acc32 = zero, acc33 = zero;
    int i = 0;
    while (i + levelStep <= size) {
      for (int j = 0; j < levelStep; j++, i++) {
        int base = start + i * 32;
        acc00 = acc00.add(load8(a, b, shift, base));
        acc01 = acc01.add(load8(a, b, shift, base + 8));
        acc02 = acc02.add(load8(a, b, shift, base + 16));
        acc03 = acc03.add(load8(a, b, shift, base + 24));
      }
      acc10 = acc10.add(acc00);
      acc11 = acc11.add(acc01);
      acc12 = acc12.add(acc02);
      acc13 = acc13.add(acc03);
      acc00 = zero;
      acc01 = zero;
      acc02 = zero;
      acc03 = zero;
      if ((i & (levelMask << levelPower)) != 0) {
        continue;
      }
      acc20 = acc20.add(acc10);
      acc21 = acc21.add(acc11);
      acc22 = acc22.add(acc12);
      acc23 = acc23.add(acc13);
      acc10 = zero;
      acc11 = zero;
      acc12 = zero;
      acc13 = zero;
      if ((i & (levelMask << (2 * levelPower))) != 0) {
        continue;
      }
      acc30 = acc30.add(acc20);
      acc31 = acc31.add(acc21);
      acc32 = acc32.add(acc22);
      acc33 = acc33.add(acc23);
      acc20 = zero;
      acc21 = zero;
      acc22 = zero;
      acc23 = zero;
    }
    for (; i < size; i++) {
      int base = start + i * 32;
      acc00 = acc00.add(load8(a, b, shift, base));
      acc01 = acc01.add(load8(a, b, shift, base + 8));
      acc02 = acc02.add(load8(a, b, shift, base + 16));
      acc03 = acc03.add(load8(a, b, shift, base + 24));
    }
    acc00 = acc00.add(acc10).add(acc20).add(acc30);
    acc01 = acc01.add(acc11).add(acc21).add(acc31);
    acc02 = acc02.add(acc12).add(acc22).add(acc32);
    acc03 = acc03.add(acc13).add(acc23).add(acc33);
    // row_sum's tail vectors go to partial 0, then the partials fold in order.
    for (int v = size * 4; v < vectors; v++) {
      acc00 = acc00.add(load8(a, b, shift, start + v * lanes));
    }
    FloatVector total = acc00.add(acc01).add(acc02).add(acc03);
    float result = 0f;
    for (int k = vectors * lanes; k < n; k++) {
      result += b == null ? a[start + k] : a[start + k] * b[start + k + shift];
    }
    for (int lane = 0; lane < lanes; lane++) {
      result += total.lane(lane);
    }
    return result;
  }

  /** Eight floats of {@code a}, or of {@code a * b} (rounded per lane, as an elementwise mul). */
  private static FloatVector load8(float[] a, float[] b, int shift, int i) {
    FloatVector v = FloatVector.fromArray(EIGHT, a, i);
    return b == null ? v : v.mul(FloatVector.fromArray(EIGHT, b, i + shift));
  }

  @Override
  public void thresholdBackward(
      float[] g, int go, float[] x, int xo, float threshold, float[] out, int oo, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int bound = S.loopBound(n); i < bound; i += L) {
      // LE is false for NaN, so a NaN in x keeps the gradient, as in PyTorch.
      VectorMask<Float> cut =
          FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.LE, threshold);
      FloatVector.fromArray(S, g, go + i).blend(zero, cut).intoArray(out, oo + i);
    }
    FloatKernels.scalar().thresholdBackward(g, go + i, x, xo + i, threshold, out, oo + i, n - i);
  }

  /**
   * Two-vector permute indices for the four rounds of {@link #transpose16}: round d (8, 4, 2, 1)
   * swaps bit d of the row with bit d of the column between rows i and i + d.
   */
  private static final float[][] TRANSPOSE_LOW = transposeIndices(false);

  private static final float[][] TRANSPOSE_HIGH = transposeIndices(true);

  private static float[][] transposeIndices(boolean high) {
    float[][] rounds = new float[4][16];
    for (int round = 0; round < 4; round++) {
      int d = 8 >> round;
      for (int c = 0; c < 16; c++) {
        boolean bit = (c & d) != 0;
        rounds[round][c] = high ? (bit ? 16 + c : c + d) : (bit ? 16 + c - d : c);
      }
    }
    return rounds;
  }

  @Override
  public void transpose16(float[] src, int so, int ss, float[] dst, int dOff, int ds) {
    if (L != PERMUTE_LANES) {
      FloatKernels.scalar().transpose16(src, so, ss, dst, dOff, ds);
      return;
    }
    // The block is copied into its place in dst, then transposed there in four rounds of
    // pairwise permutes; keeping sixteen vectors in an array instead would box them.
    for (int r = 0; r < 16; r++) {
      FloatVector.fromArray(S, src, so + r * ss).intoArray(dst, dOff + r * ds);
    }
    for (int round = 0; round < 4; round++) {
      int d = 8 >> round;
      FloatVector low = FloatVector.fromArray(S, TRANSPOSE_LOW[round], 0);
      FloatVector high = FloatVector.fromArray(S, TRANSPOSE_HIGH[round], 0);
      for (int i = 0; i < 16; i++) {
        if ((i & d) != 0) {
          continue;
        }
        int upper = dOff + i * ds;
        int lower = dOff + (i + d) * ds;
        FloatVector a = FloatVector.fromArray(S, dst, upper);
        FloatVector b = FloatVector.fromArray(S, dst, lower);
        low.selectFrom(a, b).intoArray(dst, upper);
        high.selectFrom(a, b).intoArray(dst, lower);
      }
    }
  }

  @Override
  public void fmaRow(float s, float[] b, int bo, float[] c, int co, int n) {
    FloatVector sv = FloatVector.broadcast(S, s);
    int j = 0;
    int bound = S.loopBound(n);
    for (; j < bound; j += L) {
      sv.fma(FloatVector.fromArray(S, b, bo + j), FloatVector.fromArray(S, c, co + j))
          .intoArray(c, co + j);
    }
    for (; j < n; j++) {
      c[co + j] = Math.fma(s, b[bo + j], c[co + j]);
    }
  }

  @Override
  public void thinMatrixVector(
      int m,
      int k,
      float[] a,
      int ao,
      int ars,
      int acs,
      float[] b,
      int bo,
      int brs,
      float[] c,
      int co) {
    if (L == PERMUTE_LANES && acs == 1 && ars == k && k <= PERMUTE_MAX_DEPTH) {
      packedRowsMatrixVector(m, k, a, ao, b, bo, brs, c, co);
      return;
    }
    int[] rows = ars == 1 ? null : laneOffsets(ars);
    int i = 0;
    for (int bound = S.loopBound(m); i < bound; i += L) {
      // L rows at once; a row stride other than 1 makes each column a gather.
      FloatVector acc = FloatVector.zero(S);
      int base = ao + i * ars;
      for (int p = 0; p < k; p++) {
        FloatVector column =
            rows == null
                ? FloatVector.fromArray(S, a, base + p * acs)
                : FloatVector.fromArray(S, a, base + p * acs, rows, 0);
        acc = column.fma(FloatVector.broadcast(S, b[bo + p * brs]), acc);
      }
      acc.intoArray(c, co + i);
    }
    leftoverRows(i, m, k, a, ao, ars, acs, b, bo, brs, c, co);
  }

  /** Rows from {@code first} on, which fill no whole vector, by the scalar twin. */
  private static void leftoverRows(
      int first,
      int m,
      int k,
      float[] a,
      int ao,
      int ars,
      int acs,
      float[] b,
      int bo,
      int brs,
      float[] c,
      int co) {
    if (first < m) {
      FloatKernels.scalar()
          .thinMatrixVector(m - first, k, a, ao + first * ars, ars, acs, b, bo, brs, c, co + first);
    }
  }

  /** The lane count the permute paths are written for (AVX-512). */
  private static final int PERMUTE_LANES = 16;

  /** Row lengths up to this read their columns with lane permutes; longer rows gather. */
  private static final int PERMUTE_MAX_DEPTH = 4;

  /**
   * {@link #thinMatrixVector} for contiguous rows of k (at most 4) floats: a block of 16 rows is k
   * whole vectors, and column p takes flat element {@code j k + p} of the block into lane j, picked
   * by two-vector permutes (a gather per column is several times slower). The four columns'
   * indices, masks and weights are set up once, outside the loop over blocks.
   */
  private static void packedRowsMatrixVector(
      int m, int k, float[] a, int ao, float[] b, int bo, int brs, float[] c, int co) {
    Column c0 = new Column(k, 0, b[bo]);
    Column c1 = new Column(k, Math.min(1, k - 1), k > 1 ? b[bo + brs] : 0f);
    Column c2 = new Column(k, Math.min(2, k - 1), k > 2 ? b[bo + 2 * brs] : 0f);
    Column c3 = new Column(k, Math.min(3, k - 1), k > 3 ? b[bo + 3 * brs] : 0f);
    FloatVector i0 = c0.index;
    FloatVector i1 = c1.index;
    FloatVector i2 = c2.index;
    FloatVector i3 = c3.index;
    VectorMask<Float> s0 = c0.fromSecondPair;
    VectorMask<Float> s1 = c1.fromSecondPair;
    VectorMask<Float> s2 = c2.fromSecondPair;
    VectorMask<Float> s3 = c3.fromSecondPair;
    FloatVector w0 = c0.weight;
    FloatVector w1 = c1.weight;
    FloatVector w2 = c2.weight;
    FloatVector w3 = c3.weight;
    int blocks = m / L;
    for (int t = 0; t < blocks; t++) {
      int base = ao + t * L * k;
      FloatVector v0 = blockVector(a, base, 0, k);
      FloatVector v1 = blockVector(a, base, 1, k);
      // fma(x, w, +0), not x * w: the scalar chain starts from +0, which turns a -0 product to +0.
      FloatVector zero = FloatVector.zero(S);
      FloatVector acc;
      if (k > 2) {
        FloatVector v2 = blockVector(a, base, 2, k);
        FloatVector v3 = blockVector(a, base, 3, k);
        acc = i0.selectFrom(v0, v1).blend(i0.selectFrom(v2, v3), s0).fma(w0, zero);
        acc = i1.selectFrom(v0, v1).blend(i1.selectFrom(v2, v3), s1).fma(w1, acc);
        acc = i2.selectFrom(v0, v1).blend(i2.selectFrom(v2, v3), s2).fma(w2, acc);
        if (k > 3) {
          acc = i3.selectFrom(v0, v1).blend(i3.selectFrom(v2, v3), s3).fma(w3, acc);
        }
      } else {
        acc = i0.selectFrom(v0, v1).fma(w0, zero);
        if (k > 1) {
          acc = i1.selectFrom(v0, v1).fma(w1, acc);
        }
      }
      acc.intoArray(c, co + t * L);
    }
    leftoverRows(blocks * L, m, k, a, ao, k, 1, b, bo, brs, c, co);
  }

  /** Where column p of a block of 16 rows of k floats sits, and its weight. */
  private static final class Column {
    final FloatVector index;
    final VectorMask<Float> fromSecondPair;
    final FloatVector weight;

    Column(int k, int p, float weight) {
      float[] select = new float[L];
      boolean[] second = new boolean[L];
      for (int j = 0; j < L; j++) {
        int f = j * k + p;
        select[j] = f % (2 * L);
        second[j] = f >= 2 * L;
      }
      this.index = FloatVector.fromArray(S, select, 0);
      this.fromSecondPair = VectorMask.fromArray(S, second, 0);
      this.weight = FloatVector.broadcast(S, weight);
    }
  }

  /** Vector q of a block of k vectors; past the last it repeats the last (never selected). */
  private static FloatVector blockVector(float[] a, int base, int q, int k) {
    return FloatVector.fromArray(S, a, base + Math.min(q, k - 1) * L);
  }

  @Override
  public void longDots(
      int m,
      int k,
      float[] a,
      int ao,
      int ars,
      int acs,
      float[] b,
      int bo,
      int brs,
      float[] c,
      int co,
      int ldc) {
    if (DOT_CHAINS % L != 0) {
      FloatKernels.scalar().longDots(m, k, a, ao, ars, acs, b, bo, brs, c, co, ldc);
      return;
    }
    if (L == PERMUTE_LANES && ars == 1 && acs == m && brs == 1) {
      columnDots(m, k, a, ao, b, bo, c, co, ldc);
      return;
    }
    int[] aLanes = acs == 1 ? null : laneOffsets(acs);
    int[] bLanes = brs == 1 ? null : laneOffsets(brs);
    int full = k - k % DOT_CHAINS;
    float[] partials = new float[DOT_CHAINS];
    for (int i = 0; i < m; i++) {
      int row = ao + i * ars;
      // Chain j lives in lane j % L of accumulator j / L; with 16 lanes there is one.
      for (int part = 0; part < DOT_CHAINS; part += L) {
        FloatVector acc = FloatVector.zero(S);
        for (int p = part; p < full; p += DOT_CHAINS) {
          FloatVector av =
              aLanes == null
                  ? FloatVector.fromArray(S, a, row + p)
                  : FloatVector.fromArray(S, a, row + p * acs, aLanes, 0);
          FloatVector bv =
              bLanes == null
                  ? FloatVector.fromArray(S, b, bo + p)
                  : FloatVector.fromArray(S, b, bo + p * brs, bLanes, 0);
          acc = av.fma(bv, acc);
        }
        acc.intoArray(partials, part);
      }
      c[co + i * ldc] = finishChains(partials, full, k, a, row, acs, b, bo, brs);
    }
  }

  /**
   * {@link #longDots} over the columns of a contiguous row-major [k, m] matrix (the weight gradient
   * of a Linear with m inputs and one output, x^T g): a block of 16 rows is m whole vectors, and
   * lane l of vector q holds row (16 q + l) / m, column (16 q + l) % m, so multiplying it by g's
   * lanes spread the same way keeps chain j = row mod 16 of every column in one lane: the same sums
   * as the plain path without a gather.
   */
  private static void columnDots(
      int m, int k, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
    int blocks = k / DOT_CHAINS;
    float[] slots = new float[DOT_CHAINS * m];
    int q = 0;
    // Two vectors of a block at a time: one fma chain per vector is latency-bound.
    for (; q + 1 < m; q += 2) {
      VectorShuffle<Float> rows0 = spreadRows(q, m);
      VectorShuffle<Float> rows1 = spreadRows(q + 1, m);
      FloatVector acc0 = FloatVector.zero(S);
      FloatVector acc1 = FloatVector.zero(S);
      for (int t = 0; t < blocks; t++) {
        FloatVector g = FloatVector.fromArray(S, b, bo + t * DOT_CHAINS);
        int at = ao + (t * m + q) * L;
        acc0 = FloatVector.fromArray(S, a, at).fma(g.rearrange(rows0), acc0);
        acc1 = FloatVector.fromArray(S, a, at + L).fma(g.rearrange(rows1), acc1);
      }
      acc0.intoArray(slots, q * L);
      acc1.intoArray(slots, (q + 1) * L);
    }
    if (q < m) {
      VectorShuffle<Float> rows = spreadRows(q, m);
      FloatVector acc = FloatVector.zero(S);
      for (int t = 0; t < blocks; t++) {
        FloatVector g = FloatVector.fromArray(S, b, bo + t * DOT_CHAINS).rearrange(rows);
        acc = FloatVector.fromArray(S, a, ao + (t * m + q) * L).fma(g, acc);
      }
      acc.intoArray(slots, q * L);
    }
    float[] partials = new float[DOT_CHAINS];
    int full = blocks * DOT_CHAINS;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < DOT_CHAINS; j++) {
        partials[j] = slots[j * m + i];
      }
      c[co + i * ldc] = finishChains(partials, full, k, a, ao + i, m, b, bo, 1);
    }
  }

  /**
   * Adds the terms from {@code full} to k (fewer than {@link #DOT_CHAINS}) to chains 0, 1, ... of
   * one dot product, then folds the chains pairwise.
   */
  private static float finishChains(
      float[] partials, int full, int k, float[] a, int row, int acs, float[] b, int bo, int brs) {
    for (int p = full; p < k; p++) {
      int j = p - full;
      partials[j] = Math.fma(a[row + p * acs], b[bo + p * brs], partials[j]);
    }
    return FloatKernels.addChainsPairwise(partials);
  }

  /** Lane l of block vector q holds row (q L + l) / m of the block: where g's lanes go. */
  private static VectorShuffle<Float> spreadRows(int q, int m) {
    int[] spread = new int[L];
    for (int l = 0; l < L; l++) {
      spread[l] = (q * L + l) / m;
    }
    return VectorShuffle.fromArray(S, spread, 0);
  }

  /** {@code {0, stride, 2 stride, ...}}: the index map of a strided gather. */
  private static int[] laneOffsets(int stride) {
    int[] offsets = new int[L];
    for (int j = 0; j < L; j++) {
      offsets[j] = j * stride;
    }
    return offsets;
  }
}

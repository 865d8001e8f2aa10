package io.jgrad.backend.cpu.vector;

import io.jgrad.backend.cpu.FloatKernels;
import io.jgrad.ops.BinaryOp;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatKernels} with the Vector API at the machine's preferred width (16 lanes on
 * AVX-512). Loaded by name only when {@code jdk.incubator.vector} is readable; each method
 * matches the scalar twin bit for bit (except the documented freedom of {@code sum}).
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
    if (op != BinaryOp.ADD && op != BinaryOp.SUB && op != BinaryOp.MUL && op != BinaryOp.DIV) {
      return false;
    }
    int i = 0;
    int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      FloatVector y = FloatVector.fromArray(S, b, bo + i);
      apply(op, x, y).intoArray(out, oo + i);
    }
    if (i < n) {
      VectorMask<Float> m = S.indexInRange(i, n);
      FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
      FloatVector y = FloatVector.fromArray(S, b, bo + i, m);
      // Masked-off lanes of y are 0: DIV gives NaN or inf there, but those lanes are not stored.
      apply(op, x, y).intoArray(out, oo + i, m);
    }
    return true;
  }

  private static FloatVector apply(BinaryOp op, FloatVector x, FloatVector y) {
    return switch (op) {
      case ADD -> x.add(y);
      case SUB -> x.sub(y);
      case MUL -> x.mul(y);
      default -> x.div(y);
    };
  }

  @Override
  public boolean binaryScalar(
      BinaryOp op, float[] a, int ao, float s, boolean scalarFirst, float[] out, int oo, int n) {
    boolean pow = op == BinaryOp.POW;
    if (pow && (scalarFirst || (s != 1f && s != 2f && s != 3f))) {
      return false;
    }
    if (!pow && op != BinaryOp.ADD && op != BinaryOp.SUB && op != BinaryOp.MUL
        && op != BinaryOp.DIV) {
      return false;
    }
    FloatVector sv = FloatVector.broadcast(S, s);
    int power = (int) s;
    int i = 0;
    int bound = S.loopBound(n);
    for (; i < bound; i += L) {
      FloatVector x = FloatVector.fromArray(S, a, ao + i);
      scalarOp(op, x, sv, scalarFirst, power).intoArray(out, oo + i);
    }
    if (i < n) {
      VectorMask<Float> m = S.indexInRange(i, n);
      FloatVector x = FloatVector.fromArray(S, a, ao + i, m);
      scalarOp(op, x, sv, scalarFirst, power).intoArray(out, oo + i, m);
    }
    return true;
  }

  private static FloatVector scalarOp(
      BinaryOp op, FloatVector x, FloatVector s, boolean scalarFirst, int power) {
    return switch (op) {
      case ADD -> scalarFirst ? s.add(x) : x.add(s);
      case SUB -> scalarFirst ? s.sub(x) : x.sub(s);
      case MUL -> scalarFirst ? s.mul(x) : x.mul(s);
      case DIV -> scalarFirst ? s.div(x) : x.div(s);
      default -> power == 1 ? x : power == 2 ? x.mul(x) : x.mul(x).mul(x);
    };
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
  public void microKernel(int kc, float[] ap, int aOff, float[] bp, int bOff, float[] c,
      int cOff, int ldc, int rows, int cols, boolean accumulate) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector c00 = zero, c01 = zero;
    FloatVector c10 = zero, c11 = zero;
    FloatVector c20 = zero, c21 = zero;
    FloatVector c30 = zero, c31 = zero;
    FloatVector c40 = zero, c41 = zero;
    FloatVector c50 = zero, c51 = zero;
    FloatVector c60 = zero, c61 = zero;
    FloatVector c70 = zero, c71 = zero;
    FloatVector c80 = zero, c81 = zero;
    FloatVector c90 = zero, c91 = zero;
    FloatVector c100 = zero, c101 = zero;
    FloatVector c110 = zero, c111 = zero;
    boolean full = cols == 2 * L;
    VectorMask<Float> m0 = S.indexInRange(0, cols);
    VectorMask<Float> m1 = S.indexInRange(L, cols);
    if (accumulate) {
      if (rows > 0) {
        c00 = FloatVector.fromArray(S, c, cOff + 0 * ldc, m0);
        c01 = FloatVector.fromArray(S, c, cOff + 0 * ldc + L, m1);
      }
      if (rows > 1) {
        c10 = FloatVector.fromArray(S, c, cOff + 1 * ldc, m0);
        c11 = FloatVector.fromArray(S, c, cOff + 1 * ldc + L, m1);
      }
      if (rows > 2) {
        c20 = FloatVector.fromArray(S, c, cOff + 2 * ldc, m0);
        c21 = FloatVector.fromArray(S, c, cOff + 2 * ldc + L, m1);
      }
      if (rows > 3) {
        c30 = FloatVector.fromArray(S, c, cOff + 3 * ldc, m0);
        c31 = FloatVector.fromArray(S, c, cOff + 3 * ldc + L, m1);
      }
      if (rows > 4) {
        c40 = FloatVector.fromArray(S, c, cOff + 4 * ldc, m0);
        c41 = FloatVector.fromArray(S, c, cOff + 4 * ldc + L, m1);
      }
      if (rows > 5) {
        c50 = FloatVector.fromArray(S, c, cOff + 5 * ldc, m0);
        c51 = FloatVector.fromArray(S, c, cOff + 5 * ldc + L, m1);
      }
      if (rows > 6) {
        c60 = FloatVector.fromArray(S, c, cOff + 6 * ldc, m0);
        c61 = FloatVector.fromArray(S, c, cOff + 6 * ldc + L, m1);
      }
      if (rows > 7) {
        c70 = FloatVector.fromArray(S, c, cOff + 7 * ldc, m0);
        c71 = FloatVector.fromArray(S, c, cOff + 7 * ldc + L, m1);
      }
      if (rows > 8) {
        c80 = FloatVector.fromArray(S, c, cOff + 8 * ldc, m0);
        c81 = FloatVector.fromArray(S, c, cOff + 8 * ldc + L, m1);
      }
      if (rows > 9) {
        c90 = FloatVector.fromArray(S, c, cOff + 9 * ldc, m0);
        c91 = FloatVector.fromArray(S, c, cOff + 9 * ldc + L, m1);
      }
      if (rows > 10) {
        c100 = FloatVector.fromArray(S, c, cOff + 10 * ldc, m0);
        c101 = FloatVector.fromArray(S, c, cOff + 10 * ldc + L, m1);
      }
      if (rows > 11) {
        c110 = FloatVector.fromArray(S, c, cOff + 11 * ldc, m0);
        c111 = FloatVector.fromArray(S, c, cOff + 11 * ldc + L, m1);
      }
    }
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
    if (rows > 0) {
      store(c00, c01, c, cOff + 0 * ldc, full, m0, m1);
    }
    if (rows > 1) {
      store(c10, c11, c, cOff + 1 * ldc, full, m0, m1);
    }
    if (rows > 2) {
      store(c20, c21, c, cOff + 2 * ldc, full, m0, m1);
    }
    if (rows > 3) {
      store(c30, c31, c, cOff + 3 * ldc, full, m0, m1);
    }
    if (rows > 4) {
      store(c40, c41, c, cOff + 4 * ldc, full, m0, m1);
    }
    if (rows > 5) {
      store(c50, c51, c, cOff + 5 * ldc, full, m0, m1);
    }
    if (rows > 6) {
      store(c60, c61, c, cOff + 6 * ldc, full, m0, m1);
    }
    if (rows > 7) {
      store(c70, c71, c, cOff + 7 * ldc, full, m0, m1);
    }
    if (rows > 8) {
      store(c80, c81, c, cOff + 8 * ldc, full, m0, m1);
    }
    if (rows > 9) {
      store(c90, c91, c, cOff + 9 * ldc, full, m0, m1);
    }
    if (rows > 10) {
      store(c100, c101, c, cOff + 10 * ldc, full, m0, m1);
    }
    if (rows > 11) {
      store(c110, c111, c, cOff + 11 * ldc, full, m0, m1);
    }
  }

  private static void store(FloatVector v0, FloatVector v1, float[] c, int at, boolean full,
      VectorMask<Float> m0, VectorMask<Float> m1) {
    if (full) {
      v0.intoArray(c, at);
      v1.intoArray(c, at + L);
    } else {
      v0.intoArray(c, at, m0);
      v1.intoArray(c, at + L, m1);
    }
  }
}

package io.jgrad.backend.cpu;

import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.UnaryOp;

/**
 * The plain-Java twin of the vector kernels: used when {@code jdk.incubator.vector} is absent or
 * {@code -Djgrad.cpu.vector=false}, and as the reference in tests.
 */
final class ScalarFloatKernels implements FloatKernels {
  static final ScalarFloatKernels INSTANCE = new ScalarFloatKernels();
  private static final int NR = 16;

  private ScalarFloatKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public boolean binary(
      BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = a[ao + i] + b[bo + i];
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = a[ao + i] - b[bo + i];
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = a[ao + i] * b[bo + i];
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = a[ao + i] / b[bo + i];
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean binaryScalar(
      BinaryOp op, float[] a, int ao, float s, boolean scalarFirst, float[] out, int oo, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = scalarFirst ? s + a[ao + i] : a[ao + i] + s;
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = scalarFirst ? s - a[ao + i] : a[ao + i] - s;
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = scalarFirst ? s * a[ao + i] : a[ao + i] * s;
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = scalarFirst ? s / a[ao + i] : a[ao + i] / s;
        }
      }
      case POW -> {
        if (scalarFirst || (s != 1f && s != 2f && s != 3f)) {
          return false;
        }
        for (int i = 0; i < n; i++) {
          float v = a[ao + i];
          out[oo + i] = s == 1f ? v : s == 2f ? v * v : v * v * v;
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n) {
    switch (op) {
      case RELU -> {
        for (int i = 0; i < n; i++) {
          float v = x[xo + i];
          out[oo + i] = v > 0 || Float.isNaN(v) ? v : 0f;
        }
      }
      case NEG -> {
        for (int i = 0; i < n; i++) {
          out[oo + i] = -x[xo + i];
        }
      }
      default -> {
        return false;
      }
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
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[start + i];
      s1 += a[start + i + 1];
      s2 += a[start + i + 2];
      s3 += a[start + i + 3];
    }
    for (; i < n; i++) {
      s0 += a[start + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public int nr() {
    return NR;
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
    float[] acc = new float[MR * NR];
    if (accumulate) {
      for (int i = 0; i < rows; i++) {
        System.arraycopy(c, cOff + i * ldc, acc, i * NR, cols);
      }
    }
    for (int p = 0; p < kc; p++) {
      int aRow = aOff + p * MR;
      int bRow = bOff + p * NR;
      for (int i = 0; i < MR; i++) {
        float av = ap[aRow + i];
        int base = i * NR;
        for (int j = 0; j < NR; j++) {
          acc[base + j] = Math.fma(av, bp[bRow + j], acc[base + j]);
        }
      }
    }
    for (int i = 0; i < rows; i++) {
      System.arraycopy(acc, i * NR, c, cOff + i * ldc, cols);
    }
  }

  @Override
  public float cascadeSum(float[] a, int start, int n) {
    return CascadeSum.innerSum(a, start, n);
  }

  @Override
  public float cascadeSumOfProducts(float[] a, int aStart, float[] b, int bStart, int n) {
    return CascadeSum.innerSumOfProducts(a, aStart, b, bStart, n);
  }

  @Override
  public void thresholdBackward(
      float[] g, int go, float[] x, int xo, float threshold, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) {
      out[oo + i] = x[xo + i] <= threshold ? 0f : g[go + i];
    }
  }

  @Override
  public void transpose16(float[] src, int so, int ss, float[] dst, int dOff, int ds) {
    for (int r = 0; r < 16; r++) {
      for (int c = 0; c < 16; c++) {
        dst[dOff + c * ds + r] = src[so + r * ss + c];
      }
    }
  }

  @Override
  public void fmaRow(float s, float[] b, int bo, float[] c, int co, int n) {
    for (int j = 0; j < n; j++) {
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
    for (int i = 0; i < m; i++) {
      float s = 0f;
      for (int p = 0; p < k; p++) {
        s = Math.fma(a[ao + i * ars + p * acs], b[bo + p * brs], s);
      }
      c[co + i] = s;
    }
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
    float[] partials = new float[DOT_CHAINS];
    for (int i = 0; i < m; i++) {
      java.util.Arrays.fill(partials, 0f);
      int row = ao + i * ars;
      for (int p = 0; p < k; p++) {
        int j = p % DOT_CHAINS;
        partials[j] = Math.fma(a[row + p * acs], b[bo + p * brs], partials[j]);
      }
      c[co + i * ldc] = FloatKernels.addChainsPairwise(partials);
    }
  }
}

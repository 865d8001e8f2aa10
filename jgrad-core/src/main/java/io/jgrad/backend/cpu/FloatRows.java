package io.jgrad.backend.cpu;

import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.UnaryOp;

/**
 * Float32 row loops, specialised per op so the JIT sees a plain arithmetic loop. Transcendental
 * functions are evaluated in double and rounded once.
 */
final class FloatRows {
  private FloatRows() {}

  static void unary(UnaryOp op, float[] x, int xo, int xs, float[] out, int oo, int os, int n) {
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = -x[xo + i * xs];
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = Math.abs(x[xo + i * xs]);
        }
      }
      case RELU -> {
        for (int i = 0; i < n; i++) {
          float v = x[xo + i * xs];
          out[oo + i * os] = v > 0 || Float.isNaN(v) ? v : 0f;
        }
      }
      case SQRT -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = (float) Math.sqrt(x[xo + i * xs]);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = (float) op.apply(x[xo + i * xs]);
        }
      }
    }
  }

  static void binary(
      BinaryOp op,
      float[] a,
      int ao,
      int as,
      float[] b,
      int bo,
      int bs,
      float[] out,
      int oo,
      int os,
      int n) {
    if (as == 1
        && bs == 1
        && os == 1
        && FloatKernels.active().binary(op, a, ao, b, bo, out, oo, n)) {
      return; // the contiguous arithmetic loops live once, in FloatKernels
    }
    if (op == BinaryOp.POW && bs == 0 && powScalar(a, ao, as, b[bo], out, oo, os, n)) {
      return;
    }
    // A row against one broadcast value (a per-channel bias, a per-row scale): vector loops.
    if (os == 1
        && as == 1
        && bs == 0
        && n > 0
        && FloatKernels.active().binaryScalar(op, a, ao, b[bo], false, out, oo, n)) {
      return;
    }
    if (os == 1
        && bs == 1
        && as == 0
        && n > 0
        && FloatKernels.active().binaryScalar(op, b, bo, a[ao], true, out, oo, n)) {
      return;
    }
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = a[ao + i * as] + b[bo + i * bs];
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = a[ao + i * as] - b[bo + i * bs];
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = a[ao + i * as] * b[bo + i * bs];
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = a[ao + i * as] / b[bo + i * bs];
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[oo + i * os] = (float) op.apply(a[ao + i * as], b[bo + i * bs]);
        }
      }
    }
  }

  /**
   * PyTorch's pow with a scalar exponent uses multiplications for small integral exponents
   * (aten/src/ATen/native/cpu/PowKernel.cpp), which rounds differently from powf: copy it.
   */
  private static boolean powScalar(
      float[] a, int ao, int as, float e, float[] out, int oo, int os, int n) {
    if (e == 2f) {
      for (int i = 0; i < n; i++) {
        float v = a[ao + i * as];
        out[oo + i * os] = v * v;
      }
    } else if (e == 3f) {
      for (int i = 0; i < n; i++) {
        float v = a[ao + i * as];
        out[oo + i * os] = v * v * v;
      }
    } else if (e == -1f) {
      for (int i = 0; i < n; i++) {
        out[oo + i * os] = 1f / a[ao + i * as];
      }
    } else if (e == -2f) {
      for (int i = 0; i < n; i++) {
        float v = a[ao + i * as];
        out[oo + i * os] = 1f / (v * v);
      }
    } else if (e == 0.5f) {
      for (int i = 0; i < n; i++) {
        out[oo + i * os] = (float) Math.sqrt(a[ao + i * as]);
      }
    } else {
      return false;
    }
    return true;
  }
}

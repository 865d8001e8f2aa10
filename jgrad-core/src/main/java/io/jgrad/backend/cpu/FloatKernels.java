package io.jgrad.backend.cpu;

import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.UnaryOp;

/**
 * The hot float32 loops of the CPU backend, with two implementations: a scalar twin in this package
 * and a Vector API one in {@code io.jgrad.backend.cpu.vector}. Internal to the backend; public only
 * so the vector package can implement it.
 *
 * <p>{@code FloatKernels.active().binary(BinaryOp.ADD, a, 0, b, 0, out, 0, n)}. Both
 * implementations give bitwise-identical results, except {@link #sum}, whose double-precision
 * partial sums may round differently in the last bit of the double before the final float cast.
 */
public interface FloatKernels {
  /** Rows of the SGEMM register tile. */
  int MR = 12;

  /** The implementation in use: vector when available and not disabled, else scalar. */
  static FloatKernels active() {
    return KernelSelection.ACTIVE;
  }

  /** The scalar twin, for tests and for {@code -Djgrad.cpu.vector=false}. */
  static FloatKernels scalar() {
    return ScalarFloatKernels.INSTANCE;
  }

  /** Short name for logs and benchmark tables: {@code "vector-512"} or {@code "scalar"}. */
  String name();

  /**
   * {@code out[oo + i] = a[ao + i] op b[bo + i]} for ADD, SUB, MUL and DIV.
   *
   * @return false (doing nothing) for any other op
   */
  boolean binary(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

  /**
   * {@code out[oo + i] = a[ao + i] op s} (or {@code s op a[ao + i]} when {@code scalarFirst}) for
   * ADD, SUB, MUL, DIV, and POW with exponent 1, 2 or 3 (as repeated multiplication, which is how
   * PyTorch's pow kernel rounds these exponents).
   *
   * @return false (doing nothing) for any other op or exponent
   */
  boolean binaryScalar(
      BinaryOp op, float[] a, int ao, float s, boolean scalarFirst, float[] out, int oo, int n);

  /**
   * {@code out[oo + i] = op(x[xo + i])} for RELU (NaN passes through, as in PyTorch) and NEG.
   *
   * @return false (doing nothing) for any other op
   */
  boolean unary(UnaryOp op, float[] x, int xo, float[] out, int oo, int n);

  /**
   * {@code out[oo + i] = mask[mo + i] != 0 ? a[ao + i] : value}: a select against a number, as in
   * ReLU's backward.
   */
  void select(byte[] mask, int mo, float[] a, int ao, float value, float[] out, int oo, int n);

  /**
   * {@code out[oo + i] = x[xo + i] <= threshold ? 0 : g[go + i]}: PyTorch's threshold_backward
   * (ReLU's gradient), where a NaN in x passes the gradient.
   */
  void thresholdBackward(
      float[] g, int go, float[] x, int xo, float threshold, float[] out, int oo, int n);

  /** Sum of {@code a[start .. start + n)} accumulated in double. */
  double sum(float[] a, int start, int n);

  /**
   * Sum of {@code a[start .. start + n)} in float32, in exactly PyTorch's order (see {@link
   * CascadeSum}); both implementations give the same bits.
   */
  float cascadeSum(float[] a, int start, int n);

  /**
   * {@code sum(a[i] * b[i])} over {@code n} contiguous pairs with the bits of {@code
   * a.mul(b).sum()} (each product rounded to float, then PyTorch's sum order), without the
   * intermediate array.
   */
  float cascadeSumOfProducts(float[] a, int aStart, float[] b, int bStart, int n);

  /** {@code c[co + j] = fma(s, b[bo + j], c[co + j])} for j below n: one step of a row update. */
  void fmaRow(float s, float[] b, int bo, float[] c, int co, int n);

  /**
   * A matrix-vector product with few terms per row: {@code c[co + i] = fma(A[i][k-1], v[k-1], ...
   * fma(A[i][0], v[0], 0))} for i below m, each row's chain in order of p, where {@code A[i][p] =
   * a[ao + i * ars + p * acs]} and {@code v[p] = b[bo + p * brs]} (any strides: a Linear(3, 1)
   * forward reads rows of three).
   */
  void thinMatrixVector(
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
      int co);

  /** Chains of a {@link #longDots} sum: fixed, so results do not depend on the vector width. */
  int DOT_CHAINS = 16;

  /**
   * Long dot products {@code c[co + i * ldc] = sum_p A[i][p] v[p]} for i below m (strides as in
   * {@link #thinMatrixVector}), each split into {@link #DOT_CHAINS} fma chains, chain j taking the
   * terms {@code p = j mod DOT_CHAINS} in order, then added pairwise as {@link #addChainsPairwise}.
   * One chain of thousands of terms is latency-bound; BLAS splits them too.
   */
  void longDots(
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
      int ldc);

  /**
   * Folds {@link #DOT_CHAINS} partial sums pairwise ({@code s[j] += s[j + w]} for w = 8, 4, 2, 1)
   * and returns the total, the order both implementations of {@link #longDots} use.
   */
  static float addChainsPairwise(float[] partials) {
    for (int width = DOT_CHAINS / 2; width >= 1; width /= 2) {
      for (int j = 0; j < width; j++) {
        partials[j] += partials[j + width];
      }
    }
    return partials[0];
  }

  /**
   * Transposes the 16 x 16 block {@code src[so + r * ss + c]} into {@code dst[dOff + c * ds + r]}
   * (r, c below 16): SGEMM packing of a B whose columns are contiguous, such as the Wᵀ of x·Wᵀ. src
   * and dst must not overlap.
   */
  void transpose16(float[] src, int so, int ss, float[] dst, int dOff, int ds);

  /**
   * Columns of the SGEMM register tile: twice the vector length, so the tile is {@link #MR} rows by
   * two vectors.
   */
  int nr();

  /**
   * The micro-kernel: {@code C[i][j] = c0 + sum_p A[i][p] B[p][j]} for the {@code MR x nr()} tile,
   * where {@code c0} is C's current value when {@code accumulate}, else 0. {@code ap} holds A
   * packed as {@code kc} columns of {@link #MR} floats from {@code aOff}; {@code bp} holds B packed
   * as {@code kc} rows of {@code nr()} floats from {@code bOff}. The sum runs in order of p with
   * one fused multiply-add per step, so both implementations agree bit for bit. Only the top-left
   * {@code rows x cols} of the tile is stored, at {@code c[cOff + i * ldc + j]}.
   */
  void microKernel(
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
      boolean accumulate);
}

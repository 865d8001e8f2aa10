package io.jgrad;

/**
 * The Box–Muller transforms PyTorch's CPU {@code normal_} applies to blocks of 16 uniforms
 * (ATen/native/cpu/DistributionTemplates.h, {@code normal_fill_16} and {@code
 * normal_fill_16_AVX2}).
 *
 * <p>{@code avx2Block16(data, 0, 0f, 1f)} turns 16 uniforms into 16 normals, bit for bit as x86-64
 * PyTorch does on an AVX2 or AVX-512 CPU.
 *
 * <p>Lane j pairs slot j (radius) with slot j+8 (angle); cosine goes to slot j, sine to slot j+8.
 */
final class NormalTransforms {

  /** float(2π), the {@code two_pi} vector constant of the AVX2 kernel. */
  private static final float TWO_PI_F = Float.intBitsToFloat(0x40C90FDB);

  // Cephes-derived avx_mathfun log256_ps constants.
  private static final float LOG_P0 = Float.intBitsToFloat(0x3D9021BB);
  private static final float LOG_P1 = Float.intBitsToFloat(0xBDEBD1B8);
  private static final float LOG_P2 = Float.intBitsToFloat(0x3DEF251A);
  private static final float LOG_P3 = Float.intBitsToFloat(0xBDFE5D4F);
  private static final float LOG_P4 = Float.intBitsToFloat(0x3E11E9BF);
  private static final float LOG_P5 = Float.intBitsToFloat(0xBE2AAE50);
  private static final float LOG_P6 = Float.intBitsToFloat(0x3E4CCEAC);
  private static final float LOG_P7 = Float.intBitsToFloat(0xBE7FFFFC);
  private static final float LOG_P8 = Float.intBitsToFloat(0x3EAAAAAA);
  private static final float LOG_Q1 = Float.intBitsToFloat(0xB95E8083);
  private static final float LOG_Q2 = Float.intBitsToFloat(0x3F318000);
  private static final float SQRTHF = Float.intBitsToFloat(0x3F3504F3);

  // avx_mathfun sincos256_ps constants.
  private static final float FOUR_OVER_PI = Float.intBitsToFloat(0x3FA2F983);
  private static final float DP1 = Float.intBitsToFloat(0xBF490000);
  private static final float DP2 = Float.intBitsToFloat(0xB97DA000);
  private static final float DP3 = Float.intBitsToFloat(0xB3222169);
  private static final float SIN_P0 = Float.intBitsToFloat(0xB94CA1F9);
  private static final float SIN_P1 = Float.intBitsToFloat(0x3C08839E);
  private static final float SIN_P2 = Float.intBitsToFloat(0xBE2AAAA3);
  private static final float COS_P0 = Float.intBitsToFloat(0x37CCF5CE);
  private static final float COS_P1 = Float.intBitsToFloat(0xBAB6061A);
  private static final float COS_P2 = Float.intBitsToFloat(0x3D2AAAA5);

  private NormalTransforms() {}

  /**
   * Transforms {@code data[offset .. offset+16)} in place with the AVX2 float32 kernel.
   *
   * <p>Every {@code Math.fma} below mirrors an FMA that GCC emitted in the shipped PyTorch
   * binaries; every other step is a separately rounded float operation. Moving or removing one
   * changes about 1% of outputs by 1–2 ulp.
   */
  static void avx2Block16(float[] data, int offset, float mean, float std) {
    for (int j = 0; j < 8; j++) {
      float u = 1f - data[offset + j];
      float angleUniform = data[offset + j + 8];
      // A double square root rounded to float is the correctly rounded float square root.
      float radius = (float) Math.sqrt(-2f * logAvx(u));
      long sinCos = sinCosAvx(TWO_PI_F * angleUniform);
      data[offset + j] = Math.fma(radius * cosOf(sinCos), std, mean);
      data[offset + j + 8] = Math.fma(radius * sinOf(sinCos), std, mean);
    }
  }

  /**
   * Transforms {@code data[offset .. offset+16)} in place with the scalar float64 kernel.
   *
   * <p>PyTorch calls the C library's {@code log}, {@code cos} and {@code sin}. On x86-64 HotSpot,
   * {@link Math}'s intrinsics agree with glibc 2.36 on about 99.8% of arguments, where {@link
   * StrictMath} (fdlibm) disagrees on 3–7%; the rest differ in the last bit.
   */
  static void scalarBlock16(double[] data, int offset, double mean, double std) {
    for (int j = 0; j < 8; j++) {
      double u = 1 - data[offset + j];
      double angleUniform = data[offset + j + 8];
      double radius = Math.sqrt(-2 * Math.log(u));
      double theta = 2.0 * Math.PI * angleUniform;
      // x86 builds fuse the final "* std + mean".
      data[offset + j] = Math.fma(radius * Math.cos(theta), std, mean);
      data[offset + j + 8] = Math.fma(radius * Math.sin(theta), std, mean);
    }
  }

  /** avx_mathfun {@code log256_ps} for one lane, u in (0, 1]. */
  static float logAvx(float u) {
    float x = Math.max(u, Float.MIN_NORMAL);
    int bits = Float.floatToRawIntBits(x);
    float e = (float) ((bits >>> 23) - 127) + 1f;
    float m = Float.intBitsToFloat((bits & ~0x7F800000) | 0x3F000000);
    if (m < SQRTHF) {
      e = e - 1f;
      m = (m - 1f) + m;
    } else {
      m = m - 1f;
    }
    float z = m * m;
    float y = LOG_P0;
    y = Math.fma(y, m, LOG_P1);
    y = Math.fma(y, m, LOG_P2);
    y = Math.fma(y, m, LOG_P3);
    y = Math.fma(y, m, LOG_P4);
    y = Math.fma(y, m, LOG_P5);
    y = Math.fma(y, m, LOG_P6);
    y = Math.fma(y, m, LOG_P7);
    y = Math.fma(y, m, LOG_P8);
    y = y * m;
    y = Math.fma(y, z, e * LOG_Q1);
    y = y - 0.5f * z;
    return (m + y) + e * LOG_Q2;
  }

  /**
   * avx_mathfun {@code sincos256_ps} for one lane; returns both results packed in one long (read
   * them with {@link #sinOf} and {@link #cosOf}) so the hot loop allocates nothing.
   */
  static long sinCosAvx(float t) {
    float x = Math.abs(t);
    int j = (int) (x * FOUR_OVER_PI);
    j = (j + 1) & ~1;
    float yj = (float) j;
    boolean negateSin = (t < 0) ^ ((j & 4) != 0);
    boolean negateCos = ((j - 2) & 4) == 0;
    boolean sinPolynomialGivesSin = (j & 2) == 0;

    x = Math.fma(yj, DP1, x);
    x = Math.fma(yj, DP2, x);
    x = Math.fma(yj, DP3, x);
    float z = x * x;

    float cosPoly = Math.fma(COS_P0, z, COS_P1);
    cosPoly = Math.fma(cosPoly, z, COS_P2);
    cosPoly = cosPoly * z;
    cosPoly = Math.fma(cosPoly, z, -(0.5f * z));
    cosPoly = cosPoly + 1f;

    float sinPoly = Math.fma(SIN_P0, z, SIN_P1);
    sinPoly = Math.fma(sinPoly, z, SIN_P2);
    sinPoly = sinPoly * z;
    sinPoly = Math.fma(sinPoly, x, x);

    float sin = sinPolynomialGivesSin ? sinPoly : cosPoly;
    float cos = sinPolynomialGivesSin ? cosPoly : sinPoly;
    sin = negateSin ? -sin : sin;
    cos = negateCos ? -cos : cos;
    long sinBits = Float.floatToRawIntBits(sin);
    long cosBits = Float.floatToRawIntBits(cos) & 0xFFFFFFFFL;
    return (sinBits << 32) | cosBits;
  }

  static float sinOf(long sinCos) {
    return Float.intBitsToFloat((int) (sinCos >>> 32));
  }

  static float cosOf(long sinCos) {
    return Float.intBitsToFloat((int) sinCos);
  }
}

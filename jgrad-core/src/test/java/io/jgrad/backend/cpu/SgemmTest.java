package io.jgrad.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed SGEMM (vector and scalar micro-kernels, with and without threads) equals a plain
 * fused-multiply-add loop bit for bit, on odd sizes and on transposed (strided) operands.
 */
class SgemmTest {
  private static final int[] SIZES = {1, 7, 17, 33, 129, 300};

  static Stream<Arguments> shapes() {
    Stream.Builder<Arguments> shapes = Stream.builder();
    for (int m : SIZES) {
      for (int n : SIZES) {
        for (int k : SIZES) {
          // The full cube of 300s is covered by oneLargeProductUsesThreadsAndStillMatches.
          if ((long) m * n * k <= 300L * 300 * 129) {
            shapes.add(Arguments.of(m, n, k));
          }
        }
      }
    }
    return shapes.build();
  }

  private static float[] random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return a;
  }

  /** The reference: each element an in-order chain of fma over k, starting from 0. */
  private static float[] reference(
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int aRs,
      int aCs,
      float[] b,
      int bOff,
      int bRs,
      int bCs) {
    float[] c = new float[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float acc = 0f;
        for (int p = 0; p < k; p++) {
          acc = Math.fma(a[aOff + i * aRs + p * aCs], b[bOff + p * bRs + j * bCs], acc);
        }
        c[i * n + j] = acc;
      }
    }
    return c;
  }

  /**
   * Long one-column products: sixteen chains, chain j over the terms p = j mod 16 in order, folded
   * pairwise (s[j] += s[j + w] for w = 8, 4, 2, 1).
   */
  private static float[] splitChainReference(
      int m, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs) {
    float[] c = new float[m];
    for (int i = 0; i < m; i++) {
      float[] q = new float[16];
      for (int p = 0; p < k; p++) {
        q[p % 16] = Math.fma(a[aOff + i * aRs + p * aCs], b[bOff + p * bRs], q[p % 16]);
      }
      for (int w = 8; w >= 1; w /= 2) {
        for (int j = 0; j < w; j++) {
          q[j] += q[j + w];
        }
      }
      c[i] = q[0];
    }
    return c;
  }

  static Stream<Arguments> oneColumnShapes() {
    Stream.Builder<Arguments> shapes = Stream.builder();
    for (int m : new int[] {1, 3, 7, 16, 17, 33, 1023, 2000}) {
      for (int k : new int[] {1, 2, 3, 4, 5, 9, 16, 17, 64, 65, 129, 2000}) {
        shapes.add(Arguments.of(m, k));
      }
    }
    return shapes.build();
  }

  /**
   * One-column products (a Linear with one output, and its weight gradient) on the layouts that
   * take the permute, gather and column paths: row-major rows of k, the same read transposed (the
   * weight gradient's x^T), rows with a gap, and a strided vector.
   */
  @ParameterizedTest(name = "m={0} k={1}")
  @MethodSource("oneColumnShapes")
  void oneColumnProductsEqualTheirReferenceOnEveryLayout(int m, int k) {
    float[] a = random(2 * m * k + 5, 7L * m + k);
    float[] b = random(2 * k + 3, 11L * k + m);
    // {aOff, aRs, aCs, bOff, bRs}
    int[][] layouts = {
      {2, k, 1, 1, 1},
      {2, 1, m, 1, 1},
      {5, 2 * k, 1, 0, 2},
      {0, 1, 2 * m, 3, 1},
      {1, 2, 2 * m, 0, 2}
    };
    for (int[] l : layouts) {
      float[] expected =
          k > Sgemm.SPLIT_CHAIN_DEPTH
              ? splitChainReference(m, k, a, l[0], l[1], l[2], b, l[3], l[4])
              : reference(m, 1, k, a, l[0], l[1], l[2], b, l[3], l[4], 1);
      for (FloatKernels kernels :
          new FloatKernels[] {FloatKernels.active(), FloatKernels.scalar()}) {
        float[] c = new float[m + 1];
        Arrays.fill(c, Float.NaN);
        Sgemm.multiply(kernels, m, 1, k, a, l[0], l[1], l[2], b, l[3], l[4], 1, c, 1, 1);
        assertThat(Arrays.copyOfRange(c, 1, c.length))
            .as("%s layout %s", kernels.name(), Arrays.toString(l))
            .containsExactly(expected);
      }
    }
  }

  @ParameterizedTest(name = "m={0} n={1} k={2}")
  @MethodSource("shapes")
  void packedProductEqualsFmaLoopForPlainAndTransposedOperands(int m, int n, int k) {
    float[] a = random(m * k + 3, 31L * m + k);
    float[] b = random(k * n + 2, 17L * n + k);
    // Plain row-major operands at an offset, then A and B read transposed (column-major).
    int[][] layouts = {{3, k, 1, 2, n, 1}, {3, 1, m, 2, 1, k}};
    for (int[] l : layouts) {
      float[] expected =
          n == 1 && k > Sgemm.SPLIT_CHAIN_DEPTH
              ? splitChainReference(m, k, a, l[0], l[1], l[2], b, l[3], l[4])
              : m == 1 && k > Sgemm.SPLIT_CHAIN_DEPTH
                  ? splitChainReference(n, k, b, l[3], l[5], l[4], a, l[0], l[2])
                  : reference(m, n, k, a, l[0], l[1], l[2], b, l[3], l[4], l[5]);
      for (FloatKernels kernels :
          new FloatKernels[] {FloatKernels.active(), FloatKernels.scalar()}) {
        float[] c = new float[m * n + 1];
        Arrays.fill(c, Float.NaN); // the product must overwrite, never read, the old C
        Sgemm.multiply(kernels, m, n, k, a, l[0], l[1], l[2], b, l[3], l[4], l[5], c, 1, n);
        assertThat(Arrays.equals(Arrays.copyOfRange(c, 1, c.length), expected))
            .as("%s strides %s", kernels.name(), Arrays.toString(l))
            .isTrue();
      }
    }
  }

  /** Each chain starts from +0, so all-zero rows give +0 even when every product is -0. */
  @Test
  void negativeZeroProductsSumToPositiveZeroOnEveryPath() {
    for (int k : new int[] {1, 2, 3, 4, 9, 100}) {
      int m = 35;
      float[] a = new float[m * k];
      float[] b = new float[k];
      Arrays.fill(b, -1f);
      for (FloatKernels kernels :
          new FloatKernels[] {FloatKernels.active(), FloatKernels.scalar()}) {
        float[] c = new float[m];
        Arrays.fill(c, Float.NaN);
        Sgemm.multiply(kernels, m, 1, k, a, 0, k, 1, b, 0, 1, 1, c, 0, 1);
        float[] zeros = new float[m];
        assertThat(c).as("%s k=%s", kernels.name(), k).containsExactly(zeros);
      }
    }
  }

  @Test
  void oneLargeProductUsesThreadsAndStillMatches() {
    int m = 300;
    int n = 300;
    int k = 300;
    float[] a = random(m * k, 1);
    float[] b = random(k * n, 2);
    float[] expected = reference(m, n, k, a, 0, k, 1, b, 0, n, 1);
    float[] c = new float[m * n];
    Sgemm.multiply(FloatKernels.active(), m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n);
    assertThat(Arrays.equals(c, expected)).isTrue();
  }

  @Test
  void productWiderThanOneColumnBlockAndDeeperThanOneDepthBlockMatches() {
    int m = 13;
    int n = Sgemm.NC + 40;
    int k = Sgemm.KC + 3;
    float[] a = random(m * k, 3);
    float[] b = random(k * n, 4);
    float[] expected = reference(m, n, k, a, 0, k, 1, b, 0, n, 1);
    float[] c = new float[m * n];
    Sgemm.multiply(FloatKernels.active(), m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n);
    assertThat(Arrays.equals(c, expected)).isTrue();
  }
}

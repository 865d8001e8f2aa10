package io.jgrad.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.ops.BinaryOp;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The active (vector when available) float kernels agree with the scalar twin, and with plain
 * loops, on lengths that exercise full vectors, tails and single elements.
 */
class FloatKernelsTest {
  private static final FloatKernels ACTIVE = FloatKernels.active();
  private static final FloatKernels SCALAR = FloatKernels.scalar();

  private static float[] random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (random.nextDouble() * 8 - 4);
    }
    return a;
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 17, 33, 784})
  void transpose16MovesEveryElementOnBothKernelSets(int stride) {
    float[] src = random(3 + 15 * stride + 16, stride);
    for (FloatKernels kernels : new FloatKernels[] {ACTIVE, SCALAR}) {
      int ds = stride + 5;
      float[] dst = new float[2 + 15 * ds + 16 + 4];
      Arrays.fill(dst, Float.NaN);
      kernels.transpose16(src, 3, stride, dst, 2, ds);
      for (int r = 0; r < 16; r++) {
        for (int c = 0; c < 16; c++) {
          assertThat(dst[2 + c * ds + r])
              .as("%s (%s, %s)", kernels.name(), r, c)
              .isEqualTo(src[3 + r * stride + c]);
        }
      }
      assertThat(dst[0]).isNaN(); // nothing written outside the block
      assertThat(dst[dst.length - 1]).isNaN();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 16, 17, 1023, 4099})
  void thresholdBackwardMatchesScalarTwinAndPyTorchsRuleOnSpecialValues(int n) {
    float[] x = random(n + 1, 3L * n);
    float[] g = random(n + 4, 5L * n);
    float[] specials = {Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int i = 0; i < n; i += 3) {
      x[1 + i] = specials[(i / 3) % specials.length];
    }
    float[] fast = new float[n + 2];
    float[] slow = new float[n + 2];
    ACTIVE.thresholdBackward(g, 4, x, 1, 0f, fast, 2, n);
    SCALAR.thresholdBackward(g, 4, x, 1, 0f, slow, 2, n);
    for (int i = 0; i < n; i++) {
      float xi = x[1 + i];
      float expected = Float.isNaN(xi) || xi > 0 ? g[4 + i] : 0f; // self <= 0 ? 0 : grad
      assertThat(fast[2 + i]).as("n=%s x=%s", n, xi).isEqualTo(expected);
    }
    assertThat(Arrays.equals(fast, slow)).as("n=%s vector vs scalar", n).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 16, 17, 1023, 4099})
  void binaryMatchesScalarTwinAndPlainLoopBitForBit(int n) {
    float[] a = random(n + 3, n);
    float[] b = random(n + 5, n + 1L);
    for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV}) {
      float[] fast = new float[n + 2];
      float[] slow = new float[n + 2];
      float[] plain = new float[n + 2];
      assertThat(ACTIVE.binary(op, a, 3, b, 5, fast, 2, n)).isTrue();
      assertThat(SCALAR.binary(op, a, 3, b, 5, slow, 2, n)).isTrue();
      for (int i = 0; i < n; i++) {
        plain[2 + i] = (float) op.apply(a[3 + i], b[5 + i]);
      }
      assertThat(Arrays.equals(fast, slow)).as("%s n=%s vector vs scalar", op, n).isTrue();
      assertThat(Arrays.equals(fast, plain)).as("%s n=%s vector vs plain", op, n).isTrue();
    }
    assertThat(ACTIVE.binary(BinaryOp.MAXIMUM, a, 0, b, 0, new float[n], 0, n)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 17, 1023})
  void binaryWithNumberMatchesScalarTwinInBothOperandOrders(int n) {
    float[] a = random(n + 1, 3L * n);
    float s = 1.7f;
    for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV}) {
      for (boolean scalarFirst : new boolean[] {false, true}) {
        float[] fast = new float[n];
        float[] slow = new float[n];
        float[] plain = new float[n];
        assertThat(ACTIVE.binaryScalar(op, a, 1, s, scalarFirst, fast, 0, n)).isTrue();
        assertThat(SCALAR.binaryScalar(op, a, 1, s, scalarFirst, slow, 0, n)).isTrue();
        for (int i = 0; i < n; i++) {
          plain[i] = scalarFirst ? (float) op.apply(s, a[1 + i]) : (float) op.apply(a[1 + i], s);
        }
        assertThat(Arrays.equals(fast, slow)).as("%s first=%s", op, scalarFirst).isTrue();
        assertThat(Arrays.equals(fast, plain)).as("%s first=%s plain", op, scalarFirst).isTrue();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 17, 1023})
  void smallIntegerPowersAreRepeatedMultiplication(int n) {
    float[] a = random(n, 5L * n);
    for (float e : new float[] {1f, 2f, 3f}) {
      float[] fast = new float[n];
      float[] slow = new float[n];
      assertThat(ACTIVE.binaryScalar(BinaryOp.POW, a, 0, e, false, fast, 0, n)).isTrue();
      assertThat(SCALAR.binaryScalar(BinaryOp.POW, a, 0, e, false, slow, 0, n)).isTrue();
      for (int i = 0; i < n; i++) {
        float v = a[i];
        float expected = e == 1f ? v : e == 2f ? v * v : v * v * v;
        assertThat(fast[i]).isEqualTo(expected);
      }
      assertThat(Arrays.equals(fast, slow)).isTrue();
    }
    assertThat(ACTIVE.binaryScalar(BinaryOp.POW, a, 0, 0.5f, false, new float[n], 0, n)).isFalse();
    assertThat(ACTIVE.binaryScalar(BinaryOp.POW, a, 0, 2f, true, new float[n], 0, n)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 17, 1023, 100_003})
  void sumAgreesWithScalarTwinToDoublePrecision(int n) {
    float[] a = random(n + 4, 7L * n);
    double fast = ACTIVE.sum(a, 4, n);
    double slow = SCALAR.sum(a, 4, n);
    double plain = 0;
    for (int i = 0; i < n; i++) {
      plain += a[4 + i];
    }
    assertThat(fast).isCloseTo(slow, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, n)));
    assertThat((float) fast).isEqualTo((float) plain);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 17, 1023})
  void reluNegAndSelectMatchScalarTwinIncludingNanAndNegativeZero(int n) {
    float[] x = random(n, 11L * n);
    x[0] = Float.NaN;
    x[n / 2] = -0.0f;
    byte[] mask = new byte[n];
    for (int i = 0; i < n; i++) {
      mask[i] = (byte) (x[i] > 0 ? 1 : 0);
    }
    for (io.jgrad.ops.UnaryOp op :
        new io.jgrad.ops.UnaryOp[] {io.jgrad.ops.UnaryOp.RELU, io.jgrad.ops.UnaryOp.NEG}) {
      float[] fast = new float[n];
      float[] slow = new float[n];
      assertThat(ACTIVE.unary(op, x, 0, fast, 0, n)).isTrue();
      assertThat(SCALAR.unary(op, x, 0, slow, 0, n)).isTrue();
      assertThat(Arrays.equals(fast, slow)).as("%s", op).isTrue();
      for (int i = 0; i < n; i++) {
        float expected = op == io.jgrad.ops.UnaryOp.NEG ? -x[i] : (float) op.apply(x[i]);
        assertThat(Float.floatToIntBits(fast[i]))
            .as("%s at %s", op, i)
            .isEqualTo(
                Float.floatToIntBits(op == io.jgrad.ops.UnaryOp.RELU && x[i] == 0 ? 0f : expected));
      }
    }
    float[] fast = new float[n];
    float[] slow = new float[n];
    ACTIVE.select(mask, 0, x, 0, 0f, fast, 0, n);
    SCALAR.select(mask, 0, x, 0, 0f, slow, 0, n);
    assertThat(Arrays.equals(fast, slow)).isTrue();
    assertThat(ACTIVE.unary(io.jgrad.ops.UnaryOp.EXP, x, 0, fast, 0, n)).isFalse();
  }
}

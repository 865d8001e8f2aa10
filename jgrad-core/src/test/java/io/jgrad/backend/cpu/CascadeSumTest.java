package io.jgrad.backend.cpu;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import io.jgrad.testing.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins jgrad's float32 summation order to PyTorch's. Each probe puts 1e8 and -1e8 into a row of
 * ones: float32 can hold 1e8 + 1 only as 1e8, so the result counts the ones added after the two
 * large values cancelled, which reveals the order. Expected values were printed by torch 2.13
 * ({@code x = torch.ones(n); x[i] = 1e8; x[j] = -1e8; x.sum().item()}).
 */
class CascadeSumTest {
  private static double probe(int n, int big, int negativeBig) {
    float[] values = new float[n];
    java.util.Arrays.fill(values, 1f);
    values[big] = 1e8f;
    values[negativeBig] = -1e8f;
    return tensor(values).sum().item();
  }

  @Test
  void shortRowsUseFourInterleavedPartialSums() {
    assertThat(probe(3, 0, 1)).isEqualTo(1.0);
    assertThat(probe(3, 0, 2)).isEqualTo(0.0);
    assertThat(probe(5, 0, 4)).isEqualTo(3.0);
    assertThat(probe(5, 0, 3)).isEqualTo(0.0);
  }

  @Test
  void rowsOfEightOrMoreSumTheTailFirstAndTheEightLanesLast() {
    assertThat(probe(11, 0, 1)).isEqualTo(6.0);
    assertThat(probe(11, 0, 8)).isEqualTo(7.0);
    assertThat(probe(11, 2, 3)).isEqualTo(12.0);
    assertThat(probe(11, 8, 9)).isEqualTo(9.0);
    assertThat(probe(11, 9, 10)).isEqualTo(8.0);
  }

  @Test
  void matchesTheSeedThermometerLossBitForBit() {
    Tensor tc = tensor(0.5f, 14.0f, 15.0f, 28.0f, 11.0f, 8.0f, 3.0f, -4.0f, 6.0f, 13.0f, 21.0f);
    Tensor tu = tensor(35.7f, 55.9f, 58.2f, 81.9f, 56.3f, 48.9f, 33.9f, 21.8f, 48.4f, 60.4f, 68.4f);
    assertThat(tu.sub(tc).pow(2).sum().item()).isEqualTo(19402.732421875);
  }

  /**
   * Column sums ({@code x.sum(0)}) of 225 shapes against torch 2.13's bits: 32-column groups with
   * one cascade each, narrow matrices in groups of 4, and the leftover columns with row_sum's four
   * interleaved cascades. Inputs are a formula both sides compute exactly (make_column_sums.py).
   */
  @Test
  @SuppressWarnings("unchecked")
  void columnSumsMatchPyTorchBitForBit() {
    Map<String, Object> golden =
        (Map<String, Object>) Json.parseResource("/golden/sums/column-sums-golden.json");
    for (Object o : (List<Object>) golden.get("cases")) {
      Map<String, Object> c = (Map<String, Object>) o;
      int rows = ((Number) c.get("rows")).intValue();
      int columns = ((Number) c.get("columns")).intValue();
      float[] values = new float[rows * columns];
      for (int i = 0; i < values.length; i++) {
        double u = ((i * 2654435761L) % (1L << 32)) / (double) (1L << 32);
        values[i] = (float) (u * 200.0 - 100.0);
      }
      float[] sums = tensor(values).reshape(rows, columns).sum(0).toFloatArray();
      List<Object> bits = (List<Object>) c.get("bits");
      for (int j = 0; j < columns; j++) {
        assertThat(Float.floatToRawIntBits(sums[j]))
            .as("[%s, %s] column %s", rows, columns, j)
            .isEqualTo(((Number) bits.get(j)).intValue());
      }
    }
  }

  @Test
  void leadingDimensionSumsAgreeWithRowSumsOnExactInputs() {
    // Integers below 2^24 sum exactly in any order: the outer path must agree with the inner one.
    Tensor x = arange(0, 37 * 45).to(io.jgrad.DType.FLOAT32).reshape(37, 45);
    assertThat(x.sum(0).toFloatArray()).containsExactly(x.t().contiguous().sum(1).toFloatArray());
    Tensor narrow = arange(0, 13 * 6).to(io.jgrad.DType.FLOAT32).reshape(13, 6);
    assertThat(narrow.sum(0).toFloatArray())
        .containsExactly(narrow.t().contiguous().sum(1).toFloatArray());
  }

  @Test
  void vectorAndScalarKernelsGiveTheSameBits() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    FloatKernels vector = FloatKernels.active();
    FloatKernels scalar = FloatKernels.scalar();
    for (int n : new int[] {0, 1, 7, 8, 9, 31, 32, 33, 127, 128, 129, 1000, 2000, 4097, 65537}) {
      float[] values = new float[n + 3];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextDouble() * 200 - 100);
      }
      assertThat(Float.floatToIntBits(vector.cascadeSum(values, 3, n)))
          .as("n = %s", n)
          .isEqualTo(Float.floatToIntBits(scalar.cascadeSum(values, 3, n)));
    }
  }

  @Test
  void fusedSumOfProductsHasTheBitsOfMulThenSum() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int n : new int[] {1, 5, 8, 13, 64, 100, 2000, 4099}) {
      float[] a = new float[n + 2];
      float[] b = new float[n + 5];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) (random.nextDouble() * 20 - 10);
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) (random.nextDouble() * 20 - 10);
      }
      float[] products = new float[n];
      for (int i = 0; i < n; i++) {
        products[i] = a[i + 2] * b[i + 5];
      }
      int expected = Float.floatToIntBits(FloatKernels.scalar().cascadeSum(products, 0, n));
      for (FloatKernels kernels :
          new FloatKernels[] {FloatKernels.active(), FloatKernels.scalar()}) {
        assertThat(Float.floatToIntBits(kernels.cascadeSumOfProducts(a, 2, b, 5, n)))
            .as("%s n = %s", kernels.name(), n)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void scalarWeightGradientIsTheFusedSum() {
    Tensor x = linspace(-3, 3, 2000);
    Tensor w = scalar(0.5f).requiresGrad_(true);
    Tensor g = x.sin();
    w.mul(x).backward(g);
    assertThat(w.grad().item()).isEqualTo(g.mul(x).sum().item());
  }
}

package io.jgrad.optim;

import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gradient clipping against PyTorch 2.13 and hand-computed norms. */
class ClipGradTest {

  private static List<Tensor> paramsWithGrads() {
    Tensor a = tensor(3.0, -4.0).requiresGrad_(true);
    Tensor b = tensor(new double[][] {{1.0, 2.0}, {-0.5, 0.25}}).requiresGrad_(true);
    a.setGrad(tensor(0.3, -4.0));
    b.setGrad(tensor(new double[][] {{1.5, 2.0}, {-0.5, 6.25}}));
    return List.of(a, b);
  }

  private static double[] grads(List<Tensor> params) {
    return DoubleStream.concat(
            DoubleStream.of(params.get(0).grad().toDoubleArray()),
            DoubleStream.of(params.get(1).grad().toDoubleArray()))
        .toArray();
  }

  @ParameterizedTest(name = "norm {0}, max {1}")
  @CsvSource({"2,0.5", "2,100.0", "1,0.5", "1,100.0", "3,0.5", "3,100.0", "inf,0.5", "inf,100.0"})
  void clipGradNormMatchesPyTorch(String norm, double maxNorm) {
    List<Tensor> params = paramsWithGrads();
    double normType = norm.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(norm);
    Tensor total = ClipGrad.clipGradNorm_(params, maxNorm, normType);
    double[] expected = OptimGolden.rows(2, "clip", "norm" + norm + "_max" + maxNorm).get(0);
    assertThat(total.dtype()).isEqualTo(DType.FLOAT64);
    assertThat(total.item()).isCloseTo(expected[0], within(1e-12));
    OptimizerGoldenTest.assertClose(
        grads(params), java.util.Arrays.copyOfRange(expected, 1, expected.length), "clipped");
  }

  @Test
  void totalTwoNormIsTheNormOfAllEntriesByHand() {
    List<Tensor> params = paramsWithGrads();
    double expected = Math.sqrt(0.09 + 16 + 2.25 + 4 + 0.25 + 39.0625);
    double[] before = grads(params);
    double total = ClipGrad.clipGradNorm_(params, 1.0).item();
    assertThat(total).isCloseTo(expected, within(1e-12));
    double coefficient = 1.0 / (expected + 1e-6);
    double[] after = grads(params);
    for (int i = 0; i < before.length; i++) {
      assertThat(after[i]).isCloseTo(before[i] * coefficient, within(1e-12));
    }
  }

  @Test
  void parametersWithoutGradAreSkippedAndNoneGivesZero() {
    Tensor noGrad = tensor(1.0, 2.0).requiresGrad_(true);
    assertThat(ClipGrad.clipGradNorm_(List.of(noGrad), 1.0).item()).isEqualTo(0.0);
    assertThat(noGrad.hasGrad()).isFalse();
  }

  @Test
  void nonFiniteNormThrowsWhenAsked() {
    Tensor p = tensor(1.0).requiresGrad_(true);
    p.setGrad(tensor(Double.POSITIVE_INFINITY));
    assertThatThrownBy(() -> ClipGrad.clipGradNorm_(List.of(p), 1.0, 2.0, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "The total norm of order 2.0 for gradients from `parameters` is " + "non-finite");
  }

  @Test
  void clipGradValueClampsEveryEntry() {
    List<Tensor> params = paramsWithGrads();
    ClipGrad.clipGradValue_(params, 1.0);
    assertThat(grads(params)).containsExactly(0.3, -1.0, 1.0, 1.0, -0.5, 1.0);
  }
}

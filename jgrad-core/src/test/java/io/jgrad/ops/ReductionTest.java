package io.jgrad.ops;

import static io.jgrad.JGrad.arange;
import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.randn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.testing.CoreGolden;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reductions and softmax against PyTorch golden values, over all and given dims, with keepdim. */
class ReductionTest {
  private static final Set<String> OPS =
      Set.of(
          "sum",
          "mean",
          "var",
          "std",
          "prod",
          "amax",
          "amin",
          "max_all",
          "min_all",
          "max_dim_values",
          "max_dim_indices",
          "min_dim_values",
          "min_dim_indices",
          "argmax",
          "argmin",
          "logsumexp",
          "softmax",
          "log_softmax");

  static Stream<Arguments> goldenCases() {
    return CoreGolden.cases(OPS::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void matchesPyTorchForwardAndGradient(String name, Map<String, Object> golden) {
    CoreGolden.check(golden);
  }

  /**
   * Sums over every dimension but a run of adjacent ones (a convolution's bias gradient) read the
   * rows in place; they equal the kept-major copy summed row by row: exactly on integers, to float
   * rounding on random values. Non-adjacent kept dimensions take the general path.
   */
  @Test
  void sumsAroundAKeptRunEqualTheKeptMajorSums() {
    Tensor ints = arange(0, 4 * 5 * 6 * 7).to(DType.FLOAT32).reshape(4, 5, 6, 7);
    assertThat(ints.sum(new int[] {0, 2, 3}, false).toFloatArray())
        .containsExactly(
            ints.permute(1, 0, 2, 3).contiguous().reshape(5, -1).sum(1).toFloatArray());
    manualSeed(5);
    Tensor x = randn(8, 32, 13, 11);
    float[] fast = x.sum(new int[] {0, 2, 3}, true).toFloatArray();
    float[] plain = x.permute(1, 0, 2, 3).contiguous().reshape(32, -1).sum(1).toFloatArray();
    for (int c = 0; c < 32; c++) {
      assertThat(fast[c]).isCloseTo(plain[c], within(1e-4f));
    }
    float[] run = x.sum(new int[] {0, 3}, false).reshape(-1).toFloatArray(); // kept (1, 2)
    float[] runPlain =
        x.permute(1, 2, 0, 3).contiguous().reshape(32 * 13, -1).sum(1).toFloatArray();
    for (int k = 0; k < run.length; k++) {
      assertThat(run[k]).isCloseTo(runPlain[k], within(1e-4f));
    }
    float[] apart = x.sum(new int[] {1, 3}, false).reshape(-1).toFloatArray(); // kept (0, 2)
    float[] apartPlain =
        x.permute(0, 2, 1, 3).contiguous().reshape(8 * 13, -1).sum(1).toFloatArray();
    for (int k = 0; k < apart.length; k++) {
      assertThat(apart[k]).isCloseTo(apartPlain[k], within(1e-4f));
    }
  }
}

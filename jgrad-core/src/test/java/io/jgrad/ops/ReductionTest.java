package io.jgrad.ops;

import io.jgrad.testing.CoreGolden;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
}

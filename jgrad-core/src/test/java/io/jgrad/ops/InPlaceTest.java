package io.jgrad.ops;

import io.jgrad.testing.CoreGolden;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In-place ops on non-leaf tensors against PyTorch golden values, gradients through the rebased
 * history.
 */
class InPlaceTest {
  private static final Set<String> OPS =
      Set.of("copy_", "fill_", "zero_", "add_", "sub_", "mul_", "div_");

  static Stream<Arguments> goldenCases() {
    return CoreGolden.cases(OPS::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void matchesPyTorchForwardAndGradient(String name, Map<String, Object> golden) {
    CoreGolden.check(golden);
  }
}

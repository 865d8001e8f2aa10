package io.jgrad.ops;

import io.jgrad.testing.CoreGolden;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Binary elementwise ops and comparisons against PyTorch golden values, broadcast and strided. */
class BinaryOpTest {
  private static final Set<String> OPS =
      Set.of(
          "add",
          "sub",
          "mul",
          "div",
          "add_scalar",
          "mul_scalar",
          "rsub_scalar",
          "rdiv_scalar",
          "pow_scalar",
          "pow",
          "minimum",
          "maximum",
          "where",
          "clamp",
          "eq",
          "ne",
          "lt",
          "le",
          "gt",
          "ge",
          "eq_scalar",
          "ne_scalar",
          "lt_scalar",
          "le_scalar",
          "gt_scalar",
          "ge_scalar");

  static Stream<Arguments> goldenCases() {
    return CoreGolden.cases(OPS::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void matchesPyTorchForwardAndGradient(String name, Map<String, Object> golden) {
    CoreGolden.check(golden);
  }
}

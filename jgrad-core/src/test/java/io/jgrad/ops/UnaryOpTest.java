package io.jgrad.ops;

import io.jgrad.testing.CoreGolden;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unary elementwise ops against PyTorch golden values, including strided, float64, int and empty
 * inputs.
 */
class UnaryOpTest {
  private static final Set<String> OPS =
      Set.of(
          "neg", "exp", "log", "log1p", "sqrt", "rsqrt", "abs", "sign", "sin", "cos", "tanh",
          "sigmoid", "relu");

  static Stream<Arguments> goldenCases() {
    return CoreGolden.cases(OPS::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void matchesPyTorchForwardAndGradient(String name, Map<String, Object> golden) {
    CoreGolden.check(golden);
  }
}

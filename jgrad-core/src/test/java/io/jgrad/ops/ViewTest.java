package io.jgrad.ops;

import io.jgrad.testing.CoreGolden;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Views, joining and splitting against PyTorch golden values. */
class ViewTest {
  private static final Set<String> OPS =
      Set.of(
          "view",
          "reshape",
          "t",
          "transpose",
          "permute",
          "unsqueeze",
          "squeeze",
          "expand",
          "flatten",
          "slice",
          "narrow",
          "select",
          "stack",
          "cat",
          "split",
          "split_sizes",
          "chunk",
          "clone");

  static Stream<Arguments> goldenCases() {
    return CoreGolden.cases(OPS::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void matchesPyTorchForwardAndGradient(String name, Map<String, Object> golden) {
    CoreGolden.check(golden);
  }
}

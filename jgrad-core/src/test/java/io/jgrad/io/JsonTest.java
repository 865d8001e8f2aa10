package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesEveryValueKindKeepingKeyOrder() {
    Object value =
        Json.parse(
            " {\"z\":[1,-2,0],\"a\":{\"s\":\"x\\u00e9\\n\\/\"},\"t\":true,\"f\":false,"
                + "\"n\":null,\"d\":2.5e1,\"big\":9223372036854775808}  ");
    assertThat(value).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) value;
    assertThat(map.keySet()).containsExactly("z", "a", "t", "f", "n", "d", "big");
    assertThat(map.get("z")).isEqualTo(List.of(1L, -2L, 0L));
    assertThat(map.get("a")).isEqualTo(Map.of("s", "xé\n/"));
    assertThat(map.get("t")).isEqualTo(true);
    assertThat(map.get("f")).isEqualTo(false);
    assertThat(map).containsEntry("n", null);
    assertThat(map.get("d")).isEqualTo(25.0);
    assertThat(map.get("big")).isEqualTo(new BigInteger("9223372036854775808"));
  }

  @Test
  void typesNumbersAsLongBigIntegerOrDouble() {
    assertThat(
            Json.parse(
                "[0, -0, 7, 9223372036854775807, -9223372036854775808, -9223372036854775809,"
                    + " 18446744073709551615, 1.0, -0.0, 1e3, 2E-1, 5e+0]"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsExactly(
            0L,
            0L,
            7L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            new BigInteger("-9223372036854775809"),
            new BigInteger("18446744073709551615"),
            1.0,
            -0.0,
            1000.0,
            0.2,
            5.0);
  }

  @Test
  void decodesEveryEscapeIncludingSurrogatePairs() {
    assertThat(Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00E9\""))
        .isEqualTo("\"\\/\b\f\n\r\tAé");
    assertThat(Json.parse("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00");
    assertThat(Json.parse("\"\uD83D\uDE00 raw\"")).isEqualTo("\uD83D\uDE00 raw");
  }

  @Test
  void rejectsLoneSurrogateEscapesAtTheClosingQuote() {
    assertError("\"\\ud800\"", "lone surrogate U+D800 in string", 8);
    assertError("\"\\ude00x\"", "lone surrogate U+DE00 in string", 9);
    assertError("\"\\ude00\\ud83d\"", "lone surrogate U+DE00 in string", 14);
  }

  @Test
  void rejectsDuplicateKeysAtTheSecondKey() {
    assertError("{\"k\":1,\"k\":2}", "duplicate key \"k\"", 7);
    // A first value of null still counts as present.
    assertError("{\"k\":null,\"k\":2}", "duplicate key \"k\"", 10);
  }

  @Test
  void namesEachStrictnessErrorWithItsOffset() {
    assertError("", "unexpected end of JSON text", 0);
    assertError("{'a':1}", "unexpected ''', expected a string key", 1);
    assertError("[1,]", "unexpected ']', expected a JSON value", 3);
    assertError("[01]", "invalid number: leading zero", 1);
    assertError("[1.]", "invalid number: expected a digit in the fraction", 3);
    assertError("[.5]", "unexpected '.', expected a JSON value", 1);
    assertError("[-]", "invalid number: expected a digit", 2);
    assertError("[1e]", "invalid number: expected a digit in the exponent", 3);
    assertError("tru", "unexpected 't', expected a JSON value", 0);
    assertError("{\"a\" 1}", "unexpected '1', expected ':'", 5);
    assertError("[1 2]", "unexpected '2', expected ',' or ']'", 3);
    assertError("{\"a\":1 2}", "unexpected '2', expected ',' or '}'", 7);
    assertError("\"abc", "unterminated string", 4);
    assertError("\"\\u12\"", "truncated \\u escape", 3);
    assertError("\"\\u12G4\"", "invalid hex digit in \\u escape", 3);
    assertError("\"\\u12", "truncated \\u escape", 3);
    assertError("\"\\q\"", "invalid escape 'q' in string", 2);
    assertError("\"a\tb\"", "unescaped control character U+0009 in string", 2);
    assertError("[NaN]", "unexpected 'N', expected a JSON value", 1);
    assertError("[-Infinity]", "invalid number: expected a digit", 2);
    assertError("{\"a\":1}}", "unexpected '}' after the JSON value", 7);
    assertError("\u00a0{}", "unexpected character U+00A0, expected a JSON value", 0);
  }

  @Test
  void boundsNestingDepth() {
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.parse(ok)).isInstanceOf(List.class);
    String deep = "{\"a\":".repeat(Json.MAX_DEPTH) + "[]" + "}".repeat(Json.MAX_DEPTH);
    assertError(deep, "nesting deeper than 64 levels", 5 * Json.MAX_DEPTH);
  }

  @Test
  void exceptionMessageCarriesProblemAndOffset() {
    assertThatThrownBy(() -> Json.parse("[1,]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("JSON unexpected ']', expected a JSON value at character 3");
  }

  @Test
  void pythonDialectReadsAndWritesNonFiniteDoubles() {
    List<Object> values =
        Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -2.5);
    String text = Json.write(values, Json.Dialect.PYTHON);
    assertThat(text).isEqualTo("[NaN,Infinity,-Infinity,-2.5]");
    assertThat(Json.parse(text, Json.Dialect.PYTHON)).isEqualTo(values);
    assertThat(Json.parse("[-1, -0.5]", Json.Dialect.PYTHON)).isEqualTo(List.of(-1L, -0.5));
    assertError("[Nan]", Json.Dialect.PYTHON, "unexpected 'N', expected a JSON value", 1);
    assertThatThrownBy(() -> Json.write(Map.of("lr", List.of(Double.NaN))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Json.write: value at $.lr[0] is NaN, which strict JSON cannot represent"
                + " (Json.Dialect.PYTHON writes it)");
  }

  @Test
  void writesCompactJsonThatParsesBackEqual() {
    Map<Object, Object> value = new LinkedHashMap<>();
    value.put("s", "q\"b\\\n\u0001é\uD83D\uDE00");
    value.put("list", Arrays.asList(1, 2L, (short) 3, (byte) 4, null, true, 0.1, 1e-8f));
    value.put("big", new BigInteger("-18446744073709551616"));
    value.put(7, Map.of());
    String text = Json.write(value);
    assertThat(text)
        .isEqualTo(
            "{\"s\":\"q\\\"b\\\\\\n\\u0001é\uD83D\uDE00\",\"list\":[1,2,3,4,null,true,0.1,"
                + "9.99999993922529E-9],\"big\":-18446744073709551616,\"7\":{}}");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("s", value.get("s"));
    expected.put("list", Arrays.asList(1L, 2L, 3L, 4L, null, true, 0.1, 9.99999993922529E-9));
    expected.put("big", value.get("big"));
    expected.put("7", Map.of());
    assertThat(Json.parse(text)).isEqualTo(expected);
  }

  @Test
  void finiteDoublesRoundTripBitForBit() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(d)) {
        Object back = ((List<?>) Json.parse(Json.write(List.of(d)))).getFirst();
        assertThat(Double.doubleToLongBits((Double) back)).isEqualTo(Double.doubleToLongBits(d));
      }
    }
  }

  @Test
  void refusesToWriteValuesWithoutAJsonForm() {
    assertThatThrownBy(() -> Json.write(Map.of("a", List.of(new StringBuilder("x")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Json.write: value at $.a[0] is a java.lang.StringBuilder (x), which has no JSON form");
  }

  @Test
  void writesStringsEscapedLikeSerdeJson() {
    StringBuilder out = new StringBuilder();
    Json.appendString(out, "q\"b\\n\nr\rt\tb\bf\fc\u0001/\u007fé\u2028");
    assertThat(out.toString())
        .isEqualTo("\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\fc\\u0001/\u007fé\u2028\"");
  }

  private static void assertError(String text, String problem, int offset) {
    assertError(text, Json.Dialect.STRICT, problem, offset);
  }

  private static void assertError(String text, Json.Dialect dialect, String problem, int offset) {
    assertThatThrownBy(() -> Json.parse(text, dialect))
        .as(text)
        .isInstanceOfSatisfying(
            JsonException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(problem);
              assertThat(e.offset()).isEqualTo(offset);
            });
  }
}

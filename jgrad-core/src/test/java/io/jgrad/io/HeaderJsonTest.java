package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderJsonTest {
  @Test
  void parsesEveryValueKindKeepingKeyOrder() throws Exception {
    Object value =
        HeaderJson.parse(
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
    assertThat(map.get("n")).isSameAs(HeaderJson.NULL);
    assertThat(map.get("d")).isEqualTo(25.0);
    assertThat(map.get("big")).isEqualTo(new BigInteger("9223372036854775808"));
  }

  @Test
  void surrogatePairEscapesDecodeToOneCodePoint() throws Exception {
    assertThat(HeaderJson.parse("\"\\ud83d\\ude00\"")).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void rejectsDuplicateKeysWithTheirOffset() {
    assertThatThrownBy(() -> HeaderJson.parse("{\"k\":1,\"k\":2}"))
        .isInstanceOf(HeaderJson.SyntaxException.class)
        .hasMessage("duplicate key \"k\"")
        .satisfies(e -> assertThat(((HeaderJson.SyntaxException) e).offset()).isEqualTo(7));
  }

  @Test
  void rejectsNonStrictJson() {
    for (String bad :
        List.of(
            "{'a':1}",
            "[1,]",
            "[01]",
            "[1.]",
            "[.5]",
            "[-]",
            "[1e]",
            "tru",
            "{\"a\" 1}",
            "[1 2]",
            "\"abc",
            "\"\\u12\"",
            "[NaN]",
            "{\"a\":1}}",
            "\u00a0{}")) {
      assertThatThrownBy(() -> HeaderJson.parse(bad))
          .as(bad)
          .isInstanceOf(HeaderJson.SyntaxException.class);
    }
  }

  @Test
  void boundsNestingDepth() throws Exception {
    String ok = "[".repeat(HeaderJson.MAX_DEPTH) + "]".repeat(HeaderJson.MAX_DEPTH);
    assertThat(HeaderJson.parse(ok)).isInstanceOf(List.class);
    String deep = "[".repeat(HeaderJson.MAX_DEPTH + 1) + "]".repeat(HeaderJson.MAX_DEPTH + 1);
    assertThatThrownBy(() -> HeaderJson.parse(deep))
        .hasMessage("nesting deeper than " + HeaderJson.MAX_DEPTH + " levels");
  }

  @Test
  void writesStringsEscapedLikeSerdeJson() {
    StringBuilder out = new StringBuilder();
    HeaderJson.appendString(out, "q\"b\\n\nr\rt\tb\bf\fc\u0001/\u007fé\u2028");
    assertThat(out.toString())
        .isEqualTo("\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\fc\\u0001/\u007fé\u2028\"");
  }
}

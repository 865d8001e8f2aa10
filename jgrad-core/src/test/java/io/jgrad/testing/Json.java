package io.jgrad.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON test fixtures such as golden vectors with jgrad's strict codec {@link
 * io.jgrad.io.Json} (RFC 8259, no extensions).
 *
 * <p>{@code Json.parse("{\"a\": [1, 2.5]}")} gives {@code Map{a=[1L, 2.5]}}.
 *
 * <p>Objects become insertion-ordered {@code Map<String, Object>}, arrays {@code List<Object>},
 * strings {@code String}, {@code true}/{@code false} {@code Boolean}, {@code null} Java null.
 * Integer literals become {@code Long}, or {@code BigInteger} beyond the long range (golden files
 * hold uint64 values); other numbers become {@code Double}.
 */
public final class Json {
  private Json() {}

  /**
   * Parses one JSON document.
   *
   * <p>{@code Json.parse("[true, null]")} gives {@code [true, null]}.
   *
   * @throws IllegalArgumentException naming the offset and the problem when the text is not JSON
   */
  public static Object parse(String text) {
    return io.jgrad.io.Json.parse(text);
  }

  /**
   * Parses a UTF-8 JSON resource from the test classpath.
   *
   * <p>{@code Json.parseResource("/golden/torch-rng-golden.json")}.
   *
   * @throws IllegalArgumentException if the resource is missing or not JSON
   */
  public static Object parseResource(String name) {
    try (InputStream in = Json.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("Json: resource not found on the classpath: " + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Json: cannot read resource " + name, e);
    }
  }
}

package io.jgrad.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader for test fixtures such as golden vectors (RFC 8259, no extensions).
 *
 * <p>{@code Json.parse("{\"a\": [1, 2.5]}")} gives {@code Map{a=[1L, 2.5]}}.
 *
 * <p>Objects become insertion-ordered {@code Map<String, Object>}, arrays {@code List<Object>},
 * strings {@code String}, {@code true}/{@code false} {@code Boolean}, {@code null} Java null.
 * Integer literals become {@code Long}, or {@code BigInteger} beyond the long range (golden files
 * hold uint64 values); other numbers become {@code Double}.
 */
public final class Json {

  private final String text;
  private int position;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON document.
   *
   * <p>{@code Json.parse("[true, null]")} gives {@code [true, null]}.
   *
   * @throws IllegalArgumentException naming the offset and the problem when the text is not JSON
   */
  public static Object parse(String text) {
    Json parser = new Json(text);
    parser.skipWhitespace();
    Object value = parser.readValue();
    parser.skipWhitespace();
    if (parser.position != text.length()) {
      throw parser.error("unexpected trailing content");
    }
    return value;
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

  private Object readValue() {
    if (position >= text.length()) {
      throw error("unexpected end of input, expected a value");
    }
    char c = text.charAt(position);
    return switch (c) {
      case '{' -> readObject();
      case '[' -> readArray();
      case '"' -> readString();
      case 't' -> readLiteral("true", Boolean.TRUE);
      case 'f' -> readLiteral("false", Boolean.FALSE);
      case 'n' -> readLiteral("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield readNumber();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private Map<String, Object> readObject() {
    Map<String, Object> map = new LinkedHashMap<>();
    position++;
    skipWhitespace();
    if (peek() == '}') {
      position++;
      return map;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a string key");
      }
      String key = readString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      map.put(key, readValue());
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return map;
      }
      if (c != ',') {
        throw error("expected ',' or '}' in object, found '" + c + "'");
      }
    }
  }

  private List<Object> readArray() {
    List<Object> list = new ArrayList<>();
    position++;
    skipWhitespace();
    if (peek() == ']') {
      position++;
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(readValue());
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return list;
      }
      if (c != ',') {
        throw error("expected ',' or ']' in array, found '" + c + "'");
      }
    }
  }

  private String readString() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("unescaped control character in string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escape = next();
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (position + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
          } catch (NumberFormatException e) {
            throw error("bad \\u escape '" + text.substring(position, position + 4) + "'");
          }
          position += 4;
        }
        default -> throw error("bad escape '\\" + escape + "'");
      }
    }
  }

  private Number readNumber() {
    int start = position;
    if (peek() == '-') {
      position++;
    }
    boolean integral = true;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c >= '0' && c <= '9') {
        position++;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        integral = false;
        position++;
      } else {
        break;
      }
    }
    String literal = text.substring(start, position);
    try {
      if (integral) {
        BigInteger value = new BigInteger(literal);
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
      }
      return Double.parseDouble(literal);
    } catch (NumberFormatException e) {
      position = start;
      throw error("bad number '" + literal + "'");
    }
  }

  private Object readLiteral(String word, Object value) {
    if (!text.startsWith(word, position)) {
      throw error("expected '" + word + "'");
    }
    position += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      position++;
    }
  }

  private char peek() {
    if (position >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(position);
  }

  private char next() {
    char c = peek();
    position++;
    return c;
  }

  private void expect(char expected) {
    char c = next();
    if (c != expected) {
      position--;
      throw error("expected '" + expected + "', found '" + c + "'");
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("Json: " + problem + " at offset " + position);
  }
}

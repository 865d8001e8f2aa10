package io.jgrad.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader and compact writer: jgrad's one JSON codec, used for safetensors
 * headers, checkpoint metadata and golden test files.
 *
 * <p>{@code Json.parse("{\"a\":[1,2.5]}")} gives {@code {a=[1, 2.5]}}. Values come back as {@code
 * LinkedHashMap<String,Object>} (file order), {@code ArrayList<Object>}, {@code String}, {@code
 * Long} (integers that fit), {@code BigInteger} (larger integers, so the caller can name them),
 * {@code Double} (numbers with a fraction or exponent), {@code Boolean} and Java {@code null}.
 * Unlike common parsers it rejects duplicate keys (the safetensors format forbids them, and a
 * lenient "last one wins" reader would hide a hostile file), lone surrogates written as
 * four-hex-digit escapes (they have no UTF-8 form) and trailing text, and it bounds nesting depth,
 * so a deeply nested document cannot overflow the stack.
 */
public final class Json {
  /**
   * Which number tokens beyond RFC 8259 a call reads and writes.
   *
   * <p>{@code Json.parse("[NaN]", Json.Dialect.PYTHON)} gives {@code [NaN]}.
   */
  public enum Dialect {
    /** RFC 8259 only: non-finite doubles have no form. */
    STRICT,
    /** Also {@code NaN}, {@code Infinity} and {@code -Infinity}, as Python's json module does. */
    PYTHON
  }

  /** Nesting deeper than this is rejected; real documents nest a few levels. */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private final Dialect dialect;
  private int pos;

  private Json(String text, Dialect dialect) {
    this.text = text;
    this.dialect = dialect;
  }

  /**
   * Parses one strict JSON value surrounded by optional whitespace.
   *
   * <p>{@code Json.parse("[true, null]")} gives {@code [true, null]}.
   *
   * @throws JsonException on anything that is not strict JSON, on duplicate keys, or on nesting
   *     beyond {@link #MAX_DEPTH}
   */
  public static Object parse(String text) {
    return parse(text, Dialect.STRICT);
  }

  /**
   * Parses one JSON value of {@code dialect} surrounded by optional whitespace.
   *
   * <p>{@code Json.parse("-Infinity", Json.Dialect.PYTHON)} gives {@code -Infinity}.
   *
   * @throws JsonException as {@link #parse(String)} does
   */
  public static Object parse(String text, Dialect dialect) {
    Json parser = new Json(text, dialect);
    parser.skipWhitespace();
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected " + parser.describeHere() + " after the JSON value");
    }
    return value;
  }

  private Object value(int depth) {
    if (pos >= text.length()) {
      throw error("unexpected end of JSON text");
    }
    char c = text.charAt(pos);
    boolean python = dialect == Dialect.PYTHON;
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (python && c == 'N') {
          yield literal("NaN", Double.NaN);
        }
        if (python && c == 'I') {
          yield literal("Infinity", Double.POSITIVE_INFINITY);
        }
        if (python && text.startsWith("-Infinity", pos)) {
          yield literal("-Infinity", Double.NEGATIVE_INFINITY);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected " + describeHere() + ", expected a JSON value");
      }
    };
  }

  private Map<String, Object> object(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return members;
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("unexpected " + describeHere() + ", expected a string key");
      }
      int keyStart = pos;
      String key = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object member = value(depth);
      // containsKey, not putIfAbsent: a first value of null must still count as present.
      if (members.containsKey(key)) {
        throw new JsonException("duplicate key \"" + key + "\"", keyStart);
      }
      members.put(key, member);
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return members;
      }
      if (c != ',') {
        pos--;
        throw error("unexpected " + describeHere() + ", expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    checkDepth(depth);
    pos++;
    List<Object> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return items;
    }
    while (true) {
      skipWhitespace();
      items.add(value(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return items;
      }
      if (c != ',') {
        pos--;
        throw error("unexpected " + describeHere() + ", expected ',' or ']'");
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return checkSurrogates(out);
      }
      if (c < 0x20) {
        throw error(String.format("unescaped control character U+%04X in string", (int) c));
      }
      if (c != '\\') {
        out.append(c);
        pos++;
        continue;
      }
      pos++;
      char escape = peek();
      pos++;
      switch (escape) {
        case '"', '\\', '/' -> out.append(escape);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> out.append(unicodeEscape());
        default -> {
          pos--;
          throw error("invalid escape " + describeHere() + " in string");
        }
      }
    }
  }

  /** Rejects a lone surrogate made by a \\u escape: it has no UTF-8 form (serde_json agrees). */
  private String checkSurrogates(StringBuilder out) {
    for (int i = 0; i < out.length(); i++) {
      char c = out.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < out.length()
          && Character.isLowSurrogate(out.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw error(String.format("lone surrogate U+%04X in string", (int) c));
      }
    }
    return out.toString();
  }

  private char unicodeEscape() {
    if (pos + 4 > text.length()) {
      throw error("truncated \\u escape");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos + i), 16);
      if (digit < 0) {
        throw error("invalid hex digit in \\u escape");
      }
      code = code * 16 + digit;
    }
    pos += 4;
    return (char) code;
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    int intStart = pos;
    if (peek() == '0') {
      pos++;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') {
        pos++;
      }
    } else {
      throw error("invalid number: expected a digit");
    }
    if (peek() >= '0' && peek() <= '9') {
      pos = intStart;
      throw error("invalid number: leading zero");
    }
    boolean integer = true;
    if (peek() == '.') {
      integer = false;
      pos++;
      requireDigits("fraction");
    }
    if (peek() == 'e' || peek() == 'E') {
      integer = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      requireDigits("exponent");
    }
    String literal = text.substring(start, pos);
    if (!integer) {
      return Double.valueOf(literal);
    }
    // Digits alone can exceed long; keep the exact value so the caller can quote it.
    BigInteger exact = new BigInteger(literal);
    return exact.bitLength() < Long.SIZE ? (Object) exact.longValue() : exact;
  }

  private void requireDigits(String part) {
    if (!(peek() >= '0' && peek() <= '9')) {
      throw error("invalid number: expected a digit in the " + part);
    }
    while (peek() >= '0' && peek() <= '9') {
      pos++;
    }
  }

  private Object literal(String word, Object result) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected " + describeHere() + ", expected a JSON value");
    }
    pos += word.length();
    return result;
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("unexpected " + describeHere() + ", expected '" + c + "'");
    }
    pos++;
  }

  /** The current char, or U+FFFF at the end (never a valid structural char). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\uFFFF';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private String describeHere() {
    if (pos >= text.length()) {
      return "end of text";
    }
    char c = text.charAt(pos);
    return c < 0x20 || c > 0x7E ? String.format("character U+%04X", (int) c) : "'" + c + "'";
  }

  private JsonException error(String problem) {
    return new JsonException(problem, pos);
  }

  /**
   * Writes {@code value} as compact strict JSON; see {@link #write(Object, Dialect)}.
   *
   * <p>{@code Json.write(List.of(1, "a"))} gives {@code [1,"a"]}.
   *
   * @throws IllegalArgumentException naming the path of a value that has no strict JSON form
   */
  public static String write(Object value) {
    return write(value, Dialect.STRICT);
  }

  /**
   * Writes {@code value} (a Map, List, String, Boolean, Integer, Long, Short, Byte, BigInteger,
   * Double, Float or null, nested) as compact JSON: map keys become strings with {@link
   * String#valueOf}, strings are escaped by {@link #appendString}, and doubles use {@link
   * Double#toString}, whose shortest form always holds a '.' or an 'E', so it parses back as the
   * same Double, bit for bit.
   *
   * <p>{@code Json.write(Map.of("lr", Double.NaN), Json.Dialect.PYTHON)} gives {@code {"lr":NaN}}.
   *
   * @throws IllegalArgumentException naming the path (such as {@code $.a[0]}) of a value of another
   *     type, or of a non-finite double when {@code dialect} is {@link Dialect#STRICT}
   */
  public static String write(Object value, Dialect dialect) {
    StringBuilder out = new StringBuilder();
    JsonWriter.write(value, out, "$", dialect);
    return out.toString();
  }

  /**
   * Appends {@code value} as a JSON string literal, escaped exactly as serde_json (the safetensors
   * reference writer) does, so jgrad's headers are byte-identical to PyTorch's: only {@code "},
   * {@code \} and control characters below U+0020 are escaped; {@code /}, DEL and non-ASCII stay
   * raw.
   *
   * <p>{@code Json.appendString(sb, "a\"b")} appends {@code "a\"b"}.
   */
  public static void appendString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

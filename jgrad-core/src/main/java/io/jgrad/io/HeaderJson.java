package io.jgrad.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) parser and string writer for safetensors headers.
 *
 * <p>{@code HeaderJson.parse("{\"a\":[1,2]}", 8)} gives {@code {a=[1, 2]}}. Values come back as
 * {@code LinkedHashMap<String,Object>} (file order), {@code List<Object>}, {@code String}, {@code
 * Long} (integers that fit), {@code BigInteger} (larger integers, so the caller can name them),
 * {@code Double} (numbers with a fraction or exponent), {@code Boolean} and {@link #NULL}. Unlike
 * common parsers it rejects duplicate keys (the safetensors format forbids them, and a lenient
 * "last one wins" reader would hide a hostile file) and bounds nesting depth, so a deeply nested
 * header cannot overflow the stack.
 */
final class HeaderJson {
  /** The JSON {@code null} value (a sentinel, since maps here never hold Java nulls). */
  static final Object NULL = new Object();

  /** Nesting deeper than this is rejected; real headers nest three levels. */
  static final int MAX_DEPTH = 64;

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final String text;
  private int pos;

  private HeaderJson(String text) {
    this.text = text;
  }

  /** Thrown for malformed JSON; {@link #offset()} is the char index where parsing stopped. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    SyntaxException(String message, int offset) {
      super(message);
      this.offset = offset;
    }

    int offset() {
      return offset;
    }
  }

  /**
   * Parses one JSON value surrounded by optional whitespace.
   *
   * @throws SyntaxException on anything that is not strict JSON, on duplicate keys, or on nesting
   *     beyond {@link #MAX_DEPTH}
   */
  static Object parse(String text) throws SyntaxException {
    HeaderJson parser = new HeaderJson(text);
    parser.skipWhitespace();
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos != text.length()) {
      throw parser.error("unexpected " + parser.describeHere() + " after the JSON value");
    }
    return value;
  }

  private Object value(int depth) throws SyntaxException {
    if (pos >= text.length()) {
      throw error("unexpected end of JSON text");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", NULL);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected " + describeHere() + ", expected a JSON value");
      }
    };
  }

  private Map<String, Object> object(int depth) throws SyntaxException {
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
      if (members.putIfAbsent(key, member) != null) {
        throw new SyntaxException("duplicate key \"" + key + "\"", keyStart);
      }
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

  private List<Object> array(int depth) throws SyntaxException {
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

  private String string() throws SyntaxException {
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
  private String checkSurrogates(StringBuilder out) throws SyntaxException {
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

  private char unicodeEscape() throws SyntaxException {
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

  private Object number() throws SyntaxException {
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
    // Digits alone can exceed long; keep the exact value so the error can quote it.
    BigInteger exact = new BigInteger(literal);
    return exact.abs().compareTo(LONG_MAX) <= 0 ? (Object) exact.longValue() : exact;
  }

  private void requireDigits(String part) throws SyntaxException {
    if (!(peek() >= '0' && peek() <= '9')) {
      throw error("invalid number: expected a digit in the " + part);
    }
    while (peek() >= '0' && peek() <= '9') {
      pos++;
    }
  }

  private Object literal(String word, Object result) throws SyntaxException {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected " + describeHere() + ", expected a JSON value");
    }
    pos += word.length();
    return result;
  }

  private void checkDepth(int depth) throws SyntaxException {
    if (depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void expect(char c) throws SyntaxException {
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

  private SyntaxException error(String message) {
    return new SyntaxException(message, pos);
  }

  /**
   * Appends {@code value} as a JSON string literal, escaped exactly as serde_json (the reference
   * writer) does, so jgrad's headers are byte-identical to PyTorch's: only {@code "}, {@code \} and
   * control characters below U+0020 are escaped; {@code /}, DEL and non-ASCII stay raw.
   */
  static void appendString(StringBuilder out, String value) {
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

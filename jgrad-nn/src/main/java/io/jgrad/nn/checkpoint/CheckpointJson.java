package io.jgrad.nn.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a checkpoint's metadata: a writer for the values an optimizer's state dict holds and
 * a strict reader. Integers read back as {@link Integer} (or {@link Long} when larger) and numbers
 * with a fraction or exponent as {@link Double}, so every value keeps its Java type; a double is
 * written with {@link Double#toString}, whose shortest form parses back bit for bit. Non-finite
 * doubles are written as {@code NaN}, {@code Infinity} and {@code -Infinity}, the tokens Python's
 * {@code json} module writes and reads.
 */
final class CheckpointJson {
  /** Deeper documents are refused, so hostile metadata cannot overflow the stack. */
  static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private CheckpointJson(String text) {
    this.text = text;
  }

  /**
   * Writes {@code value} (Map, List, String, Boolean, Number; no nulls) as compact JSON.
   *
   * @throws IllegalArgumentException naming the path of a value that has no JSON form
   */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "$");
    return out.toString();
  }

  private static void write(Object value, StringBuilder out, String path) {
    switch (value) {
      case null ->
          throw new IllegalArgumentException(
              "checkpoint: value at " + path + " is null, which a checkpoint cannot store");
      case String s -> writeString(s, out);
      case Boolean b -> out.append(b);
      case Double d -> writeDouble(d, out);
      case Float f -> writeDouble(f.doubleValue(), out);
      case Integer i -> out.append(i);
      case Long l -> out.append(l);
      case Short s -> out.append(s);
      case Byte b -> out.append(b);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          String key = String.valueOf(e.getKey());
          writeString(key, out);
          out.append(':');
          write(e.getValue(), out, path + "." + key);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out, path + "[" + i + "]");
        }
        out.append(']');
      }
      default ->
          throw new IllegalArgumentException(
              "checkpoint: value at "
                  + path
                  + " is a "
                  + value.getClass().getName()
                  + " ("
                  + value
                  + "), which a checkpoint cannot store"
                  + " (supported: tensors, numbers, booleans, strings, lists and maps of them)");
    }
  }

  private static void writeDouble(double d, StringBuilder out) {
    if (Double.isNaN(d)) {
      out.append("NaN");
    } else if (Double.isInfinite(d)) {
      out.append(d > 0 ? "Infinity" : "-Infinity");
    } else {
      // Always has a '.' or an 'E', so it reads back as a Double, not an Integer.
      out.append(Double.toString(d));
    }
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
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

  /**
   * Parses one JSON document: objects become insertion-ordered maps, arrays lists.
   *
   * @throws IllegalArgumentException naming the character offset of the first error
   */
  static Object parse(String text) {
    CheckpointJson parser = new CheckpointJson(text);
    parser.skipSpace();
    Object value = parser.value(0);
    parser.skipSpace();
    if (parser.pos != text.length()) {
      throw parser.error("trailing characters after the JSON value");
    }
    return value;
  }

  private Object value(int depth) {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{', '[' -> {
        if (depth >= MAX_DEPTH) {
          throw error("nesting deeper than " + MAX_DEPTH);
        }
        yield c == '{' ? object(depth) : array(depth);
      }
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      case 'N' -> literal("NaN", Double.NaN);
      case 'I' -> literal("Infinity", Double.POSITIVE_INFINITY);
      default -> {
        if (c == '-' && text.startsWith("-Infinity", pos)) {
          yield literal("-Infinity", Double.NEGATIVE_INFINITY);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character '" + c + "'");
      }
    };
  }

  private Map<String, Object> object(int depth) {
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek('}')) {
      pos++;
      return map;
    }
    while (true) {
      skipSpace();
      if (!peek('"')) {
        throw error(pos >= text.length() ? "unexpected end of input" : "expected a string key");
      }
      int keyAt = pos;
      String key = string();
      skipSpace();
      expect(':');
      skipSpace();
      Object item = value(depth + 1);
      if (map.containsKey(key)) {
        pos = keyAt;
        throw error("duplicate key \"" + key + "\"");
      }
      map.put(key, item);
      skipSpace();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect('}');
      return map;
    }
  }

  private List<Object> array(int depth) {
    pos++;
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (peek(']')) {
      pos++;
      return list;
    }
    while (true) {
      skipSpace();
      list.add(value(depth + 1));
      skipSpace();
      if (peek(',')) {
        pos++;
        continue;
      }
      expect(']');
      return list;
    }
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error("control character U+" + String.format("%04X", (int) c) + " in a string");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated escape");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape '" + text.substring(pos, pos + 4) + "'");
          }
          pos += 4;
        }
        default -> {
          pos--;
          throw error("bad escape '\\" + e + "'");
        }
      }
    }
  }

  private Object number() {
    int start = pos;
    if (peek('-')) {
      pos++;
    }
    if (peek('0')) {
      pos++;
    } else if (!digits()) {
      throw error("bad number");
    }
    boolean integral = true;
    if (peek('.')) {
      pos++;
      integral = false;
      if (!digits()) {
        throw error("bad number: no digits after '.'");
      }
    }
    if (peek('e') || peek('E')) {
      pos++;
      integral = false;
      if (peek('+') || peek('-')) {
        pos++;
      }
      if (!digits()) {
        throw error("bad number: no digits in the exponent");
      }
    }
    String literal = text.substring(start, pos);
    if (!integral) {
      return Double.parseDouble(literal);
    }
    try {
      long value = Long.parseLong(literal);
      // Not a conditional expression: it would promote the Integer branch to Long.
      if (value == (int) value) {
        return Integer.valueOf((int) value);
      }
      return Long.valueOf(value);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("integer " + literal + " does not fit in 64 bits");
    }
  }

  private boolean digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected token");
    }
    pos += word.length();
    return value;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error(
          pos >= text.length()
              ? "expected '" + c + "' but the input ended"
              : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
    }
    pos++;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException("JSON " + problem + " at character " + pos);
  }
}

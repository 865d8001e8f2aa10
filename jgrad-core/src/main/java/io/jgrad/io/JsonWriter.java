package io.jgrad.io;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The writing half of {@link Json}, kept apart so each file reads on its own: walks a value tree
 * and appends compact JSON, naming the path of anything that has no JSON form.
 */
final class JsonWriter {
  private JsonWriter() {}

  /** Appends {@code value}, found at {@code path} (such as {@code $.a[0]}), to {@code out}. */
  static void write(Object value, StringBuilder out, String path, Json.Dialect dialect) {
    switch (value) {
      case null -> out.append("null");
      case String s -> Json.appendString(out, s);
      case Boolean b -> out.append(b);
      case Double d -> writeDouble(d, out, path, dialect);
      case Float f -> writeDouble(f.doubleValue(), out, path, dialect);
      case Integer _, Long _, Short _, Byte _, BigInteger _ -> out.append(value);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          String key = String.valueOf(e.getKey());
          Json.appendString(out, key);
          out.append(':');
          write(e.getValue(), out, path + "." + key, dialect);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out, path + "[" + i + "]", dialect);
        }
        out.append(']');
      }
      default ->
          throw new IllegalArgumentException(
              "Json.write: value at "
                  + path
                  + " is a "
                  + value.getClass().getName()
                  + " ("
                  + value
                  + "), which has no JSON form (supported: maps, lists, strings, booleans,"
                  + " numbers and null)");
    }
  }

  private static void writeDouble(double d, StringBuilder out, String path, Json.Dialect dialect) {
    if (Double.isFinite(d)) {
      out.append(Double.toString(d));
    } else if (dialect == Json.Dialect.PYTHON) {
      out.append(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
    } else {
      throw new IllegalArgumentException(
          "Json.write: value at "
              + path
              + " is "
              + d
              + ", which strict JSON cannot represent (Json.Dialect.PYTHON writes it)");
    }
  }
}

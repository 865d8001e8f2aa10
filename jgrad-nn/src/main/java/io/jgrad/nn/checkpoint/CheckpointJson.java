package io.jgrad.nn.checkpoint;

import io.jgrad.io.Json;
import java.math.BigInteger;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * The JSON of a checkpoint's metadata: {@link Json} in its {@link Json.Dialect#PYTHON} dialect
 * (non-finite doubles as {@code NaN}, {@code Infinity} and {@code -Infinity}, the tokens Python's
 * {@code json} module writes and reads), plus the checkpoint's own rules: only the values an
 * optimizer's state dict holds are written, and integers read back as {@link Integer} (or {@link
 * Long} when larger) and other numbers as {@link Double}, so every value keeps its Java type.
 */
final class CheckpointJson {
  private CheckpointJson() {}

  /**
   * Writes {@code value} (Map, List, String, Boolean, Number; no nulls) as compact JSON.
   *
   * @throws IllegalArgumentException naming the path of a value that has no JSON form
   */
  static String write(Object value) {
    requireStorable(value, "$");
    return Json.write(value, Json.Dialect.PYTHON);
  }

  /** Refuses, before anything is written, what a checkpoint cannot read back as it was. */
  private static void requireStorable(Object value, String path) {
    switch (value) {
      case null ->
          throw new IllegalArgumentException(
              "checkpoint: value at " + path + " is null, which a checkpoint cannot store");
      case String _, Boolean _, Double _, Float _, Integer _, Long _, Short _, Byte _ -> {}
      case Map<?, ?> map -> map.forEach((k, v) -> requireStorable(v, path + "." + k));
      case List<?> list -> {
        for (int i = 0; i < list.size(); i++) {
          requireStorable(list.get(i), path + "[" + i + "]");
        }
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

  /**
   * Parses one JSON document: objects become insertion-ordered maps, arrays lists.
   *
   * @throws IllegalArgumentException naming the character offset of the first error, or the path of
   *     an integer beyond 64 bits
   */
  static Object parse(String text) {
    return narrow(Json.parse(text, Json.Dialect.PYTHON), "$");
  }

  /** Turns the parser's Longs that fit into Integers, in place, as the writer's ints were. */
  @SuppressWarnings("unchecked")
  private static Object narrow(Object value, String path) {
    switch (value) {
      case Long l when l == l.intValue() -> {
        return l.intValue();
      }
      case BigInteger big ->
          throw new IllegalArgumentException(
              "JSON integer " + big + " at " + path + " does not fit in 64 bits");
      case Map<?, ?> map ->
          ((Map<String, Object>) map).replaceAll((k, v) -> narrow(v, path + "." + k));
      case List<?> list -> {
        ListIterator<Object> items = ((List<Object>) list).listIterator();
        while (items.hasNext()) {
          int i = items.nextIndex();
          items.set(narrow(items.next(), path + "[" + i + "]"));
        }
      }
      case null, default -> {}
    }
    return value;
  }
}

package io.jgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the whitespace-separated golden files under golden/data/. */
final class Golden {
  private Golden() {}

  /** The fields after the first {@code prefix.length} of the line starting with {@code prefix}. */
  static String[] line(String file, String... prefix) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/data/" + file)) {
      if (in == null) {
        throw new IllegalStateException("golden/data/" + file + " is missing");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] fields = line.trim().split("\\s+");
        if (line.startsWith("#") || fields.length < prefix.length) {
          continue;
        }
        if (java.util.Arrays.equals(java.util.Arrays.copyOf(fields, prefix.length), prefix)) {
          return java.util.Arrays.copyOfRange(fields, prefix.length, fields.length);
        }
      }
      throw new IllegalStateException("no line " + String.join(" ", prefix) + " in " + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Batches written as "1 2 3 | 4 5 6 | 7", as lists of indices. */
  static List<List<Long>> batches(String... prefix) {
    List<List<Long>> batches = new ArrayList<>();
    List<Long> current = new ArrayList<>();
    for (String field : line("data_golden.txt", prefix)) {
      if (field.equals("|")) {
        batches.add(current);
        current = new ArrayList<>();
      } else {
        current.add(Long.parseLong(field));
      }
    }
    batches.add(current);
    return batches;
  }
}

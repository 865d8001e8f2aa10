package io.jgrad.optim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads golden/optim/optim_golden.txt, written by optim_golden.py beside it. */
final class OptimGolden {
  private static final List<String[]> LINES = load();

  private OptimGolden() {}

  private static List<String[]> load() {
    try (InputStream in = OptimGolden.class.getResourceAsStream("/golden/optim/optim_golden.txt")) {
      if (in == null) {
        throw new IllegalStateException("golden/optim/optim_golden.txt is missing");
      }
      List<String[]> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          lines.add(line.trim().split("\\s+"));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The numbers after the first {@code keyCount} fields of lines starting with {@code keys}. */
  static List<double[]> rows(int keyCount, String... keys) {
    List<double[]> rows = new ArrayList<>();
    for (String[] fields : LINES) {
      if (fields.length >= keys.length && Arrays.equals(Arrays.copyOf(fields, keys.length), keys)) {
        rows.add(
            Arrays.stream(fields, keyCount, fields.length)
                .mapToDouble(Double::parseDouble)
                .toArray());
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException("no golden line starts with " + Arrays.toString(keys));
    }
    return rows;
  }
}

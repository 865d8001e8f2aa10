package io.jgrad.nn;

import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** Reads golden/nn/nn_golden.txt (written by make_nn_golden.py) and compares tensors to it. */
public final class Golden {
  private static final Map<String, String[]> ENTRIES = read("/golden/nn/nn_golden.txt");

  private Golden() {}

  /** The entries of a golden file in this format (key|dtype|shape|values), by key. */
  public static Map<String, String[]> read(String resource) {
    try (InputStream in = Golden.class.getResourceAsStream(resource)) {
      Map<String, String[]> out = new HashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("\\|", -1);
          out.put(parts[0], parts);
        }
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The golden tensor {@code key}, in its recorded dtype and shape. */
  public static Tensor get(String key) {
    String[] parts = ENTRIES.get(key);
    if (parts == null) {
      throw new IllegalArgumentException("no golden entry " + key);
    }
    return parse(parts);
  }

  /** The tensor of one entry returned by {@link #read}. */
  public static Tensor parse(String[] parts) {
    int[] shape =
        parts[2].isEmpty()
            ? new int[0]
            : Arrays.stream(parts[2].split(",")).mapToInt(Integer::parseInt).toArray();
    String[] tokens = parts[3].isEmpty() ? new String[0] : parts[3].split(" ");
    return switch (parts[1]) {
      case "float32" -> {
        float[] v = new float[tokens.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = (float) Double.parseDouble(tokens[i]);
        }
        yield tensor(v, shape);
      }
      case "float64" ->
          tensor(Arrays.stream(tokens).mapToDouble(Double::parseDouble).toArray(), shape);
      case "int64" -> tensor(Arrays.stream(tokens).mapToLong(Long::parseLong).toArray(), shape);
      default -> throw new IllegalArgumentException(parts[1]);
    };
  }

  /** Asserts same shape and elementwise |a - e| ≤ atol + rtol·|e|. */
  public static void assertClose(Tensor actual, Tensor expected, double rtol, double atol) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    double[] a = actual.toDoubleArray();
    double[] e = expected.toDoubleArray();
    for (int i = 0; i < a.length; i++) {
      assertThat(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))
          .as("element %d: actual %s, expected %s (shape %s)", i, a[i], e[i], actual.shape())
          .isTrue();
    }
  }

  /** {@link #assertClose} against the golden entry {@code key} with float32 tolerances. */
  public static void assertGolden(Tensor actual, String key) {
    assertClose(actual, get(key), 1e-5, 1e-6);
  }

  /** Asserts bit-identical float values and the same shape. */
  public static void assertExact(Tensor actual, Tensor expected) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
  }
}

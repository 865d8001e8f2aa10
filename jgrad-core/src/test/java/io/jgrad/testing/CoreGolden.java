package io.jgrad.testing;

import static io.jgrad.JGrad.cat;
import static io.jgrad.JGrad.stack;
import static io.jgrad.JGrad.tensor;
import static io.jgrad.JGrad.where;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Replays the PyTorch golden op cases of {@code golden/core/core-ops-golden.json} (written by
 * {@code make_core_golden.py}): builds the inputs, runs the same op through jgrad, and checks the
 * output's shape, dtype and values and the gradients of {@code (out * w).sum()}.
 *
 * <p>{@code CoreGolden.cases(op -> op.equals("add"))} feeds a parameterised test.
 */
public final class CoreGolden {
  private static final List<Map<String, Object>> CASES = load("/golden/core/core-ops-golden.json");

  private CoreGolden() {}

  /** Reads and parses a JSON resource. */
  @SuppressWarnings("unchecked")
  public static <T> T load(String resource) {
    try (InputStream in = CoreGolden.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return (T) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Arguments (case name, case) for every golden case whose op matches. */
  public static Stream<Arguments> cases(Predicate<String> op) {
    List<Arguments> out = new ArrayList<>();
    for (Map<String, Object> c : CASES) {
      if (op.test((String) c.get("op"))) {
        out.add(Arguments.of(c.get("name"), c));
      }
    }
    assertThat(out).as("golden cases for this family").isNotEmpty();
    return out.stream();
  }

  /** Parses a dtype name as PyTorch prints it without the {@code torch.} prefix. */
  public static DType dtype(String name) {
    for (DType d : DType.values()) {
      if (d.toString().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown dtype " + name);
  }

  /** Builds a contiguous tensor of {@code dtype} holding the JSON numbers or booleans. */
  public static Tensor build(List<Object> values, List<Object> shapeList, DType dtype) {
    int[] shape = ints(shapeList);
    int n = values.size();
    Tensor flat =
        switch (dtype) {
          case FLOAT32 -> {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
              v[i] = (float) number(values.get(i));
            }
            yield tensor(v, n);
          }
          case FLOAT64 -> tensor(doubles(values), n);
          case INT64 -> {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
              v[i] = ((Number) values.get(i)).longValue();
            }
            yield tensor(v, n);
          }
          case BOOL -> {
            boolean[] v = new boolean[n];
            for (int i = 0; i < n; i++) {
              v[i] = (Boolean) values.get(i);
            }
            yield tensor(v);
          }
          default -> throw new IllegalArgumentException("no golden inputs of dtype " + dtype);
        };
    return flat.reshape(shape);
  }

  /** A JSON number, or the strings nan/inf/-inf, as a double. */
  public static double number(Object o) {
    if (o instanceof String s) {
      return switch (s) {
        case "nan" -> Double.NaN;
        case "inf" -> Double.POSITIVE_INFINITY;
        case "-inf" -> Double.NEGATIVE_INFINITY;
        default -> throw new IllegalArgumentException("not a number: " + s);
      };
    }
    if (o instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) o).doubleValue();
  }

  /** JSON numbers as doubles. */
  public static double[] doubles(List<Object> values) {
    double[] v = new double[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = number(values.get(i));
    }
    return v;
  }

  /** JSON integers as ints. */
  public static int[] ints(List<Object> values) {
    int[] v = new int[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = ((Number) values.get(i)).intValue();
    }
    return v;
  }

  /** Runs one golden case and asserts output and gradients. */
  @SuppressWarnings("unchecked")
  public static void check(Map<String, Object> c) {
    String name = (String) c.get("name");
    List<Map<String, Object>> specs = (List<Map<String, Object>>) c.get("inputs");
    Tensor[] bases = new Tensor[specs.size()];
    Tensor[] xs = new Tensor[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      Map<String, Object> s = specs.get(i);
      Tensor base =
          build(
              (List<Object>) s.get("values"),
              (List<Object>) s.get("shape"),
              dtype((String) s.get("dtype")));
      if ((Boolean) s.get("grad")) {
        base.requiresGrad_(true);
      }
      bases[i] = base;
      xs[i] =
          switch ((String) s.get("view")) {
            case "t" -> base.transpose(-2, -1);
            case "step" -> base.slice(-1, 0, base.size(-1), 2);
            default -> base;
          };
    }
    Map<String, Object> args = (Map<String, Object>) c.get("args");
    Tensor out = GoldenOps.apply((String) c.get("op"), xs, args);
    Map<String, Object> expected = (Map<String, Object>) c.get("out");
    DType outType = dtype((String) expected.get("dtype"));
    assertThat(out.shape().toString())
        .as(name + " shape")
        .isEqualTo(io.jgrad.Size.of(ints((List<Object>) expected.get("shape"))).toString());
    assertThat(out.dtype()).as(name + " dtype").isEqualTo(outType);
    assertClose(name + " output", out, doubles((List<Object>) expected.get("values")));
    if (c.containsKey("w")) {
      assertThat(out.requiresGrad()).as(name + " requires grad").isTrue();
      Tensor w = build((List<Object>) c.get("w"), (List<Object>) expected.get("shape"), outType);
      out.mul(w).sum().backward();
      List<Object> grads = (List<Object>) c.get("grads");
      for (int i = 0; i < bases.length; i++) {
        if (grads.get(i) != null) {
          assertThat(bases[i].hasGrad()).as(name + " has grad of input " + i).isTrue();
          assertClose(
              name + " grad of input " + i, bases[i].grad(), doubles((List<Object>) grads.get(i)));
        }
      }
    } else {
      assertThat(out.requiresGrad()).as(name + " requires grad").isFalse();
    }
  }

  /** Element-wise closeness with float32-appropriate tolerances; integers and bools exactly. */
  public static void assertClose(String what, Tensor actual, double[] expected) {
    double[] got = actual.toDoubleArray();
    assertThat(got.length).as(what + " numel").isEqualTo(expected.length);
    boolean exact = !actual.dtype().isFloatingPoint();
    double tolerance = actual.dtype() == DType.FLOAT64 ? 1e-10 : 2e-5;
    for (int i = 0; i < got.length; i++) {
      double e = expected[i];
      double g = got[i];
      boolean ok =
          exact
              ? g == e
              : (Double.isNaN(e)
                  ? Double.isNaN(g)
                  : e == g || Math.abs(g - e) <= tolerance * (1 + Math.abs(e)));
      if (!ok) {
        throw new AssertionError(what + ": element " + i + " expected " + e + " but got " + g);
      }
    }
  }

  /** Helper for split-like ops: all parts flattened and concatenated, as the golden stores. */
  static Tensor catFlat(List<Tensor> parts) {
    List<Tensor> flat = new ArrayList<>();
    for (Tensor p : parts) {
      flat.add(p.reshape(-1));
    }
    return cat(flat, 0);
  }

  static Tensor stackAll(Tensor[] xs, int dim) {
    return stack(List.of(xs), dim);
  }

  static Tensor catAll(Tensor[] xs, int dim) {
    return cat(List.of(xs), dim);
  }

  static Tensor select(Tensor[] xs) {
    return where(xs[0], xs[1], xs[2]);
  }
}

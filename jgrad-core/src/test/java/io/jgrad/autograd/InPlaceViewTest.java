package io.jgrad.autograd;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.DType;
import io.jgrad.Size;
import io.jgrad.Tensor;
import io.jgrad.TensorOptions;
import io.jgrad.testing.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autograd through in-place ops on views (PyTorch's CopySlices), against PyTorch 2.13's gradients
 * in {@code golden/inplace_views/inplace-views-golden.json} (written by the script beside it, whose
 * case functions the {@link #CASES} mirror line for line) and against gradcheck.
 */
class InPlaceViewTest {
  private static final Map<String, Object> GOLDEN = golden();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> golden() {
    return (Map<String, Object>)
        Json.parseResource("/golden/inplace_views/inplace-views-golden.json");
  }

  /** What a case returns: the tensor it checks, its scalar loss and grad_fn names to compare. */
  private record Outcome(Tensor value, Tensor loss, Map<String, String> names) {}

  @FunctionalInterface
  private interface Case {
    Outcome run(Tensor x, Tensor w, Tensor c);
  }

  private static String name(Tensor t) {
    return t.gradFn().map(Node::name).orElse(null);
  }

  private static Map<String, String> names(Object... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object v = pairs[i + 1];
      m.put((String) pairs[i], v instanceof Tensor t ? name(t) : String.valueOf(v));
    }
    return m;
  }

  private static final Map<String, Case> CASES = new LinkedHashMap<>();

  static {
    CASES.put(
        "brief_example",
        (x, w, c) -> {
          Tensor y = x.mul(2);
          y.get(1).mul_(3);
          y.select(1, 0).add_(x.select(1, 1));
          return new Outcome(y, y.sum(), names("y", y));
        });
    CASES.put(
        "select_mul",
        (x, w, c) -> {
          Tensor y = x.mul(x);
          y.select(1, 2).mul_(y.select(1, 0).clone());
          return new Outcome(y, y.mul(c).sum(), names("y", y));
        });
    CASES.put(
        "slice_step_pow",
        (x, w, c) -> {
          Tensor y = x.mul(1);
          Tensor s = y.slice(0, 0, 4, 2);
          s.pow_(2);
          return new Outcome(y, y.mul(c).sum(), names("y", y, "s", s));
        });
    CASES.put(
        "narrow_div",
        (x, w, c) -> {
          Tensor y = x.sin();
          y.narrow(1, 1, 2).div_(x.narrow(1, 0, 2).add(2));
          return new Outcome(y, y.mul(c).sum(), names("y", y));
        });
    CASES.put(
        "transpose_row",
        (x, w, c) -> {
          Tensor y = x.mul(1.5);
          Tensor yt = y.t();
          yt.select(0, 1).mul_(x.select(1, 0));
          return new Outcome(y, y.pow(2).mul(c).sum(), names("y", y, "yt", yt));
        });
    CASES.put(
        "chained",
        (x, w, c) -> {
          Tensor y = x.mul(1);
          y.get(0).mul_(y.get(3).clone());
          Tensor v = y.slice(0, 1, 3);
          v.mul_(2);
          v.add_(1);
          v.exp_();
          return new Outcome(y, y.mul(c).sum(), names("y", y, "v", v));
        });
    CASES.put(
        "copy_into_zeros",
        (x, w, c) -> {
          Tensor base = zeros(Size.of(3, 4), TensorOptions.of(DType.FLOAT64));
          boolean before = base.requiresGrad();
          base.select(0, 0).copy_(w);
          base.select(0, 2).copy_(w.mul(2));
          Tensor loss = base.mul(c.t()).sum().add(base.pow(2).sum());
          return new Outcome(
              base,
              loss,
              names(
                  "base",
                  base,
                  "before",
                  before ? "True" : "False",
                  "after",
                  base.requiresGrad() ? "True" : "False"));
        });
    CASES.put(
        "fill_view",
        (x, w, c) -> {
          Tensor y = x.mul(x);
          y.select(1, 1).fill_(0.5);
          return new Outcome(y, y.mul(c).sum(), names("y", y));
        });
    CASES.put(
        "view_of_view",
        (x, w, c) -> {
          Tensor y = x.add(1);
          Tensor a = y.slice(1, 1, 3);
          Tensor v = a.get(2);
          v.mul_(x.get(0).slice(0, 1, 3));
          return new Outcome(y, a.mul(a).sum().add(y.sum()), names("y", y, "a", a, "v", v));
        });
    CASES.put(
        "stale_sibling",
        (x, w, c) -> {
          Tensor y = x.mul(2);
          Tensor v1 = y.get(0);
          y.get(1).mul_(3);
          return new Outcome(y, v1.mul(v1).sum().add(y.mul(c).sum()), names("y", y, "v1", v1));
        });
    CASES.put(
        "base_in_place_then_view",
        (x, w, c) -> {
          Tensor y = x.mul(1);
          Tensor v = y.get(0);
          y.mul_(2);
          Tensor loss = v.mul(w.slice(0, 0, 3)).sum().add(y.sum());
          return new Outcome(y, loss, names("y", y, "v", v));
        });
    CASES.put(
        "flat_view_narrow",
        (x, w, c) -> {
          Tensor y = x.mul(1);
          y.view(12).narrow(0, 3, 4).mul_(x.reshape(12).slice(0, 0, 4));
          return new Outcome(y, y.mul(c).sum(), names("y", y));
        });
    CASES.put(
        "view_copy_from_view",
        (x, w, c) -> {
          Tensor y = x.sin();
          y.get(3).copy_(y.get(0).mul(2).add(w.slice(0, 0, 3)));
          return new Outcome(y, y.mul(c).sum(), names("y", y));
        });
  }

  private static Tensor input(String key, int... shape) {
    @SuppressWarnings("unchecked")
    List<Number> values = (List<Number>) GOLDEN.get(key);
    double[] d = new double[values.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = values.get(i).doubleValue();
    }
    return tensor(d).reshape(shape).clone(); // a fresh tensor, not a view of the flat one
  }

  static List<String> caseNames() {
    return List.copyOf(CASES.keySet());
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("caseNames")
  void matchesPyTorch(String caseName) {
    Map<String, Object> expected =
        (Map<String, Object>) ((Map<String, Object>) GOLDEN.get("cases")).get(caseName);
    Tensor x = input("x", 4, 3).requiresGrad_(true);
    Tensor w = input("w", 4).requiresGrad_(true);
    Tensor c = input("c", 4, 3);
    Outcome out = CASES.get(caseName).run(x, w, c);
    assertThat(out.names()).isEqualTo(expected.get("names"));
    assertClose(out.value().toDoubleArray(), (List<Number>) expected.get("value"), "value");
    assertThat(out.loss().item())
        .isCloseTo(((Number) expected.get("loss")).doubleValue(), within(1e-12));
    out.loss().backward();
    checkGrad(x, (List<Number>) expected.get("gradX"), "gradX");
    checkGrad(w, (List<Number>) expected.get("gradW"), "gradW");
  }

  private static void checkGrad(Tensor leaf, List<Number> expected, String what) {
    if (expected == null) {
      assertThat(leaf.hasGrad()).as(what + " is None in PyTorch").isFalse();
    } else {
      assertClose(leaf.grad().toDoubleArray(), expected, what);
    }
  }

  private static void assertClose(double[] actual, List<Number> expected, String what) {
    assertThat(actual).as(what).hasSize(expected.size());
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i])
          .as("%s[%d]", what, i)
          .isCloseTo(expected.get(i).doubleValue(), within(1e-10));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("caseNames")
  void gradcheckAgreesWithFiniteDifferences(String caseName) {
    Tensor x = input("x", 4, 3).requiresGrad_(true);
    Tensor w = input("w", 4).requiresGrad_(true);
    Tensor c = input("c", 4, 3);
    Function<Tensor[], Tensor> fn = in -> CASES.get(caseName).run(in[0], in[1], c).value();
    assertThat(GradCheck.gradcheck(fn, x, w)).isTrue();
  }

  private static Tensor leaf(double... values) {
    return tensor(values).reshape(2, values.length / 2).clone().requiresGrad_(true);
  }

  @Test
  void inPlaceOnAViewOfALeafRequiringGradFailsOutsideNoGrad() {
    Tensor x = leaf(1, 2, 3, 4);
    assertThatThrownBy(() -> x.get(0).mul_(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "a view of a leaf Variable that requires grad is being used in an in-place "
                + "operation.");
    assertThat(x.toDoubleArray()).containsExactly(1, 2, 3, 4);
    try (var g = noGrad()) {
      x.get(0).mul_(2);
    }
    assertThat(x.toDoubleArray()).containsExactly(2, 4, 3, 4);
    assertThat(x.isLeaf()).isTrue();
  }

  @Test
  void aLeafThatIsAViewCannotBeModifiedInPlace() {
    Tensor x = tensor(1.0, 2.0, 3.0, 4.0).reshape(2, 2).requiresGrad_(true);
    String message =
        "a view of a leaf Variable that requires grad is being used in an in-place operation.";
    assertThatThrownBy(() -> x.mul_(2)).hasMessageStartingWith(message);
    assertThatThrownBy(() -> x.get(0).mul_(2)).hasMessageStartingWith(message);
    try (var g = noGrad()) {
      x.mul_(2);
    }
    assertThat(x.isLeaf()).isTrue();
    x.sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(1, 1, 1, 1);
  }

  @Test
  void viewMadeInNoGradCannotBeModifiedWithGrad() {
    String message =
        "A view was created in no_grad mode and is being modified inplace with grad mode enabled.";
    Tensor y = leaf(1, 2, 3, 4).mul(1);
    Tensor v;
    try (var g = noGrad()) {
      v = y.get(0);
    }
    assertThatThrownBy(() -> v.mul_(2)).hasMessageStartingWith(message);
    Tensor base = zeros(2, 2);
    Tensor w = tensor(5f, 6f).requiresGrad_(true);
    Tensor nv;
    try (var g = noGrad()) {
      nv = base.get(1);
    }
    assertThatThrownBy(() -> nv.copy_(w)).hasMessageStartingWith(message);
    assertThat(base.toFloatArray()).containsExactly(0f, 0f, 0f, 0f);
    assertThat(base.requiresGrad()).isFalse();
  }

  @Test
  void tensorsSavedThroughAViewAreVersionChecked() {
    Tensor x = leaf(1, 2, 3, 4, 5, 6);
    Tensor y = x.mul(x);
    y.select(1, 2).mul_(y.select(1, 0)); // MulBackward saves y[:, 0], which shares y's version
    assertThatThrownBy(() -> y.sum().backward())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("modified by an inplace operation")
        .hasMessageContaining("is at version 1; expected version 0 instead.");
  }

  @Test
  void writingThroughABroadcastViewIsRejected() {
    Tensor y = leaf(1, 2, 3, 4).mul(1);
    Tensor expanded = y.slice(0, 0, 1).expand(3, 2);
    assertThatThrownBy(() -> expanded.mul_(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "unsupported operation: more than one element of the written-to tensor refers to a "
                + "single memory location.");
    assertThat(y.toDoubleArray()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void broadcastViewOfARebasedBaseSumsItsGradient() {
    Tensor x = leaf(1, 2, 3, 4);
    Tensor y = x.mul(1);
    Tensor expanded = y.slice(0, 0, 1).expand(3, 2);
    y.get(1).mul_(10);
    assertThat(name(expanded)).isEqualTo("AsStridedBackward0");
    expanded.sum().add(y.sum()).backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(4, 4, 10, 10);
  }

  @Test
  void printsCopySlicesAndTheViewsRegeneratedHistory() {
    Tensor x = tensor(new float[] {1, 2, 3, 4}, 2, 2).requiresGrad_(true);
    Tensor y = x.mul(2);
    Tensor row = y.get(1);
    row.add_(1);
    assertThat(y.toString())
        .isEqualTo("tensor([[2., 4.],\n        [7., 9.]], grad_fn=<CopySlices>)");
    assertThat(row.toString()).isEqualTo("tensor([7., 9.], grad_fn=<AsStridedBackward0>)");
  }

  @Test
  void inPlaceOnAViewInNoGradLeavesTheBaseHistoryAlone() {
    Tensor x = leaf(1, 2, 3, 4);
    Tensor y = x.mul(3);
    try (var g = noGrad()) {
      y.get(0).fill_(0);
    }
    assertThat(name(y)).isEqualTo("MulBackward0");
    y.sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(3, 3, 3, 3);
  }

  @Test
  void writesWithoutGradIntoAViewRecordNothing() {
    Tensor base = zeros(2, 2);
    base.get(0).copy_(tensor(1f, 2f));
    base.get(1).add_(5);
    assertThat(base.requiresGrad()).isFalse();
    assertThat(base.get(0).requiresGrad()).isFalse();
    assertThat(base.toFloatArray()).containsExactly(1f, 2f, 5f, 5f);
  }

  @Test
  void secondOrderGradientThroughSelect() {
    // SelectBackward0 writes into a slice of a zero tensor; with createGraph that write is itself
    // an in-place op on a view and goes through CopySlices.
    Tensor x = leaf(1, 2, 3, 4, 5, 6);
    Tensor s = x.select(0, 1).pow(3).sum();
    s.backward(onesLike(s), true, true);
    Tensor firstGrad = x.grad();
    assertThat(firstGrad.toDoubleArray()).containsExactly(0, 0, 0, 48, 75, 108);
    x.clearGrad();
    firstGrad.sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(0, 0, 0, 24, 30, 36);
  }
}

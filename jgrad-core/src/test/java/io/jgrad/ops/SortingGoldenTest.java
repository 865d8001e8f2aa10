package io.jgrad.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import io.jgrad.ValuesIndices;
import io.jgrad.testing.CoreGolden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sort, argsort, topk, cumsum and cumprod against PyTorch 2.13 (golden/sorting/sorting-golden.json,
 * written by make_sorting_golden.py): values, indices, dtypes and the gradient of {@code (out *
 * w).sum()}.
 */
class SortingGoldenTest {
  private static final Map<String, Object> GOLDEN =
      CoreGolden.load("/golden/sorting/sorting-golden.json");

  @SuppressWarnings("unchecked")
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Object c : (List<Object>) GOLDEN.get("cases")) {
      Map<String, Object> m = (Map<String, Object>) c;
      out.add(Arguments.of(m.get("name"), m));
    }
    assertThat(out).isNotEmpty();
    return out.stream();
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(String name, Map<String, Object> c) {
    Tensor x =
        CoreGolden.build(
            (List<Object>) c.get("input"),
            (List<Object>) c.get("shape"),
            CoreGolden.dtype((String) c.get("dtype")));
    boolean differentiable = c.containsKey("grad");
    if (differentiable) {
      x.requiresGrad_(true);
    }
    Map<String, Object> args = (Map<String, Object>) c.get("args");
    int dim = (int) CoreGolden.number(args.get("dim"));
    Tensor values;
    Tensor indices = null;
    switch ((String) c.get("op")) {
      case "sort" -> {
        ValuesIndices r = x.sort(dim, (Boolean) args.get("descending"));
        values = r.values();
        indices = r.indices();
      }
      case "argsort" -> values = x.argsort(dim, (Boolean) args.get("descending"));
      case "topk" -> {
        int k = (int) CoreGolden.number(args.get("k"));
        ValuesIndices r = x.topk(k, dim, (Boolean) args.get("largest"), true);
        values = r.values();
        indices = r.indices();
      }
      case "cumsum" -> values = x.cumsum(dim);
      case "cumprod" -> values = x.cumprod(dim);
      default -> throw new IllegalArgumentException("unknown op " + c.get("op"));
    }
    assertThat(values.shape().toIntArray())
        .as("shape")
        .containsExactly(CoreGolden.ints((List<Object>) c.get("values_shape")));
    assertThat(values.dtype()).isEqualTo(CoreGolden.dtype((String) c.get("values_dtype")));
    CoreGolden.assertClose(
        name + " values", values, CoreGolden.doubles((List<Object>) c.get("values")));
    if (c.containsKey("indices")) {
      assertThat(indices.dtype()).isEqualTo(io.jgrad.DType.INT64);
      assertThat(indices.toLongArray())
          .as("indices")
          .containsExactly(
              ((List<Object>) c.get("indices"))
                  .stream().mapToLong(o -> ((Number) o).longValue()).toArray());
    }
    if (differentiable) {
      int n = values.numel();
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        w[i] = 0.5 + 0.25 * i;
      }
      Tensor weights =
          io.jgrad.JGrad.tensor(w, n).to(values.dtype()).reshape(values.shape().toIntArray());
      values.mul(weights).sum().backward();
      CoreGolden.assertClose(
          name + " grad", x.grad(), CoreGolden.doubles((List<Object>) c.get("grad")));
    }
  }
}

package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.testing.CoreGolden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Tensor.toString()} against PyTorch's {@code repr} for varied tensors (repr-golden.json).
 */
class TensorFormatterTest {

  static Stream<Arguments> reprs() {
    Map<String, Map<String, Object>> golden = CoreGolden.load("/golden/core/repr-golden.json");
    List<Arguments> out = new ArrayList<>();
    golden.forEach((name, entry) -> out.add(Arguments.of(name, entry)));
    return out.stream();
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("reprs")
  void printsLikePyTorch(String name, Map<String, Object> entry) {
    String dtypeName = (String) entry.get("dtype");
    List<Object> values = (List<Object>) entry.get("values");
    List<Object> shape = (List<Object>) entry.get("shape");
    Tensor t;
    switch (name) {
      case "grad_fn" ->
          t =
              CoreGolden.build(List.of(1.5, 2.0), List.of(2L), DType.FLOAT32)
                  .requiresGrad_(true)
                  .mul(2);
      case "zero_dim_grad" ->
          t = CoreGolden.build(List.of(2.0), List.of(), DType.FLOAT32).requiresGrad_(true).mul(3);
      case "int32" -> t = CoreGolden.build(values, shape, DType.INT64).to(DType.INT32);
      default -> {
        t = CoreGolden.build(values, shape, CoreGolden.dtype(dtypeName));
        if (name.equals("requires_grad")) {
          t.requiresGrad_(true);
        }
      }
    }
    assertThat(t.toString()).isEqualTo(entry.get("repr"));
  }
}

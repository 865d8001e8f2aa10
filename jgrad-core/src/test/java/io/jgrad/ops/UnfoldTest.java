package io.jgrad.ops;

import static io.jgrad.JGrad.randn;
import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.autograd.GradCheck;
import io.jgrad.testing.CoreGolden;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Unfold (im2col) and fold (col2im) against PyTorch goldens, gradients and gradcheck. */
class UnfoldTest {
  private static final Map<String, Object> GOLDEN =
      CoreGolden.load("/golden/unfold/unfold-golden.json");

  @SuppressWarnings("unchecked")
  static Stream<Arguments> cases() {
    List<Map<String, Object>> cases = (List<Map<String, Object>>) GOLDEN.get("cases");
    return cases.stream()
        .flatMap(
            c ->
                Stream.of(DType.FLOAT64, DType.FLOAT32)
                    .map(dt -> Arguments.of(c.get("name") + " " + dt, c, dt)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void unfoldMatchesPyTorch(String name, Map<String, Object> c, DType dtype) {
    Tensor x = values(c, "x", ints(c, "shape"), dtype).requiresGrad_(true);
    Tensor y =
        Unfold.unfold(
            x, ints(c, "kernel"), ints(c, "dilation"), ints(c, "padding"), ints(c, "stride"));
    assertThat(y.shape().toIntArray()).containsExactly(ints(c, "unfoldShape"));
    close(y, doubles(c, "unfold"), dtype);
    y.backward(values(c, "unfoldGradOut", ints(c, "unfoldShape"), dtype));
    close(x.grad(), doubles(c, "unfoldGrad"), dtype);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void foldMatchesPyTorch(String name, Map<String, Object> c, DType dtype) {
    int[] shape = ints(c, "shape");
    int[] size = {shape[shape.length - 2], shape[shape.length - 1]};
    Tensor cols = values(c, "cols", ints(c, "unfoldShape"), dtype).requiresGrad_(true);
    Tensor z =
        Unfold.fold(
            cols,
            size,
            ints(c, "kernel"),
            ints(c, "dilation"),
            ints(c, "padding"),
            ints(c, "stride"));
    assertThat(z.shape().toIntArray()).containsExactly(shape);
    close(z, doubles(c, "fold"), dtype);
    z.backward(values(c, "foldGradOut", shape, dtype));
    close(cols.grad(), doubles(c, "foldGrad"), dtype);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void stridedInputGivesTheSameColumns(String name, Map<String, Object> c, DType dtype) {
    int[] shape = ints(c, "shape");
    Tensor x = values(c, "x", shape, dtype);
    int last = shape.length - 1;
    // The transposed copy, transposed back: same values through a non-contiguous layout.
    Tensor strided = x.transpose(last - 1, last).contiguous().transpose(last - 1, last);
    assertThat(strided.layout().isContiguous()).isFalse();
    int[][] p = {ints(c, "kernel"), ints(c, "dilation"), ints(c, "padding"), ints(c, "stride")};
    assertThat(
            Unfold.unfold(strided, p[0], p[1], p[2], p[3])
                .equal(Unfold.unfold(x, p[0], p[1], p[2], p[3])))
        .isTrue();
  }

  @Test
  void integerTensorsUseTheComposedKernel() {
    Tensor x = io.jgrad.JGrad.arange(2 * 3 * 4 * 5).reshape(2, 3, 4, 5);
    int[] k = {2, 3};
    int[] d = {1, 2};
    int[] p = {1, 1};
    int[] s = {2, 1};
    Tensor expected = Unfold.unfold(x.to(DType.FLOAT64), k, d, p, s);
    Tensor cols = Unfold.unfold(x, k, d, p, s);
    assertThat(cols.dtype()).isEqualTo(DType.INT64);
    assertThat(cols.to(DType.FLOAT64).equal(expected)).isTrue();
    Tensor image = Unfold.fold(cols, new int[] {4, 5}, k, d, p, s);
    assertThat(image.to(DType.FLOAT64).equal(Unfold.fold(expected, new int[] {4, 5}, k, d, p, s)))
        .isTrue();
  }

  @Test
  void gradcheckInFloat64FirstAndSecondOrder() {
    io.jgrad.JGrad.manualSeed(3);
    Tensor x = randn(2, 2, 5, 4).to(DType.FLOAT64).requiresGrad_(true);
    int[] k = {3, 2};
    int[] d = {2, 1};
    int[] p = {1, 1};
    int[] s = {1, 2};
    assertThat(GradCheck.gradcheck(in -> Unfold.unfold(in[0], k, d, p, s), x)).isTrue();
    Tensor cols = Unfold.unfold(x.detach(), k, d, p, s).clone().requiresGrad_(true);
    int[] size = {5, 4};
    assertThat(GradCheck.gradcheck(in -> Unfold.fold(in[0], size, k, d, p, s), cols)).isTrue();
  }

  @Test
  void backwardOfBackwardIsTheOtherOp() {
    io.jgrad.JGrad.manualSeed(4);
    int[] k = {2, 3};
    int[] d = {1, 1};
    int[] p = {1, 0};
    int[] s = {2, 1};
    int[] size = {5, 6};
    Tensor cols = randn(2, 3 * 6, 3 * 4).to(DType.FLOAT64).requiresGrad_(true);
    Tensor upstream = randn(2, 3, 5, 6).to(DType.FLOAT64).requiresGrad_(true);
    // Backward with a graph: cols.grad() = unfold(upstream), itself differentiable in upstream.
    Unfold.fold(cols, size, k, d, p, s).backward(upstream, true, true);
    Tensor weights = randn(2, 3 * 6, 3 * 4).to(DType.FLOAT64);
    cols.grad().mul(weights).sum().backward();
    assertThat(upstream.grad().allclose(Unfold.fold(weights, size, k, d, p, s), 1e-12, 1e-12))
        .isTrue();
  }

  @Test
  void rejectsBadArguments() {
    Tensor x = randn(1, 1, 3, 3);
    int[] one = {1, 1};
    int[] zero = {0, 0};
    assertThatThrownBy(() -> Unfold.unfold(x, new int[] {4, 4}, one, zero, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("calculated shape of the array of sliding blocks as (0, 0)");
    assertThatThrownBy(() -> Unfold.unfold(x, new int[] {0, 2}, one, zero, one))
        .hasMessageContaining("kernel size should be greater than zero, but got kernel_height: 0");
    assertThatThrownBy(() -> Unfold.unfold(randn(3, 3), one, one, zero, one))
        .hasMessageContaining("Expected 3D or 4D (batch mode) tensor");
    assertThatThrownBy(
            () -> Unfold.fold(randn(1, 5, 4), new int[] {3, 3}, new int[] {2, 2}, one, zero, one))
        .hasMessageContaining("input.size(1)=5 and kernel_size=(2, 2)");
    assertThatThrownBy(
            () -> Unfold.fold(randn(1, 4, 5), new int[] {3, 3}, new int[] {2, 2}, one, zero, one))
        .hasMessageContaining("sliding blocks 2 * 2 = 4, but got input.size(2)=5");
  }

  private static void close(Tensor actual, double[] expected, DType dtype) {
    double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
    double[] got = actual.toDoubleArray();
    assertThat(got).hasSize(expected.length);
    for (int i = 0; i < got.length; i++) {
      assertThat(got[i])
          .as("element %d", i)
          .isCloseTo(
              expected[i], org.assertj.core.data.Offset.offset(tol * (1 + Math.abs(expected[i]))));
    }
  }

  private static Tensor values(Map<String, Object> c, String key, int[] shape, DType dtype) {
    return tensor(doubles(c, key)).reshape(shape).to(dtype);
  }

  @SuppressWarnings("unchecked")
  private static double[] doubles(Map<String, Object> c, String key) {
    return ((List<Number>) c.get(key)).stream().mapToDouble(Number::doubleValue).toArray();
  }

  @SuppressWarnings("unchecked")
  private static int[] ints(Map<String, Object> c, String key) {
    return ((List<Number>) c.get(key)).stream().mapToInt(Number::intValue).toArray();
  }
}

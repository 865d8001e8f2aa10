package io.jgrad.ops;

import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import io.jgrad.testing.CoreGolden;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unary elementwise ops against PyTorch golden values, including strided, float64, int and empty
 * inputs.
 */
class UnaryOpTest {
  private static final Set<String> OPS =
      Set.of(
          "neg", "exp", "log", "log1p", "sqrt", "rsqrt", "abs", "sign", "sin", "cos", "tanh",
          "sigmoid", "relu");

  static Stream<Arguments> goldenCases() {
    return CoreGolden.cases(OPS::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void matchesPyTorchForwardAndGradient(String name, Map<String, Object> golden) {
    CoreGolden.check(golden);
  }

  /**
   * ReLU's gradient is PyTorch's threshold_backward on the output: 0 where the output is <= 0, the
   * gradient elsewhere, NaN included; torch 2.13 gives [5, 0, 0, inf, 0] and, through sum(), [1, 0,
   * 0, 1, 0] (a broadcast gradient, the composed path), also when the backward is recorded.
   */
  @Test
  void reluGradientFollowsThresholdBackwardOnNaNZerosAndInfinity() {
    float nan = Float.NaN;
    Tensor x = tensor(nan, -1f, 0f, 2f, -0f).requiresGrad_(true);
    x.relu().backward(tensor(5f, 6f, 7f, Float.POSITIVE_INFINITY, 9f));
    assertThat(x.grad().toFloatArray()).containsExactly(5f, 0f, 0f, Float.POSITIVE_INFINITY, 0f);
    Tensor y = tensor(nan, -1f, 0f, 2f, -0f).requiresGrad_(true);
    y.relu().sum().backward();
    assertThat(y.grad().toFloatArray()).containsExactly(1f, 0f, 0f, 1f, 0f);
    Tensor z = tensor(nan, -1f, 0f, 2f, -0f).requiresGrad_(true);
    z.relu().sum().backward(io.jgrad.JGrad.ones(), false, true);
    assertThat(z.grad().toFloatArray()).containsExactly(1f, 0f, 0f, 1f, 0f);
  }
}

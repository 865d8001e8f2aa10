package io.jgrad.ops;

import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.randn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import io.jgrad.testing.CoreGolden;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matrix products against PyTorch golden values, with matmul's dispatch and batch broadcasting. */
class LinearAlgebraTest {
  private static final Set<String> OPS =
      Set.of("matmul", "mm", "addmm", "bmm", "mv", "dot", "outer");

  static Stream<Arguments> goldenCases() {
    return CoreGolden.cases(OPS::contains);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenCases")
  void matchesPyTorchForwardAndGradient(String name, Map<String, Object> golden) {
    CoreGolden.check(golden);
  }

  /** addmm is matmul then a broadcast add, bit for bit, recorded as one node. */
  @Test
  void addmmEqualsProductPlusBiasAndRecordsOneNode() {
    manualSeed(3);
    Tensor x = randn(2000, 3);
    Tensor w = randn(1, 3).requiresGrad_(true);
    Tensor b = randn(1).requiresGrad_(true);
    Tensor fused = b.addmm(x, w.t());
    assertThat(fused.toFloatArray()).containsExactly(x.matmul(w.t()).add(b).toFloatArray());
    assertThat(fused.gradFn().orElseThrow().name()).isEqualTo("AddmmBackward0");
  }

  @Test
  void addmmRejectsABiasThatDoesNotBroadcastToTheProduct() {
    assertThatThrownBy(() -> randn(4).addmm(randn(7, 5), randn(5, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[7, 3]")
        .hasMessageContaining("[4]");
  }
}

package io.jgrad.nn;

import static io.jgrad.JGrad.*;
import static io.jgrad.nn.Golden.assertExact;
import static io.jgrad.nn.Golden.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

class LinearTest {

  @Test
  void defaultInitIsBitIdenticalToPyTorchForSeed42() {
    manualSeed(42);
    Linear linear = new Linear(3, 1);
    assertExact(linear.weight(), Golden.get("init.linear_3_1_seed42.weight"));
    assertExact(linear.bias(), Golden.get("init.linear_3_1_seed42.bias"));
  }

  @Test
  void defaultInitIsBitIdenticalToPyTorchFor784By10() {
    manualSeed(0);
    Linear linear = new Linear(784, 10);
    Tensor flat = linear.weight().reshape(-1);
    assertExact(flat.narrow(0, 0, 64), Golden.get("init.linear_784_10_seed0.weight_head"));
    assertExact(flat.narrow(0, 7840 - 64, 64), Golden.get("init.linear_784_10_seed0.weight_tail"));
    assertExact(linear.bias(), Golden.get("init.linear_784_10_seed0.bias"));
  }

  @Test
  void sequentialDrawsLayersInConstructionOrder() {
    manualSeed(7);
    Sequential seq = new Sequential(new Linear(4, 3), new Linear(3, 2, false));
    var state = seq.stateDict();
    assertThat(state.keySet()).containsExactly("0.weight", "0.bias", "1.weight");
    for (String key : state.keySet()) {
      assertExact(state.get(key), Golden.get("init.seq_seed7." + key));
    }
  }

  @Test
  void forwardAndGradientsMatchPyTorch() {
    Linear linear = new Linear(4, 2);
    linear.loadStateDict(
        java.util.Map.of("weight", Golden.get("linear.weight"), "bias", Golden.get("linear.bias")));
    Tensor x = Golden.get("act.x").requiresGrad_(true);
    Tensor out = linear.forward(x);
    out.sum().backward();
    assertGolden(out, "linear.out");
    assertGolden(x.grad(), "linear.grad_x");
    assertGolden(linear.weight().grad(), "linear.grad_weight");
    assertGolden(linear.bias().grad(), "linear.grad_bias");
  }

  @Test
  void gradcheckInFloat64CoversInputWeightAndBias() {
    manualSeed(1);
    Linear linear = new Linear(3, 2);
    linear.to(DType.FLOAT64);
    assertThat(linear.weight().dtype()).isEqualTo(DType.FLOAT64);
    Tensor x = randn(4, 3).to(DType.FLOAT64).requiresGrad_(true);
    assertThat(GradCheck.gradcheck(in -> linear.forward(in[0]), x, linear.weight(), linear.bias()))
        .isTrue();
  }

  @Test
  void withoutBiasHasOneParameterAndBiasThrows() {
    Linear linear = new Linear(1, 1, false);
    assertThat(linear.hasBias()).isFalse();
    assertThat(linear.parameters()).hasSize(1);
    assertThat(linear.toString()).isEqualTo("Linear(in_features=1, out_features=1, bias=False)");
    assertThatThrownBy(linear::bias)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bias=false");
  }

  @Test
  void badInputWidthNamesBothShapes() {
    Linear linear = new Linear(3, 1);
    assertThatThrownBy(() -> linear.forward(zeros(2, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2x4");
  }
}

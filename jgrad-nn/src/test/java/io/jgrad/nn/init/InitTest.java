package io.jgrad.nn.init;

import static io.jgrad.JGrad.*;
import static io.jgrad.nn.Golden.assertExact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import io.jgrad.nn.Golden;
import io.jgrad.nn.Parameter;
import org.junit.jupiter.api.Test;

class InitTest {

  @Test
  void xavierAndKaimingDrawPyTorchsValues() {
    Tensor w = zeros(5, 4);
    manualSeed(11);
    Init.xavierUniform_(w, 1.5);
    assertExact(w, Golden.get("init.xavier_uniform_5_4_gain1.5_seed11"));
    manualSeed(11);
    Init.kaimingNormal_(w, 0, Init.fanMode("fan_out"), "relu");
    Golden.assertClose(w, Golden.get("init.kaiming_normal_5_4_fanout_relu_seed11"), 1e-6, 1e-7);
    manualSeed(11);
    Init.xavierNormal_(w, 1.0);
    Golden.assertClose(w, Golden.get("init.xavier_normal_5_4_seed11"), 1e-6, 1e-7);
  }

  @Test
  void gainsFollowPyTorchsTable() {
    assertThat(Init.calculateGain("linear")).isEqualTo(1.0);
    assertThat(Init.calculateGain("tanh")).isEqualTo(5.0 / 3);
    assertThat(Init.calculateGain("relu")).isEqualTo(Math.sqrt(2.0));
    assertThat(Init.calculateGain("leaky_relu")).isCloseTo(Math.sqrt(2 / 1.0001), within(1e-15));
    assertThat(Init.calculateGain("leaky_relu", Math.sqrt(5)))
        .isCloseTo(Math.sqrt(1.0 / 3), within(1e-15));
    assertThat(Init.calculateGain("selu")).isEqualTo(0.75);
    assertThatThrownBy(() -> Init.calculateGain("swish"))
        .hasMessage("Unsupported nonlinearity swish");
  }

  @Test
  void fansIncludeTheReceptiveField() {
    assertThat(Init.calculateFanInAndFanOut(zeros(10, 784))).isEqualTo(new Init.Fans(784, 10));
    assertThat(Init.calculateFanInAndFanOut(zeros(8, 3, 5, 5))).isEqualTo(new Init.Fans(75, 200));
    assertThatThrownBy(() -> Init.calculateFanInAndFanOut(zeros(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fewer than 2 dimensions");
    assertThatThrownBy(() -> Init.fanMode("fan_avg"))
        .hasMessage("Mode fan_avg not supported, please use one of ['fan_in', 'fan_out']");
  }

  @Test
  void fillersWorkOnParametersWithoutRecordingHistory() {
    Parameter p = new Parameter(zeros(2, 3));
    Init.eye_(p);
    assertThat(p.toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0);
    Init.constant_(p, 0.5);
    assertThat(p.toFloatArray()).containsOnly(0.5f);
    Init.ones_(p);
    assertThat(p.toFloatArray()).containsOnly(1f);
    Init.zeros_(p);
    assertThat(p.toFloatArray()).containsOnly(0f);
    Init.uniform_(p, -2, -1);
    assertThat(p.min().item()).isGreaterThanOrEqualTo(-2);
    assertThat(p.max().item()).isLessThan(-1);
    Init.normal_(p, 100, 0.01);
    assertThat(p.mean().item()).isCloseTo(100, within(0.1));
    assertThat(p.isLeaf()).isTrue();
    assertThat(p.requiresGrad()).isTrue();
    assertThatThrownBy(() -> Init.eye_(zeros(2, 2, 2)))
        .hasMessageContaining("Only tensors with 2 dimensions are supported");
  }
}

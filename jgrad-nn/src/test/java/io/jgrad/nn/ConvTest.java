package io.jgrad.nn;

import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.randn;
import static io.jgrad.JGrad.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.autograd.GradCheck;
import io.jgrad.nn.functional.F;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Conv2d, MaxPool2d and AvgPool2d against PyTorch goldens (golden/nn/conv/make_conv_golden.py). */
class ConvTest {
  private static final Map<String, String[]> GOLDEN =
      Golden.read("/golden/nn/conv/conv_golden.txt");

  private static Tensor golden(String key) {
    String[] parts = GOLDEN.get(key);
    assertThat(parts).as("golden entry %s", key).isNotNull();
    return Golden.parse(parts);
  }

  private static String goldenText(String key) {
    String[] parts = GOLDEN.get(key);
    assertThat(parts).as("golden entry %s", key).isNotNull();
    return parts[3];
  }

  private static void assertNear(Tensor actual, String key) {
    Golden.assertClose(actual, golden(key), 1e-4, 1e-5);
  }

  @ParameterizedTest
  @CsvSource({
    "basic, 1, 0, 1, 1",
    "stride2, 2, 0, 1, 1",
    "pad1, 1, 1, 1, 1",
    "dil2, 1, 0, 2, 1",
    "groups2, 1, 1, 1, 2",
    "nobias, 2, 1, 1, 1",
    "mixed, 2, 2, 2, 4"
  })
  void conv2dMatchesPyTorchForwardAndGradients(
      String name, int stride, int padding, int dilation, int groups) {
    String p = "conv." + name + ".";
    Tensor x = golden(p + "x").requiresGrad_(true);
    Tensor w = golden(p + "w").requiresGrad_(true);
    boolean hasBias = GOLDEN.containsKey(p + "b");
    Optional<Tensor> b =
        hasBias ? Optional.of(golden(p + "b").requiresGrad_(true)) : Optional.empty();
    Tensor y =
        F.conv2d(
            x,
            w,
            b,
            new int[] {stride, stride},
            new int[] {padding, padding},
            new int[] {dilation, dilation},
            groups);
    assertNear(y, p + "y");
    y.backward(golden(p + "gy"));
    assertNear(x.grad(), p + "gx");
    assertNear(w.grad(), p + "gw");
    if (hasBias) {
      assertNear(b.get().grad(), p + "gb");
    }
  }

  @ParameterizedTest
  @CsvSource({"k2, 2, 2, 0", "k3s2p1, 3, 2, 1", "k3s1, 3, 1, 0"})
  void poolingMatchesPyTorchForwardAndGradients(String name, int k, int s, int p) {
    Tensor x0 = golden("pool." + name + ".x");
    for (String kind : new String[] {"max", "avg"}) {
      String key = "pool." + name + "." + kind + ".";
      Tensor x = x0.clone().requiresGrad_(true);
      Module m = kind.equals("max") ? new MaxPool2d(k, s, p) : new AvgPool2d(k, s, p);
      Tensor y = m.forward(x);
      assertNear(y, key + "y");
      y.backward(golden(key + "gy"));
      assertNear(x.grad(), key + "gx");
    }
  }

  @Test
  void conv2dPassesGradCheckInFloat64() {
    manualSeed(1);
    Tensor x = randn(2, 4, 5, 6).to(DType.FLOAT64).requiresGrad_(true);
    Tensor w = randn(4, 2, 3, 2).to(DType.FLOAT64).requiresGrad_(true);
    Tensor b = randn(4).to(DType.FLOAT64).requiresGrad_(true);
    Function<Tensor[], Tensor> f =
        in ->
            F.conv2d(
                in[0],
                in[1],
                Optional.of(in[2]),
                new int[] {2, 1},
                new int[] {1, 2},
                new int[] {1, 2},
                2);
    assertThat(GradCheck.gradcheck(f, x, w, b)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"max", "avg"})
  void poolingPassesGradCheckInFloat64(String kind) {
    manualSeed(2);
    Tensor x = randn(1, 2, 5, 6).to(DType.FLOAT64).requiresGrad_(true);
    Module m = kind.equals("max") ? new MaxPool2d(3, 2, 1) : new AvgPool2d(3, 2, 1);
    assertThat(GradCheck.gradcheck(in -> m.forward(in[0]), x)).isTrue();
  }

  @Test
  void conv2dInitIsBitIdenticalToPyTorch() {
    manualSeed(0);
    Conv2d conv = new Conv2d(1, 8, 3);
    Golden.assertExact(conv.weight(), golden("init.conv_1_8_3_seed0.weight"));
    Golden.assertExact(conv.bias(), golden("init.conv_1_8_3_seed0.bias"));
    manualSeed(3);
    Conv2d grouped =
        new Conv2d(
            4, 6, new int[] {3, 2}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, 2, true);
    Golden.assertExact(grouped.weight(), golden("init.conv_4_6_3x2_g2_seed3.weight"));
    Golden.assertExact(grouped.bias(), golden("init.conv_4_6_3x2_g2_seed3.bias"));
  }

  @Test
  void conv2dLayerShapesAndParameters() {
    Conv2d conv = new Conv2d(3, 16, 3, 2, 1);
    assertThat(conv.forward(zeros(2, 3, 28, 28)).shape().toIntArray())
        .containsExactly(2, 16, 14, 14);
    assertThat(conv.forward(zeros(3, 9, 9)).shape().toIntArray()).containsExactly(16, 5, 5);
    assertThat(conv.parameters()).hasSize(2);
    assertThat(new Conv2d(3, 16, 3, 1, 0, 1, 1, false).parameters()).hasSize(1);
  }

  @Test
  void reprsMatchPyTorch() {
    assertThat(new Conv2d(1, 8, 3).toString()).isEqualTo(goldenText("repr.conv_1_8_3"));
    assertThat(new Conv2d(4, 6, 3, 2, 1, 2, 2, false).toString())
        .isEqualTo(goldenText("repr.conv_full"));
    assertThat(new MaxPool2d(2).toString()).isEqualTo(goldenText("repr.maxpool"));
    assertThat(new AvgPool2d(3, 2, 1).toString()).isEqualTo(goldenText("repr.avgpool"));
  }

  @Test
  void badShapesThrowWithPyTorchsMessages() {
    expectError("channels", () -> F.conv2d(zeros(1, 4, 5, 5), zeros(8, 3, 3, 3)));
    expectError("groups_channels", () -> conv(zeros(1, 3, 5, 5), zeros(4, 2, 3, 3), 1, 0, 1, 2));
    expectError("groups_div", () -> conv(zeros(1, 4, 5, 5), zeros(3, 2, 3, 3), 1, 0, 1, 2));
    expectError(
        "bias", () -> F.conv2d(zeros(1, 3, 5, 5), zeros(8, 3, 3, 3), Optional.of(zeros(5)), 1, 0));
    expectError("kernel_big", () -> F.conv2d(zeros(1, 3, 2, 2), zeros(8, 3, 3, 3)));
    expectError("input_dim", () -> F.conv2d(zeros(5, 5), zeros(8, 3, 3, 3)));
    expectError("stride", () -> conv(zeros(1, 3, 5, 5), zeros(8, 3, 3, 3), 0, 0, 1, 1));
    expectError("padding", () -> conv(zeros(1, 3, 5, 5), zeros(8, 3, 3, 3), 1, -1, 1, 1));
    expectError("dilation", () -> conv(zeros(1, 3, 5, 5), zeros(8, 3, 3, 3), 1, 0, 0, 1));
    expectError("groups0", () -> conv(zeros(1, 3, 5, 5), zeros(8, 3, 3, 3), 1, 0, 1, 0));
    expectError("maxpool_pad", () -> F.maxPool2d(zeros(1, 1, 5, 5), 3, 1, 2));
    expectError("avgpool_pad", () -> F.avgPool2d(zeros(1, 1, 5, 5), 3, 1, 2));
    expectError("pool_small", () -> F.maxPool2d(zeros(1, 2, 2, 2), 3));
    assertThatThrownBy(() -> new Conv2d(3, 8, 3, 1, 0, 1, 2, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("in_channels must be divisible by groups");
  }

  private static Tensor conv(
      Tensor x, Tensor w, int stride, int padding, int dilation, int groups) {
    return F.conv2d(
        x,
        w,
        Optional.empty(),
        new int[] {stride, stride},
        new int[] {padding, padding},
        new int[] {dilation, dilation},
        groups);
  }

  private static void expectError(String key, Runnable call) {
    assertThatThrownBy(call::run)
        .as(key)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(goldenText("err." + key));
  }
}

package io.jgrad.autograd;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import org.junit.jupiter.api.Test;

/** grad_fn names as PyTorch 2.13 prints them, so printed tensors read the same. */
class GradFnNamesTest {
  private static String name(Tensor t) {
    return t.gradFn().orElseThrow().name();
  }

  @Test
  void namesMatchPyTorch() {
    Tensor x = randn(3, 4).requiresGrad_(true);
    assertThat(name(x.mul(2))).isEqualTo("MulBackward0");
    assertThat(name(x.add(x))).isEqualTo("AddBackward0");
    assertThat(name(x.pow(2))).isEqualTo("PowBackward0");
    assertThat(name(x.pow(x))).isEqualTo("PowBackward1");
    assertThat(name(x.sum())).isEqualTo("SumBackward0");
    assertThat(name(x.sum(1))).isEqualTo("SumBackward1");
    assertThat(name(x.mean())).isEqualTo("MeanBackward0");
    assertThat(name(x.select(0, 1))).isEqualTo("SelectBackward0");
    assertThat(name(x.maskedFill(x.gt(0), 0))).isEqualTo("MaskedFillBackward0");
    assertThat(name(x.t())).isEqualTo("PermuteBackward0");
    assertThat(name(x.view(12))).isEqualTo("ViewBackward0");
    assertThat(name(x.matmul(x.t()))).isEqualTo("MmBackward0");
    assertThat(name(x.slice(0, 0, 2))).isEqualTo("SliceBackward0");
    assertThat(name(x.unsqueeze(0))).isEqualTo("UnsqueezeBackward0");
    assertThat(name(x.exp())).isEqualTo("ExpBackward0");
    assertThat(x.select(0, 1).toString()).endsWith("grad_fn=<SelectBackward0>)");
  }

  @Test
  void selectAndMaskedFillGradients() {
    Tensor x = tensor(new double[] {1, -2, 3, -4, 5, -6}, 2, 3).requiresGrad_(true);
    x.select(1, 2).sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(0, 0, 1, 0, 0, 1);
    x.clearGrad();
    x.maskedFill(x.lt(0), 0).sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(1, 0, 1, 0, 1, 0);
  }
}

package io.jgrad.ops;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import io.jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** prod's gradient with zeros, as torch.prod: the other elements' product, never NaN. */
class ProdGradientTest {
  @Test
  void noZeroOneZeroAndTwoZeros() {
    Tensor x = tensor(new double[] {2, 3, 4, 0, 5, 6, 0, 7, 0}, 3, 3).requiresGrad_(true);
    x.prod(1, false).sum().backward();
    // row 0: no zero -> 12, 8, 6; row 1: one zero -> 0, 0, 30 at the zero; row 2: two zeros -> 0.
    assertThat(x.grad().toDoubleArray()).containsExactly(12, 8, 6, 30, 0, 0, 0, 0, 0);
  }

  @Test
  void wholeTensorProductWithOneZero() {
    Tensor x = tensor(2.0, 0.0, 5.0).requiresGrad_(true);
    x.prod().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(0, 10, 0);
  }

  @Test
  void gradcheckAwayFromZero() {
    Tensor x = tensor(new double[] {1.5, -2, 0.7, 3, -1.2, 0.4}, 2, 3).requiresGrad_(true);
    assertThat(GradCheck.gradcheck(in -> in[0].prod(0, false), x)).isTrue();
    assertThat(GradCheck.gradcheck(in -> in[0].prod(), x)).isTrue();
  }
}

package io.jgrad.ops;

import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import io.jgrad.ValuesIndices;
import io.jgrad.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** sort, argsort, topk, cumsum and cumprod: float64 gradient checks, edge cases, bad input. */
class SortingTest {
  private static Tensor noTies() {
    return tensor(new double[] {0.3, -1.2, 2.5, 0.1, 4.0, -0.7, 1.1, -3.0, 2.0, 0.6}, 2, 5)
        .requiresGrad_(true);
  }

  @Test
  void gradcheckSortAndTopk() {
    Tensor x = noTies();
    assertThat(GradCheck.gradcheck(in -> in[0].sort(1, true).values(), x)).isTrue();
    assertThat(GradCheck.gradcheck(in -> in[0].sort(0).values(), x)).isTrue();
    assertThat(GradCheck.gradcheck(in -> in[0].topk(3).values(), x)).isTrue();
    assertThat(GradCheck.gradcheck(in -> in[0].topk(1, 0, false, true).values(), x)).isTrue();
  }

  @Test
  void gradcheckCumsumAndCumprod() {
    Tensor x = noTies();
    assertThat(GradCheck.gradcheck(in -> in[0].cumsum(1), x)).isTrue();
    assertThat(GradCheck.gradcheck(in -> in[0].cumsum(0), x)).isTrue();
    assertThat(GradCheck.gradcheck(in -> in[0].cumprod(1), x)).isTrue();
    assertThat(GradCheck.gradcheck(in -> in[0].cumprod(-2), x)).isTrue();
  }

  @Test
  void cumprodSecondDerivativeMatchesTheClosedForm() {
    // y = x0 * x1 * x2 summed via cumprod's last entry; d2y/dx0dx1 = x2.
    Tensor x = tensor(1.5, -2.0, 0.5).requiresGrad_(true);
    Tensor y = x.cumprod(0).select(0, 2);
    y.backward(io.jgrad.JGrad.onesLike(y), true, true);
    Tensor g = x.grad();
    assertThat(g.toDoubleArray()).containsExactly(-1.0, 0.75, -3.0);
    x.clearGrad();
    g.select(0, 0).backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(0.0, 0.5, -2.0);
  }

  @Test
  void cumprodGradientWithZerosIsExact() {
    Tensor x = tensor(2.0, 0.0, 3.0, 0.0, 5.0).requiresGrad_(true);
    x.cumprod(0).sum().backward();
    // out = [2, 0, 0, 0, 0]; d/dx0 = 1; d/dx1 = 2 + 2*3 + 0 + 0 = 8; past the first zero: 0.
    assertThat(x.grad().toDoubleArray()).containsExactly(1.0, 8.0, 0.0, 0.0, 0.0);
  }

  @Test
  void zeroDimAndEmpty() {
    Tensor s = io.jgrad.JGrad.scalar(2.5);
    ValuesIndices r = s.sort();
    assertThat(r.values().item()).isEqualTo(2.5);
    assertThat(r.indices().dim()).isZero();
    assertThat(s.topk(1).values().item()).isEqualTo(2.5);
    assertThat(s.cumsum(0).item()).isEqualTo(2.5);
    Tensor x = tensor(new float[0], 0, 3);
    assertThat(x.sort(0).values().shape().toIntArray()).containsExactly(0, 3);
    assertThat(x.cumprod(0).shape().toIntArray()).containsExactly(0, 3);
    assertThat(tensor(1.0, 2.0).topk(0).values().numel()).isZero();
  }

  @Test
  void badInput() {
    Tensor x = tensor(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    assertThatThrownBy(() -> x.sort(2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    assertThatThrownBy(() -> x.argsort(-3))
        .hasMessage("Dimension out of range (expected to be in range of [-2, 1], but got -3)");
    assertThatThrownBy(() -> x.cumsum(5))
        .hasMessage("Dimension out of range (expected to be in range of [-2, 1], but got 5)");
    assertThatThrownBy(() -> x.cumprod(-3))
        .hasMessage("Dimension out of range (expected to be in range of [-2, 1], but got -3)");
    assertThatThrownBy(() -> x.topk(4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("selected index k out of range");
    assertThatThrownBy(() -> x.topk(-1, 0, true, true)).hasMessage("selected index k out of range");
    assertThatThrownBy(() -> x.topk(1, 2, true, true))
        .hasMessage("Dimension out of range (expected to be in range of [-2, 1], but got 2)");
  }
}

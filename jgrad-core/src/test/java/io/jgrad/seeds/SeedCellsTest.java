package io.jgrad.seeds;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scalar and manual-gradient cells of the seed notebooks, with their printed numbers. */
class SeedCellsTest {

  @Test
  void seed000QuadraticWithAutogradPrintsEachGradient() {
    // In [3]: y = x**2 + 2x + 1, x starts at 0, lr 0.1, 20 epochs.
    Tensor x = tensor(0f).requiresGrad_(true);
    assertThat(x.hasGrad()).isFalse();
    assertThat(x.data().toString()).isEqualTo("tensor([0.])");
    List<String> printed = new ArrayList<>();
    for (int epoch = 0; epoch < 20; epoch++) {
      Tensor y = x.pow(2).add(x.mul(2)).add(1);
      y.backward(onesLike(y));
      printed.add(x.grad().data().toString());
      x.data().sub_(x.grad().data().mul(0.1));
      x.grad().data().zero_();
    }
    assertThat(printed.subList(0, 4))
        .containsExactly(
            "tensor([2.])", "tensor([1.6000])", "tensor([1.2800])", "tensor([1.0240])");
    assertThat(printed.get(19)).isEqualTo("tensor([0.0288])");
    assertThat(x.data().toString()).isEqualTo("tensor([-0.9885])");
  }

  @Test
  void seed000LinearRegressionWithAutogradReachesTwo() {
    // In [5]: w starts at 0, lr 0.1, 20 epochs of mean squared error.
    Tensor xData = tensor(new float[][] {{1}, {2}, {3}});
    Tensor yData = tensor(new float[][] {{2}, {4}, {6}});
    Tensor w = tensor(0f).requiresGrad_(true);
    for (int epoch = 0; epoch < 20; epoch++) {
      Tensor loss = xData.mul(w).sub(yData).pow(2).mean();
      loss.backward();
      w.data().sub_(w.grad().data().mul(0.1));
      w.grad().data().zero_();
    }
    assertThat(w.data().toString()).isEqualTo("tensor([2.])");
  }

  @Test
  void seed002AutogradPartTwoMatchesPrintedLines() {
    Tensor x = tensor(1f, 2f, 3f, 4f);
    Tensor y = tensor(2f, 4f, 6f, 8f);
    Tensor w = scalar(0f).requiresGrad_(true);
    List<String> lines = new ArrayList<>();
    for (int epoch = 0; epoch < 100; epoch++) {
      Tensor yPred = w.mul(x);
      Tensor l = yPred.sub(y).pow(2).mean();
      l.backward();
      try (var g = noGrad()) {
        w.sub_(w.grad().mul(0.01));
      }
      w.grad().zero_();
      if (epoch % 10 == 0) {
        lines.add(String.format("epoch %d: w = %.4f, loss = %.8f", epoch + 1, w.item(), l.item()));
      }
    }
    assertThat(lines.get(0)).isEqualTo("epoch 1: w = 0.3000, loss = 30.00000000");
    assertThat(lines.get(1)).isEqualTo("epoch 11: w = 1.6653, loss = 1.16278565");
    assertThat(lines.get(2)).isEqualTo("epoch 21: w = 1.9341, loss = 0.04506890");
    assertThat(lines.get(9)).isEqualTo("epoch 91: w = 2.0000, loss = 0.00000000");
    assertThat(w.mul(5).item()).isCloseTo(10.0, within(1e-4));
  }

  @Test
  void seed003LossAndBroadcastShapes() {
    Tensor tc = tensor(0.5f, 14.0f, 15.0f, 28.0f, 11.0f, 8.0f, 3.0f, -4.0f, 6.0f, 13.0f, 21.0f);
    Tensor tu = tensor(35.7f, 55.9f, 58.2f, 81.9f, 56.3f, 48.9f, 33.9f, 21.8f, 48.4f, 60.4f, 68.4f);
    Tensor w = ones();
    Tensor b = zeros();
    Tensor tp = w.mul(tu).add(b);
    assertThat(tp.toString())
        .isEqualTo(
            "tensor([35.7000, 55.9000, 58.2000, 81.9000, 56.3000, 48.9000, 33.9000, 21.8000,\n"
                + "        48.4000, 60.4000, 68.4000])");
    Tensor sq = tp.sub(tc).pow(2);
    assertThat(sq.toString())
        .isEqualTo(
            "tensor([1239.0400, 1755.6101, 1866.2401, 2905.2102, 2052.0898, 1672.8102,\n"
                + "         954.8101,  665.6400, 1797.7601, 2246.7603, 2246.7603])");
    // Bit-exact: jgrad sums float32 in PyTorch's cascade order.
    assertThat(sq.mean().item()).isEqualTo(1763.884765625);
    assertThat(sq.mean().toString()).isEqualTo("tensor(1763.8848)");
    assertThat(ones().mul(ones(3, 1)).shape().toString()).isEqualTo("Size([3, 1])");
    assertThat(ones(3, 1).mul(ones(1, 3)).shape().toString()).isEqualTo("Size([3, 3])");
    assertThat(ones(3, 1).mul(ones(1, 3)).mul(ones(2, 1, 1)).shape().toString())
        .isEqualTo("Size([2, 3, 3])");
  }

  @Test
  void seed000SineFitWithManualGradients() {
    Tensor x = linspace(-Math.PI, Math.PI, 2000);
    Tensor y = x.sin();
    Tensor a = scalar(0.1f);
    Tensor b = scalar(0.2f);
    Tensor c = scalar(-0.3f);
    Tensor d = scalar(0.05f);
    double lr = 1e-6;
    double loss = 0;
    for (int t = 0; t < 2000; t++) {
      Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
      loss = yPred.sub(y).pow(2).sum().item();
      Tensor gradYPred = yPred.sub(y).mul(2.0);
      a.sub_(gradYPred.sum().mul(lr));
      b.sub_(gradYPred.mul(x).sum().mul(lr));
      c.sub_(gradYPred.mul(x.pow(2)).sum().mul(lr));
      d.sub_(gradYPred.mul(x.pow(3)).sum().mul(lr));
    }
    assertThat(loss).isLessThan(20);
    assertThat(b.item()).isCloseTo(0.84, within(0.05));
  }
}

package io.jgrad.nn;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nn cells of the seed notebooks, trained with a manual no-grad update instead of SGD. */
class SeedModelsTest {

  /** Seed 000's {@code Model}: one Linear(1, 1, bias=False) as a field. */
  static class Model extends Module {
    final Linear linear = new Linear(1, 1, false);

    @Override
    public Tensor forward(Tensor x) {
      return linear.forward(x);
    }
  }

  private static void step(Module model, double lr) {
    try (var guard = noGrad()) {
      for (Parameter p : model.parameters()) {
        p.sub_(p.grad().mul(lr));
      }
    }
  }

  @Test
  void seed000ModelPrintsThePublishedCostsAndParameter() {
    Model model = new Model();
    // The notebook's initial weight was unseeded. Replaying PyTorch's loop shows that exactly the
    // float32 weights in [0.22938921, 0.22939041] reproduce all 20 printed costs and the final
    // parameter (w0 = 2 - sqrt(14.6303 * 3 / 14) from the first cost alone lies just outside).
    try (var guard = noGrad()) {
      model.linear.weight().fill_(0.2293898f);
    }
    MSELoss criterion = new MSELoss(Reduction.MEAN);
    Tensor xData = tensor(new float[][] {{1}, {2}, {3}});
    Tensor yData = tensor(new float[][] {{2}, {4}, {6}});
    List<Tensor> cost = new ArrayList<>();
    for (int epoch = 0; epoch < 20; epoch++) {
      Tensor yhat = model.forward(xData);
      Tensor loss = criterion.forward(yhat, yData);
      cost.add(loss.data());
      model.zeroGrad();
      loss.backward();
      step(model, 0.01);
    }
    assertThat(cost.toString())
        .isEqualTo(
            "[tensor(14.6303), tensor(12.0267), tensor(9.8865), "
                + "tensor(8.1272), tensor(6.6809), tensor(5.4920), tensor(4.5147), tensor(3.7112), "
                + "tensor(3.0508), tensor(2.5079), tensor(2.0616), tensor(1.6947), tensor(1.3931), "
                + "tensor(1.1452), tensor(0.9414), tensor(0.7739), tensor(0.6362), tensor(0.5230), "
                + "tensor(0.4299), tensor(0.3534)]");
    assertThat(model.parameters().toString())
        .isEqualTo("[Parameter containing:\ntensor([[1.7505]], requires_grad=True)]");
  }

  @Test
  void seed001SequentialSineFitMatchesHandWrittenGradients() {
    Tensor x = linspace(-Math.PI, Math.PI, 2000);
    Tensor y = x.sin();
    Tensor xx = x.unsqueeze(-1).pow(tensor(1L, 2L, 3L));
    assertThat(xx.shape().toString()).isEqualTo("Size([2000, 3])");
    Sequential model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
    Linear linear = (Linear) model.get(0);
    try (var guard = noGrad()) {
      linear.weight().copy_(tensor(new float[][] {{0.2f, -0.3f, 0.05f}}));
      linear.bias().fill_(0.1f);
    }
    MSELoss lossFn = new MSELoss(Reduction.SUM);
    double lr = 1e-6;
    double loss = 0;
    for (int t = 0; t < 2000; t++) {
      Tensor yPred = model.forward(xx);
      Tensor l = lossFn.forward(yPred, y);
      loss = l.item();
      model.zeroGrad();
      l.backward();
      step(model, lr);
    }

    // The same fit with the gradients written out by hand (seed 001's first program).
    Tensor a = scalar(0.1f);
    Tensor b = scalar(0.2f);
    Tensor c = scalar(-0.3f);
    Tensor d = scalar(0.05f);
    double manualLoss = 0;
    for (int t = 0; t < 2000; t++) {
      Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
      manualLoss = yPred.sub(y).pow(2).sum().item();
      Tensor gradYPred = yPred.sub(y).mul(2.0);
      a.sub_(gradYPred.sum().mul(lr));
      b.sub_(gradYPred.mul(x).sum().mul(lr));
      c.sub_(gradYPred.mul(x.pow(2)).sum().mul(lr));
      d.sub_(gradYPred.mul(x.pow(3)).sum().mul(lr));
    }
    assertThat(loss).isCloseTo(manualLoss, within(1e-4 * manualLoss));
    assertThat(linear.bias().item()).isCloseTo(a.item(), within(1e-4));
    assertThat(linear.weight().toFloatArray()[0]).isCloseTo((float) b.item(), within(1e-4f));
    assertThat(linear.weight().toFloatArray()[2]).isCloseTo((float) d.item(), within(1e-4f));
  }

  /** Seed 004's model: two 0-d parameters as plain fields, no registration calls. */
  static class LinearModel extends Module {
    final Parameter a = new Parameter(zeros());
    final Parameter b = new Parameter(zeros());

    @Override
    public Tensor forward(Tensor x) {
      return a.mul(x).add(b);
    }

    String string() {
      return String.format("y = %.2f * x + %.2f", a.item(), b.item());
    }
  }

  @Test
  void seed004MiniBatchRegressionPrintsThePublishedSteps() {
    manualSeed(1024);
    Tensor xOrigin = linspace(100, 300, 200);
    Tensor x = xOrigin.sub(xOrigin.mean()).div(xOrigin.std());
    Tensor epsilon = randn(x.shape().toIntArray());
    Tensor y = x.mul(10).add(5).add(epsilon);
    LinearModel model = new LinearModel();
    assertThat(model.namedParameters().keySet()).containsExactly("a", "b");
    List<String> lines = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      int ix = (t * 20) % x.size(0);
      Tensor xx = x.slice(0, ix, ix + 20);
      Tensor yy = y.slice(0, ix, ix + 20);
      Tensor loss = yy.sub(model.forward(xx)).pow(2).mean();
      model.zeroGrad();
      loss.backward();
      step(model, 0.1);
      lines.add(
          String.format("Step %d, Loss: %.2f; Result: %s", t + 1, loss.item(), model.string()));
    }
    assertThat(lines.get(0)).isEqualTo("Step 1, Loss: 101.19; Result: y = 3.12 * x + -1.99");
    assertThat(lines.get(1)).isEqualTo("Step 2, Loss: 3.61; Result: y = 3.48 * x + -2.28");
    assertThat(lines.get(19)).isEqualTo("Step 20, Loss: 1.27; Result: y = 9.94 * x + 5.21");
  }
}

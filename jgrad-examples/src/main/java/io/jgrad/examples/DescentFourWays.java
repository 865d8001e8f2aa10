package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MSELoss;
import io.jgrad.optim.SGD;
import java.util.List;

/**
 * Seed 002: fitting f(x) = 2x four ways, each step handing more to the library: (1) prediction,
 * gradient, loss and update by hand, (2) autograd for the gradient, (3) loss and optimizer from the
 * library, (4) the model too.
 */
final class DescentFourWays implements Example {
  private ExampleContext ctx;

  @Override
  public String name() {
    return "descent-four-ways";
  }

  @Override
  public String seedCell() {
    return "002 parts 1-4";
  }

  @Override
  public String description() {
    return "manual -> autograd -> library loss/optimizer -> library model";
  }

  private Tensor xs() {
    return tensor(1f, 2f, 3f, 4f).to(ctx.device());
  }

  private Tensor ys() {
    return tensor(2f, 4f, 6f, 8f).to(ctx.device());
  }

  private static String f4(Tensor t) {
    return PyFormat.fixed(t.item(), 4);
  }

  private void manual(boolean wrongGradient) {
    Tensor x = xs();
    Tensor y = ys();
    Tensor w = scalar(0f).to(ctx.device());
    ctx.println("Prediction before trainingL f(5) = " + PyFormat.fixed(w.mul(5).item(), 3));
    double lr = 0.01;
    for (int epoch = 0; epoch < 10; epoch++) {
      Tensor yPred = w.mul(x);
      Tensor l = yPred.sub(y).pow(2).mean();
      Tensor dw =
          wrongGradient
              ? x.mul(2).dot(yPred.sub(y)).mean() // not averaged: 4x the true gradient here
              : x.mul(2).mul(yPred.sub(y)).mean();
      w = w.sub(dw.mul(lr));
      ctx.println(
          "epoch "
              + (epoch + 1)
              + ": w = "
              + f4(w)
              + ", dw = "
              + f4(dw)
              + ", loss = "
              + PyFormat.fixed(l.item(), 8));
    }
    ctx.println("Prediction after trainingL f(5) = " + f4(w.mul(5)));
  }

  private void autograd() {
    Tensor x = xs();
    Tensor y = ys();
    Tensor w = scalar(0f).to(ctx.device()).requiresGrad_(true);
    ctx.println("Prediction before trainingL f(5) = " + PyFormat.fixed(w.mul(5).item(), 3));
    for (int epoch = 0; epoch < 100; epoch++) {
      Tensor l = w.mul(x).sub(y).pow(2).mean();
      l.backward();
      try (var g = noGrad()) {
        w.sub_(w.grad().mul(0.01));
      }
      w.grad().zero_();
      if (epoch % 10 == 0) {
        ctx.println(
            "epoch " + (epoch + 1) + ": w = " + f4(w) + ", loss = " + PyFormat.fixed(l.item(), 8));
      }
    }
    ctx.println("Prediction after trainingL f(5) = " + f4(w.mul(5)));
  }

  private void libraryLossAndOptimizer() {
    Tensor x = xs();
    Tensor y = ys();
    Tensor w = scalar(0f).to(ctx.device()).requiresGrad_(true);
    MSELoss loss = new MSELoss();
    SGD optimizer = new SGD(List.of(w), 0.01);
    ctx.println("Prediction before training: f(5) = " + PyFormat.fixed(w.mul(5).item(), 3));
    for (int epoch = 0; epoch < 100; epoch++) {
      Tensor l = loss.forward(y, w.mul(x));
      l.backward();
      optimizer.step();
      optimizer.zeroGrad();
      if (epoch % 10 == 0) {
        ctx.println(
            "epoch " + (epoch + 1) + ": w = " + f4(w) + ", loss = " + PyFormat.fixed(l.item(), 8));
      }
    }
    ctx.println("Prediction after training: f(5) = " + PyFormat.fixed(w.mul(5).item(), 3));
  }

  private void libraryModel() {
    manualSeed(ctx.seedOr(0, "part 4's nn.Linear(1, 1) is initialised unseeded in the tutorial"));
    Tensor x = xs().view(4, 1);
    Tensor y = ys().view(4, 1);
    ctx.println("#samples: " + x.size(0) + ", #features: " + x.size(1));
    Tensor xTest = tensor(5f).to(ctx.device());
    Linear model = new Linear(1, 1);
    model.to(ctx.device());
    MSELoss loss = new MSELoss();
    SGD optimizer = new SGD(model.parameters(), 0.01);
    ctx.println(
        "Prediction before training: f(5) = " + PyFormat.fixed(model.forward(xTest).item(), 3));
    for (int epoch = 0; epoch < 100; epoch++) {
      Tensor l = loss.forward(y, model.forward(x));
      l.backward();
      optimizer.step();
      optimizer.zeroGrad();
      if (epoch % 10 == 0) {
        ctx.println(
            "epoch "
                + (epoch + 1)
                + ": w = "
                + PyFormat.fixed(model.weight().get(0).get(0).item(), 3)
                + ", loss = "
                + PyFormat.fixed(l.item(), 8));
      }
    }
    ctx.println(
        "Prediction after training: f(5) = " + PyFormat.fixed(model.forward(xTest).item(), 3));
  }

  @Override
  public void run(ExampleContext context) {
    this.ctx = context;
    ctx.println("# part 1: numpy by hand, with the video's gradient np.dot(2*x, y_hat-y).mean()");
    ctx.println(
        "# (the dot product is already a scalar, so .mean() does not average: the step is 4x lr)");
    manual(true);
    ctx.println("# part 1: numpy by hand, with the correct gradient np.mean(2*x * (y_hat-y))");
    manual(false);
    Tensor yHat = zeros(4).to(ctx.device());
    Tensor a = xs().mul(2).dot(yHat.sub(ys())).mean();
    Tensor b = xs().mul(2).mul(yHat.sub(ys())).mean();
    ctx.println("(" + PyFormat.repr(a.item()) + ", " + PyFormat.repr(b.item()) + ")");
    ctx.println("# part 2: gradient with autograd");
    autograd();
    ctx.println("# part 3: loss and optimizer from the library");
    libraryLossAndOptimizer();
    ctx.println("# part 4: everything from the library");
    libraryModel();
  }
}

package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;

/**
 * Seed 000 cell 1 / seed 001's first listing: fit sin(x) on [-pi, pi] with a cubic, gradients
 * derived by hand, plain gradient descent.
 */
final class SineManual implements Example {
  @Override
  public String name() {
    return "sine-manual";
  }

  @Override
  public String seedCell() {
    return "000 cell 1 / 001 first listing";
  }

  @Override
  public String description() {
    return "cubic fit of sin(x) with hand-written gradients";
  }

  @Override
  public void run(ExampleContext ctx) throws Exception {
    manualSeed(ctx.seedOr(0, "the notebook's randn((), ...) calls were unseeded"));
    var device = ctx.device();
    Tensor x = linspace(-Math.PI, Math.PI, 2000).to(device);
    Tensor y = x.sin();
    Tensor a = randn().to(device);
    Tensor b = randn().to(device);
    Tensor c = randn().to(device);
    Tensor d = randn().to(device);
    double learningRate = ctx.lr().orElse(1e-6);
    int steps = ctx.steps().orElse(2000);
    for (int t = 0; t < steps; t++) {
      Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
      double loss = yPred.sub(y).pow(2).sum().item();
      if (t % 100 == 99) {
        ctx.println(t + " " + PyFormat.repr(loss));
      }
      Tensor gradYPred = yPred.sub(y).mul(2.0);
      Tensor gradA = gradYPred.sum();
      Tensor gradB = gradYPred.mul(x).sum();
      Tensor gradC = gradYPred.mul(x.pow(2)).sum();
      Tensor gradD = gradYPred.mul(x.pow(3)).sum();
      a.sub_(gradA.mul(learningRate));
      b.sub_(gradB.mul(learningRate));
      c.sub_(gradC.mul(learningRate));
      d.sub_(gradD.mul(learningRate));
    }
    ctx.out()
        .println(
            "Result: y = "
                + PyFormat.repr(a.item())
                + " + "
                + PyFormat.repr(b.item())
                + " x + "
                + PyFormat.repr(c.item())
                + " x^2 + "
                + PyFormat.repr(d.item())
                + " x^3");
    SinePlot.write(ctx, x, y, new double[] {a.item(), b.item(), c.item(), d.item()});
  }
}

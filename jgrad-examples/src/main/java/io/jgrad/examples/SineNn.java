package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MSELoss;
import io.jgrad.nn.Reduction;
import io.jgrad.nn.Sequential;

/**
 * Seed 001's second listing: the cubic fit as {@code Sequential(Linear(3, 1), Flatten(0, 1))} on
 * the features {@code [x, x^2, x^3]}, summed squared error, parameters updated under noGrad.
 */
final class SineNn implements Example {
  @Override
  public String name() {
    return "sine-nn";
  }

  @Override
  public String seedCell() {
    return "001 second listing";
  }

  @Override
  public String description() {
    return "Sequential(Linear(3,1), Flatten(0,1)) sine fit with MSELoss(SUM)";
  }

  @Override
  public void run(ExampleContext ctx) throws Exception {
    manualSeed(ctx.seedOr(0, "the notebook's nn.Linear(3, 1) was initialised unseeded"));
    Tensor x = linspace(-Math.PI, Math.PI, 2000).to(ctx.device());
    Tensor y = x.sin();
    Tensor p = tensor(1L, 2L, 3L).to(ctx.device());
    Tensor xx = x.unsqueeze(-1).pow(p);
    Sequential model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
    model.to(ctx.device());
    MSELoss lossFn = new MSELoss(Reduction.SUM);
    double learningRate = ctx.lr().orElse(1e-6);
    int steps = ctx.steps().orElse(2000);
    for (int t = 0; t < steps; t++) {
      Tensor yPred = model.forward(xx);
      Tensor loss = lossFn.forward(yPred, y);
      if (t % 100 == 99) {
        ctx.println(t + " " + PyFormat.repr(loss.item()));
      }
      model.zeroGrad();
      loss.backward();
      try (var g = noGrad()) {
        for (Tensor param : model.parameters()) {
          param.sub_(param.grad().mul(learningRate));
        }
      }
    }
    Linear linear = (Linear) model.get(0);
    Tensor weight = linear.weight();
    double[] coefficients = {
      linear.bias().item(),
      weight.select(1, 0).item(),
      weight.select(1, 1).item(),
      weight.select(1, 2).item()
    };
    ctx.out()
        .println(
            "Result: y = "
                + PyFormat.repr(coefficients[0])
                + " + "
                + PyFormat.repr(coefficients[1])
                + " x + "
                + PyFormat.repr(coefficients[2])
                + " x^2 + "
                + PyFormat.repr(coefficients[3])
                + " x^3");
    SinePlot.write(ctx, x, y, coefficients);
  }
}

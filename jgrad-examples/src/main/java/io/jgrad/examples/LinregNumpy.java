package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Seed 000 cell 6: least-squares fit of y = 2x in float64 with a hand-written gradient. */
final class LinregNumpy implements Example {
  @Override
  public String name() {
    return "linreg-numpy";
  }

  @Override
  public String seedCell() {
    return "000 cell 6";
  }

  @Override
  public String description() {
    return "float64 linear regression, hand-written gradient (the NumPy cell)";
  }

  @Override
  public void run(ExampleContext ctx) {
    Tensor xData = tensor(1.0, 2.0, 3.0).to(ctx.device());
    Tensor yData = tensor(2.0, 4.0, 6.0).to(ctx.device());
    int epochs = ctx.steps().orElse(10);
    double lr = ctx.lr().orElse(0.01);
    Tensor w = scalar(0.0).to(ctx.device());
    List<Double> cost = new ArrayList<>();
    for (int epoch = 0; epoch < epochs; epoch++) {
      Tensor yhat = xData.mul(w);
      Tensor loss = yhat.sub(yData).pow(2).mean();
      Tensor dw = yData.sub(yhat).mul(-2).dot(xData.t()).div(xData.size(0));
      w = w.sub(dw.mul(lr));
      cost.add(loss.item());
    }
    ctx.out().println(PyFormat.repr(w.item()));
  }
}

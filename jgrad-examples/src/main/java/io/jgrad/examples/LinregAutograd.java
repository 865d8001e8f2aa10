package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Seed 000 cell 5: the same regression in float32 with autograd. */
final class LinregAutograd implements Example {
  @Override
  public String name() {
    return "linreg-autograd";
  }

  @Override
  public String seedCell() {
    return "000 cell 5";
  }

  @Override
  public String description() {
    return "float32 linear regression with autograd, updating w.data()";
  }

  @Override
  public void run(ExampleContext ctx) {
    Tensor xData = tensor(new float[][] {{1}, {2}, {3}}).to(ctx.device());
    Tensor yData = tensor(new float[][] {{2}, {4}, {6}}).to(ctx.device());
    int epochs = ctx.steps().orElse(20);
    double lr = ctx.lr().orElse(0.1);
    Tensor w = tensor(0f).to(ctx.device()).requiresGrad_(true);
    List<Double> cost = new ArrayList<>();
    for (int epoch = 0; epoch < epochs; epoch++) {
      Tensor yhat = xData.mul(w);
      Tensor loss = yhat.sub(yData).pow(2).mean();
      cost.add(loss.item());
      loss.backward();
      w.data().sub_(w.grad().data().mul(lr));
      w.grad().data().zero_();
    }
    ctx.out().println(w.data().toString());
  }
}

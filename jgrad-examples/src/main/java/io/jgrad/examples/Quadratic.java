package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;

/** Seed 000 cell 2: gradient descent on y = x^2 + 2x + 1 with the derivative written by hand. */
final class Quadratic implements Example {
  @Override
  public String name() {
    return "quadratic";
  }

  @Override
  public String seedCell() {
    return "000 cell 2";
  }

  @Override
  public String description() {
    return "plain scalar descent on x^2+2x+1 (float64, as Python floats)";
  }

  private static Tensor y(Tensor x) {
    return x.pow(2).add(x.mul(2)).add(1);
  }

  @Override
  public void run(ExampleContext ctx) {
    Tensor x = scalar(0.0);
    double lr = ctx.lr().orElse(0.1);
    int epochs = ctx.steps().orElse(20);
    for (int epoch = 0; epoch < epochs; epoch++) {
      Tensor dx = x.mul(2).add(2); // the gradient
      x = x.sub(dx.mul(lr));
      ctx.println("x:  " + PyFormat.repr(x.item()) + " y:  " + PyFormat.repr(y(x).item()));
    }
  }
}

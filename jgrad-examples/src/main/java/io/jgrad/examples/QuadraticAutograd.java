package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;

/** Seed 000 cell 3: the same descent with autograd computing the gradient. */
final class QuadraticAutograd implements Example {
  @Override
  public String name() {
    return "quadratic-autograd";
  }

  @Override
  public String seedCell() {
    return "000 cell 3";
  }

  @Override
  public String description() {
    return "x^2+2x+1 with autograd, printing each gradient";
  }

  @Override
  public void run(ExampleContext ctx) {
    Tensor x = tensor(0f).to(ctx.device()).requiresGrad_(true);
    ctx.println("grad " + (x.hasGrad() ? x.grad().toString() : "None") + " data " + x.data());
    double lr = ctx.lr().orElse(0.1);
    int epochs = ctx.steps().orElse(20);
    for (int epoch = 0; epoch < epochs; epoch++) {
      Tensor y = x.pow(2).add(x.mul(2)).add(1);
      y.backward(onesLike(y));
      ctx.println("grad of epoch" + epoch + ": " + x.grad().data());
      x.data().sub_(x.grad().data().mul(lr));
      x.grad().data().zero_(); // gradients accumulate in PyTorch and jgrad: clear them
    }
    ctx.out().println(x.data().toString());
  }
}

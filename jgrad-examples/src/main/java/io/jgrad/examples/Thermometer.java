package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;

/**
 * Seed 003 (Deep Learning with PyTorch, chapter 5): the thermometer model {@code t_c = w t_u + b},
 * its loss, broadcasting shapes, a finite-difference gradient step, the analytic gradient, and the
 * training loops before and after normalising the input.
 */
final class Thermometer implements Example {
  private static final Tensor T_C =
      tensor(0.5f, 14.0f, 15.0f, 28.0f, 11.0f, 8.0f, 3.0f, -4.0f, 6.0f, 13.0f, 21.0f);
  private static final Tensor T_U =
      tensor(35.7f, 55.9f, 58.2f, 81.9f, 56.3f, 48.9f, 33.9f, 21.8f, 48.4f, 60.4f, 68.4f);

  private ExampleContext ctx;

  @Override
  public String name() {
    return "thermometer";
  }

  @Override
  public String seedCell() {
    return "003 (all cells)";
  }

  @Override
  public String description() {
    return "loss, broadcasting, finite differences, analytic gradient, training before/after normalising";
  }

  private static Tensor model(Tensor tu, Tensor w, Tensor b) {
    return w.mul(tu).add(b);
  }

  /** The notebook's loss_fn prints the squared differences every time it is called. */
  private Tensor lossFn(Tensor tp, Tensor tc) {
    Tensor squaredDiffs = tp.sub(tc).pow(2);
    ctx.println(squaredDiffs.toString());
    return squaredDiffs.mean();
  }

  private static Tensor gradFn(Tensor tu, Tensor tc, Tensor w, Tensor b) {
    Tensor residual = tu.mul(w).add(b).sub(tc);
    Tensor dlossDw = tu.mul(2).mul(residual).div(tu.size(0));
    Tensor dlossDb = residual.mul(2).div(tu.size(0));
    return stack(dlossDw.sum(), dlossDb.sum());
  }

  private Tensor trainingLoop(
      int epochs, double learningRate, Tensor params, Tensor tu, Tensor tc) {
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Tensor w = params.get(0);
      Tensor b = params.get(1);
      Tensor tp = model(tu, w, b);
      Tensor loss = lossFn(tp, tc);
      Tensor grad = gradFn(tu, tc, w, b);
      params.sub_(grad.mul(learningRate));
      ctx.println("Epoch " + epoch + ", Loss " + PyFormat.repr(loss.item()));
    }
    return params;
  }

  @Override
  public void run(ExampleContext context) {
    this.ctx = context;
    Tensor tc = T_C.to(ctx.device());
    Tensor tu = T_U.to(ctx.device());
    Tensor w = ones().to(ctx.device());
    Tensor b = zeros().to(ctx.device());

    ctx.println("# 5.3 the loss");
    Tensor tp = model(tu, w, b);
    ctx.println("(" + tp + ",\n " + tp.size(0) + ")");
    ctx.println(lossFn(tp, tc).toString());

    ctx.println("# broadcasting");
    Tensor x = ones();
    Tensor y = ones(3, 1);
    Tensor z = ones(1, 3);
    Tensor a = ones(2, 1, 1);
    ctx.println("shapes: x: " + x.shape() + ", y: " + y.shape());
    ctx.println("        z: " + z.shape() + ", a: " + a.shape());
    ctx.println("x * y: " + x.mul(y).shape());
    ctx.println("y * z: " + y.mul(z).shape());
    ctx.println("y * z * a: " + y.mul(z).mul(a).shape());

    ctx.println("# 5.4.1 a finite-difference step");
    double delta = 0.1;
    double learningRate = 1e-2;
    Tensor rateW =
        lossFn(model(tu, w.add(delta), b), tc)
            .sub(lossFn(model(tu, w.sub(delta), b), tc))
            .div(2.0 * delta);
    w = w.sub(rateW.mul(learningRate));
    // The notebook perturbs w again when it means b; reproduced as printed.
    Tensor rateB =
        lossFn(model(tu, w.add(delta), b), tc)
            .sub(lossFn(model(tu, w.sub(delta), b), tc))
            .div(2.0 * delta);
    b = b.sub(rateB.mul(learningRate));

    ctx.println("# 5.4.2 the analytic gradient");
    Tensor before = trainingLoop(5, 1e-4, tensor(1.0f, 0.0f).to(ctx.device()), tu, tc);
    ctx.out().println(before.toString());

    ctx.println("# 5.4.4 normalised input");
    Tensor tun = tu.mul(0.1);
    int epochs = ctx.steps().orElse(5000);
    Tensor after =
        trainingLoop(epochs, ctx.lr().orElse(1e-2), tensor(1.0f, 0.0f).to(ctx.device()), tun, tc);
    ctx.out().println(after.toString());
  }
}

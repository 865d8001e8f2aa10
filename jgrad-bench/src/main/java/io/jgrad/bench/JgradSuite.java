package io.jgrad.bench;

import static io.jgrad.JGrad.linspace;
import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.noGrad;
import static io.jgrad.JGrad.rand;
import static io.jgrad.JGrad.randint;
import static io.jgrad.JGrad.randn;
import static io.jgrad.JGrad.stack;

import io.jgrad.Tensor;
import java.util.List;

/**
 * The benchmark workloads written with jgrad-core ops only (Linear as {@code x.matmul(w.t())
 * .add(b)}, SGD as an in-place update under {@code noGrad()}), so the module needs no jgrad-nn.
 *
 * <p>{@code new JgradSuite().mlpStep().run()}.
 */
public final class JgradSuite implements Suite {
  /** Creates the suite. */
  public JgradSuite() {}

  @Override
  public String name() {
    return "jgrad";
  }

  @Override
  public Runnable sineFit() {
    Tensor x = linspace(-Math.PI, Math.PI, FIT_POINTS);
    Tensor y = x.sin();
    return () -> sineFitLoop(x, y, FIT_STEPS);
  }

  /** Runs {@code steps} steps of B1 from fresh parameters and returns the last loss. */
  public static double sineFitLoop(Tensor x, Tensor y, int steps) {
    manualSeed(0);
    Tensor a = randn().requiresGrad_();
    Tensor b = randn().requiresGrad_();
    Tensor c = randn().requiresGrad_();
    Tensor d = randn().requiresGrad_();
    Tensor[] params = {a, b, c, d};
    double last = 0;
    for (int t = 0; t < steps; t++) {
      Tensor yPred = a.add(b.mul(x)).add(c.mul(x.pow(2))).add(d.mul(x.pow(3)));
      Tensor loss = yPred.sub(y).pow(2).sum();
      if (t % 100 == 99) {
        last = loss.item();
      }
      loss.backward();
      sgd(params, FIT_LR);
    }
    return last;
  }

  @Override
  public Runnable linearFit() {
    Tensor x = linspace(-Math.PI, Math.PI, FIT_POINTS);
    Tensor y = x.sin();
    Tensor xx = stack(List.of(x, x.pow(2), x.pow(3)), 1);
    return () -> linearFitLoop(xx, y, FIT_STEPS);
  }

  /** Runs {@code steps} steps of B2 and returns the last loss. */
  public static double linearFitLoop(Tensor xx, Tensor y, int steps) {
    manualSeed(0);
    double bound = 1 / Math.sqrt(3);
    Tensor w = rand(1, 3).mul(2 * bound).sub(bound).requiresGrad_();
    Tensor b = rand(1).mul(2 * bound).sub(bound).requiresGrad_();
    Tensor[] params = {w, b};
    double last = 0;
    for (int t = 0; t < steps; t++) {
      Tensor yPred = xx.matmul(w.t()).add(b).flatten(0, 1);
      Tensor loss = yPred.sub(y).pow(2).sum();
      if (t % 100 == 99) {
        last = loss.item();
      }
      loss.backward();
      sgd(params, FIT_LR);
    }
    return last;
  }

  @Override
  public Runnable add(int n) {
    manualSeed(0);
    Tensor a = randn(n);
    Tensor b = randn(n);
    return () -> sink(a.add(b));
  }

  @Override
  public Runnable matmul(int n) {
    manualSeed(0);
    Tensor a = randn(n, n);
    Tensor b = randn(n, n);
    return () -> sink(a.matmul(b));
  }

  @Override
  public Runnable mlpStep() {
    manualSeed(0);
    Tensor[] params = {
      uniformInit(784, 512, 784), uniformInit(784, 512),
      uniformInit(512, 512, 512), uniformInit(512, 512),
      uniformInit(512, 10, 512), uniformInit(512, 10)
    };
    Tensor input = rand(MLP_BATCH, 784);
    Tensor target = randint(0, 10, MLP_BATCH);
    return () -> {
      Tensor h = linear(input, params[0], params[1]).relu();
      h = linear(h, params[2], params[3]).relu();
      Tensor logits = linear(h, params[4], params[5]);
      Tensor loss = logits.logSoftmax(1).gather(1, target.unsqueeze(1)).mean().neg();
      loss.backward();
      sgd(params, MLP_LR);
    };
  }

  private static Tensor linear(Tensor x, Tensor w, Tensor b) {
    return x.matmul(w.t()).add(b);
  }

  /** A parameter of {@code shape} drawn as PyTorch's Linear does: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
  private static Tensor uniformInit(int fanIn, int... shape) {
    double bound = 1 / Math.sqrt(fanIn);
    return rand(shape).mul(2 * bound).sub(bound).requiresGrad_();
  }

  /** Plain SGD: {@code p -= lr * p.grad}, then the gradient is dropped. */
  static void sgd(Tensor[] params, double lr) {
    try (var scope = noGrad()) {
      for (Tensor p : params) {
        p.sub_(p.grad().mul(lr));
        p.clearGrad();
      }
    }
  }

  private static volatile Object blackhole;

  /** Keeps a result reachable so the JIT cannot drop the work. */
  private static void sink(Object o) {
    blackhole = o;
  }
}

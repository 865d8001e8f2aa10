package io.jgrad.bench;

import static io.jgrad.JGrad.linspace;
import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.noGrad;
import static io.jgrad.JGrad.rand;
import static io.jgrad.JGrad.randint;
import static io.jgrad.JGrad.randn;
import static io.jgrad.JGrad.stack;

import io.jgrad.Tensor;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MSELoss;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Reduction;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.SGD;
import java.util.List;

/**
 * The benchmark workloads as a jgrad user writes them: B1 with core ops and autograd as in seed
 * 000, B2 and B5 with {@code nn} modules, losses and {@code optim.SGD}.
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
    Sequential model = new Sequential(new Linear(3, 1), new Flatten(0, 1));
    MSELoss lossFn = new MSELoss(Reduction.SUM);
    SGD optimizer = new SGD(model.parameters(), FIT_LR);
    double last = 0;
    for (int t = 0; t < steps; t++) {
      Tensor loss = lossFn.forward(model.forward(xx), y);
      if (t % 100 == 99) {
        last = loss.item();
      }
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
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
  public Runnable addInPlace(int n) {
    manualSeed(0);
    Tensor a = randn(n);
    Tensor b = randn(n);
    return () -> a.add_(b);
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
    Sequential model =
        new Sequential(
            new Linear(784, 512),
            new ReLU(),
            new Linear(512, 512),
            new ReLU(),
            new Linear(512, 10));
    CrossEntropyLoss lossFn = new CrossEntropyLoss();
    SGD optimizer = new SGD(model.parameters(), MLP_LR);
    Tensor input = rand(MLP_BATCH, 784);
    Tensor target = randint(0, 10, MLP_BATCH);
    return () -> {
      Tensor loss = lossFn.forward(model.forward(input), target);
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
    };
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

package io.jgrad.bench.peers;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.jgrad.bench.Suite;

/**
 * The workloads on DJL 0.35.1 with its PyTorch (libtorch 2.7.1) engine, written as a DJL user
 * would: a {@link GradientCollector} per step, in-place updates outside it, and an {@link NDScope}
 * per step so native temporaries are freed.
 *
 * <p>{@code new DjlSuite().sineFit().run()}.
 */
public final class DjlSuite implements Suite {
  private final NDManager manager = NDManager.newBaseManager();

  /** Creates the suite on the default (PyTorch) engine. */
  public DjlSuite() {
    Engine.getInstance().setRandomSeed(0);
  }

  @Override
  public String name() {
    return "djl";
  }

  @Override
  public Runnable sineFit() {
    NDArray x = manager.linspace((float) -Math.PI, (float) Math.PI, FIT_POINTS);
    NDArray y = x.sin();
    return () -> {
      NDArray[] p = new NDArray[4];
      for (int i = 0; i < 4; i++) {
        p[i] = manager.randomNormal(new Shape());
        p[i].setRequiresGradient(true);
      }
      for (int t = 0; t < FIT_STEPS; t++) {
        try (NDScope scope = new NDScope()) {
          NDArray loss;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray yPred = p[0].add(p[1].mul(x)).add(p[2].mul(x.pow(2))).add(p[3].mul(x.pow(3)));
            loss = yPred.sub(y).pow(2).sum();
            gc.backward(loss);
          }
          if (t % 100 == 99) {
            loss.getFloat();
          }
          update(p, FIT_LR);
        }
      }
      for (NDArray param : p) {
        param.close();
      }
    };
  }

  /** {@code p -= lr * grad}, then the gradient is zeroed for the next step. */
  private static void update(NDArray[] params, double lr) {
    for (NDArray param : params) {
      NDArray grad = param.getGradient();
      param.subi(grad.mul(lr));
      grad.subi(grad);
    }
  }

  @Override
  public Runnable linearFit() {
    NDArray x = manager.linspace((float) -Math.PI, (float) Math.PI, FIT_POINTS);
    NDArray y = x.sin();
    NDArray xx = x.stack(x.pow(2), 1).concat(x.pow(3).reshape(-1, 1), 1);
    return () -> {
      float bound = (float) (1 / Math.sqrt(3));
      NDArray[] p = {
        manager.randomUniform(-bound, bound, new Shape(1, 3)),
        manager.randomUniform(-bound, bound, new Shape(1))
      };
      for (NDArray param : p) {
        param.setRequiresGradient(true);
      }
      for (int t = 0; t < FIT_STEPS; t++) {
        try (NDScope scope = new NDScope()) {
          NDArray loss;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray yPred = xx.matMul(p[0].transpose()).add(p[1]).reshape(-1);
            loss = yPred.sub(y).pow(2).sum();
            gc.backward(loss);
          }
          if (t % 100 == 99) {
            loss.getFloat();
          }
          update(p, FIT_LR);
        }
      }
      for (NDArray param : p) {
        param.close();
      }
    };
  }

  @Override
  public Runnable add(int n) {
    NDArray a = manager.randomNormal(new Shape(n));
    NDArray b = manager.randomNormal(new Shape(n));
    return () -> a.add(b).close();
  }

  @Override
  public Runnable addInPlace(int n) {
    NDArray a = manager.randomNormal(new Shape(n));
    NDArray b = manager.randomNormal(new Shape(n));
    return () -> a.addi(b);
  }

  @Override
  public Runnable matmul(int n) {
    NDArray a = manager.randomNormal(new Shape(n, n));
    NDArray b = manager.randomNormal(new Shape(n, n));
    return () -> a.matMul(b).close();
  }

  @Override
  public Runnable mlpStep() {
    int[] sizes = {784, 512, 512, 10};
    NDArray[] p = new NDArray[6];
    for (int l = 0; l < 3; l++) {
      float bound = (float) (1 / Math.sqrt(sizes[l]));
      p[2 * l] = manager.randomUniform(-bound, bound, new Shape(sizes[l + 1], sizes[l]));
      p[2 * l + 1] = manager.randomUniform(-bound, bound, new Shape(sizes[l + 1]));
    }
    for (NDArray param : p) {
      param.setRequiresGradient(true);
    }
    NDArray input = manager.randomUniform(0, 1, new Shape(MLP_BATCH, 784));
    NDArray target = manager.randomInteger(0, 10, new Shape(MLP_BATCH, 1), DataType.INT64);
    return () -> {
      try (NDScope scope = new NDScope()) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray h = Activation.relu(input.matMul(p[0].transpose()).add(p[1]));
          h = Activation.relu(h.matMul(p[2].transpose()).add(p[3]));
          NDArray logits = h.matMul(p[4].transpose()).add(p[5]);
          NDArray loss = logits.logSoftmax(1).gather(target, 1).mean().neg();
          gc.backward(loss);
        }
        update(p, MLP_LR);
      }
    };
  }
}

package io.jgrad.nn.checkpoint;

import static io.jgrad.JGrad.*;

import io.jgrad.Generator;
import io.jgrad.Tensor;
import io.jgrad.io.SafeTensors;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MSELoss;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import io.jgrad.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * A small deterministic training setup shared by the checkpoint tests and the interop fixture:
 * {@code Linear(4, 3) -> ReLU -> Linear(3, 2)} regressing seeded random targets with MSE.
 */
final class TrainingRun {
  final Sequential model;
  final Optimizer optimizer;
  final Tensor x;
  final Tensor y;
  private final MSELoss lossFn = new MSELoss();

  /** The optimizers the tests resume; names match the fixture files. */
  enum Kind {
    SGD(params -> new io.jgrad.optim.SGD(params, io.jgrad.optim.SGD.Options.of(0.1).momentum(0.9))),
    ADAM(params -> new Adam(params, Adam.Options.of(0.01)));

    final Function<Iterable<? extends Tensor>, Optimizer> make;

    Kind(Function<Iterable<? extends Tensor>, Optimizer> make) {
      this.make = make;
    }

    String file() {
      return name().toLowerCase(java.util.Locale.ROOT) + ".safetensors";
    }
  }

  /** A fresh model initialised from {@code modelSeed}, with data from a fixed seed. */
  TrainingRun(Kind kind, long modelSeed) {
    manualSeed(modelSeed);
    model = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
    optimizer = kind.make.apply(model.parameters());
    Generator data = new Generator().manualSeed(1234);
    x = randn(data, 8, 4);
    y = randn(data, 8, 2);
  }

  /** The current loss without a gradient step. */
  Tensor loss() {
    return lossFn.forward(model.forward(x), y);
  }

  /** {@code n} full-batch steps; returns the last loss. */
  float train(int n) {
    float last = Float.NaN;
    for (int i = 0; i < n; i++) {
      optimizer.zeroGrad();
      Tensor loss = loss();
      loss.backward();
      optimizer.step();
      last = (float) loss.item();
    }
    return last;
  }

  /**
   * Writes the interop fixture into {@code args[0]}: {@code sgd.safetensors} and {@code
   * adam.safetensors} (checkpoints after 3 steps, epoch 3) and {@code resume-data.safetensors} (the
   * inputs and targets), which {@code load_in_pytorch.py} reads.
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (Kind kind : Kind.values()) {
      writeFixture(kind, dir.resolve(kind.file()));
    }
    TrainingRun any = new TrainingRun(Kind.SGD, 0);
    SafeTensors.save(Map.of("x", any.x, "y", any.y), dir.resolve("resume-data.safetensors"));
  }

  static void writeFixture(Kind kind, Path file) throws IOException {
    TrainingRun run = new TrainingRun(kind, 0);
    run.train(3);
    Checkpoint.save(file, run.model, run.optimizer, 3, Map.of("note", "jgrad interop fixture"));
  }
}

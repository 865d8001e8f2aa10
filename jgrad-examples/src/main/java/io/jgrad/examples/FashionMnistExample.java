package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;
import io.jgrad.data.DataLoader;
import io.jgrad.data.FashionMnist;
import io.jgrad.nn.CrossEntropyLoss;
import io.jgrad.nn.Flatten;
import io.jgrad.nn.Linear;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.nn.checkpoint.Checkpoint;
import io.jgrad.optim.SGD;
import io.jgrad.plot.LinePlot;
import io.jgrad.plot.Series;
import io.jgrad.progress.ProgressBar;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Beyond the seeds: PyTorch's quickstart network (784-512-512-10 with ReLU, cross-entropy, SGD lr
 * 1e-3, batch 64, 5 epochs, unshuffled loader) on the real Fashion-MNIST files.
 *
 * <p>{@code --save FILE} writes a {@link Checkpoint} after every epoch; {@code --resume FILE}
 * restores model, optimizer (including its learning rate) and epoch count and runs the remaining
 * epochs of {@code --steps}. The loader is unshuffled, so a resumed run prints the same numbers as
 * an uninterrupted one.
 */
final class FashionMnistExample implements Example {
  @Override
  public String name() {
    return "fashion-mnist";
  }

  @Override
  public String seedCell() {
    return "PyTorch quickstart";
  }

  @Override
  public String description() {
    return "784-512-512-10 MLP on real Fashion-MNIST; accuracy and loss per epoch";
  }

  @Override
  public void run(ExampleContext ctx) throws Exception {
    manualSeed(ctx.seedOr(0, "the quickstart initialises its network unseeded"));
    int limit = ctx.limit().orElse(Integer.MAX_VALUE);
    FashionMnist trainData =
        FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, FashionMnist.Split.TRAIN, limit);
    FashionMnist testData =
        FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, FashionMnist.Split.TEST, limit);
    int batchSize = 64;
    DataLoader trainLoader = new DataLoader(trainData, batchSize);
    DataLoader testLoader = new DataLoader(testData, batchSize);
    Sequential model =
        new Sequential(
            new Flatten(),
            new Linear(28 * 28, 512),
            new ReLU(),
            new Linear(512, 512),
            new ReLU(),
            new Linear(512, 10));
    model.to(ctx.device());
    ctx.println(model.toString());
    CrossEntropyLoss lossFn = new CrossEntropyLoss();
    SGD optimizer = new SGD(model.parameters(), ctx.lr().orElse(1e-3));
    int epochs = ctx.steps().orElse(5);
    int first = 0;
    if (ctx.resume().isPresent()) {
      first = resume(ctx.resume().get(), model, optimizer);
      ctx.println("resumed from " + ctx.resume().get() + " after epoch " + first);
    }
    List<Double> testLosses = new ArrayList<>();
    List<Double> accuracies = new ArrayList<>();
    for (int epoch = first; epoch < epochs; epoch++) {
      ctx.println("Epoch " + (epoch + 1) + "\n-------------------------------");
      long start = System.nanoTime();
      train(ctx, trainLoader, trainData.size(), model, lossFn, optimizer);
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] lossAndAccuracy = test(testLoader, testData.size(), model, lossFn, ctx);
      testLosses.add(lossAndAccuracy[0]);
      accuracies.add(lossAndAccuracy[1]);
      ctx.out()
          .println(
              "Test Error: \n Accuracy: "
                  + PyFormat.fixed(100 * lossAndAccuracy[1], 1)
                  + "%, Avg loss: "
                  + PyFormat.fixed(lossAndAccuracy[0], 6)
                  + " \n");
      ctx.out()
          .println("epoch " + (epoch + 1) + " trained in " + PyFormat.fixed(seconds, 1) + " s");
      if (ctx.save().isPresent()) {
        Checkpoint.save(
            ctx.save().get(),
            model,
            optimizer,
            epoch + 1,
            Map.of("example", name(), "limit", ctx.limit().isPresent() ? "" + limit : "all"));
        ctx.println("checkpoint written to " + ctx.save().get());
      }
    }
    ctx.println("Done!");
    if (ctx.plot().isPresent() && !testLosses.isEmpty()) {
      LinePlot.builder()
          .title("Fashion-MNIST: test loss and accuracy per epoch")
          .xLabel("epoch")
          .yLabel("value")
          .size(800, 500)
          .add(
              Series.of("test loss", epochAxis(first, epochs), toArray(testLosses))
                  .withFormat("r-o"))
          .add(
              Series.of("test accuracy", epochAxis(first, epochs), toArray(accuracies))
                  .withFormat("b-s"))
          .legend(true)
          .build()
          .save(ctx.plot().get());
      ctx.println("plot written to " + ctx.plot().get());
    }
  }

  private static void train(
      ExampleContext ctx,
      DataLoader loader,
      int size,
      Sequential model,
      CrossEntropyLoss lossFn,
      SGD optimizer) {
    model.train();
    int batch = 0;
    try (ProgressBar bar =
        ctx.quiet() ? null : ProgressBar.create("train", loader.size(), ctx.out())) {
      for (Tensor[] xy : loader) {
        Tensor x = xy[0].to(ctx.device());
        Tensor y = xy[1].to(ctx.device());
        Tensor loss = lossFn.forward(model.forward(x), y);
        loss.backward();
        optimizer.step();
        optimizer.zeroGrad();
        if (batch % 100 == 0) {
          int current = (batch + 1) * x.size(0);
          ctx.println(
              "loss: "
                  + PyFormat.fixed(loss.item(), 6)
                  + "  ["
                  + String.format("%5d", current)
                  + "/"
                  + String.format("%5d", size)
                  + "]");
        }
        if (bar != null) {
          bar.step();
        }
        batch++;
      }
    }
  }

  private static double[] test(
      DataLoader loader, int size, Sequential model, CrossEntropyLoss lossFn, ExampleContext ctx) {
    model.eval();
    double testLoss = 0;
    double correct = 0;
    try (var g = noGrad()) {
      for (Tensor[] xy : loader) {
        Tensor x = xy[0].to(ctx.device());
        Tensor y = xy[1].to(ctx.device());
        Tensor pred = model.forward(x);
        testLoss += lossFn.forward(pred, y).item();
        correct += pred.argmax(1).eq(y).to(io.jgrad.DType.FLOAT32).sum().item();
      }
    }
    return new double[] {testLoss / loader.size(), correct / size};
  }

  /**
   * Loads {@code file} into the model and optimizer and returns the epochs it had completed; any
   * problem becomes a one-line usage error naming the file.
   */
  private static int resume(Path file, Sequential model, SGD optimizer) {
    try {
      return Checkpoint.load(file, model, optimizer).epoch();
    } catch (NoSuchFileException e) {
      throw new Main.UsageException("--resume " + file + ": no such file");
    } catch (IOException | IllegalArgumentException e) {
      // Module's messages span lines (one per problem, as PyTorch's); the CLI prints one.
      String problem = String.valueOf(e.getMessage()).replaceAll("\\s*\\n\\s*", " ").strip();
      String named = "checkpoint " + file + ": ";
      if (problem.startsWith(named)) {
        problem = problem.substring(named.length());
      }
      throw new Main.UsageException("--resume " + file + ": " + problem);
    }
  }

  private static double[] epochAxis(int first, int epochs) {
    double[] x = new double[epochs - first];
    for (int i = 0; i < x.length; i++) {
      x[i] = first + i + 1;
    }
    return x;
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}

package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.data.DataLoader;
import io.jgrad.data.FashionMnist;
import io.jgrad.data.TensorDataset;
import io.jgrad.nn.Conv2d;
import io.jgrad.nn.Dropout;
import io.jgrad.nn.Linear;
import io.jgrad.nn.Module;
import io.jgrad.nn.NLLLoss;
import io.jgrad.nn.Reduction;
import io.jgrad.nn.functional.F;
import io.jgrad.optim.Adadelta;
import io.jgrad.optim.StepLR;

/**
 * Beyond the seeds: the convolutional network of PyTorch's {@code examples/mnist} (two 3x3
 * convolutions, max pooling, dropout, two linear layers, log-softmax with NLL loss, Adadelta with
 * lr 1.0 and StepLR(gamma 0.7)) on Fashion-MNIST, printing that example's progress and test lines.
 */
final class FashionCnn implements Example {
  /** PyTorch's examples/mnist {@code Net}. */
  static final class Net extends Module {
    final Conv2d conv1 = new Conv2d(1, 32, 3, 1, 0);
    final Conv2d conv2 = new Conv2d(32, 64, 3, 1, 0);
    final Dropout dropout1 = new Dropout(0.25);
    final Dropout dropout2 = new Dropout(0.5);
    final Linear fc1 = new Linear(9216, 128);
    final Linear fc2 = new Linear(128, 10);

    @Override
    public Tensor forward(Tensor x) {
      x = conv1.forward(x).relu();
      x = conv2.forward(x).relu();
      x = F.maxPool2d(x, 2);
      x = dropout1.forward(x);
      x = x.flatten(1, -1);
      x = fc1.forward(x).relu();
      x = dropout2.forward(x);
      return fc2.forward(x).logSoftmax(1);
    }
  }

  @Override
  public String name() {
    return "fashion-cnn";
  }

  @Override
  public String seedCell() {
    return "PyTorch examples/mnist";
  }

  @Override
  public String description() {
    return "examples/mnist CNN (conv, pool, dropout) on Fashion-MNIST; --steps = epochs (default 1)";
  }

  @Override
  public void run(ExampleContext ctx) throws Exception {
    manualSeed(ctx.seedOr(1, "examples/mnist's default --seed is 1"));
    int limit = ctx.limit().orElse(Integer.MAX_VALUE);
    FashionMnist train =
        FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, FashionMnist.Split.TRAIN, limit);
    FashionMnist test =
        FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, FashionMnist.Split.TEST, limit);
    // transforms.Normalize with the training set's own mean and std (examples/mnist uses
    // MNIST's 0.1307 and 0.3081).
    Tensor trainImages = train.normalizedImages();
    double mean = trainImages.mean().item();
    double std = trainImages.std().item();
    DataLoader trainLoader =
        new DataLoader(new TensorDataset(trainImages.sub(mean).div(std), train.labels()), 64, true);
    DataLoader testLoader =
        new DataLoader(
            new TensorDataset(test.normalizedImages().sub(mean).div(std), test.labels()), 1000);
    Net model = new Net();
    model.to(ctx.device());
    Adadelta optimizer = new Adadelta(model.parameters(), ctx.lr().orElse(1.0));
    StepLR scheduler = new StepLR(optimizer, 1, 0.7);
    NLLLoss lossFn = new NLLLoss();
    int epochs = ctx.steps().orElse(1);
    for (int epoch = 1; epoch <= epochs; epoch++) {
      long start = System.nanoTime();
      model.train();
      int batch = 0;
      for (Tensor[] xy : trainLoader) {
        Tensor data = xy[0].to(ctx.device());
        Tensor target = xy[1].to(ctx.device());
        optimizer.zeroGrad();
        Tensor loss = lossFn.forward(model.forward(data), target);
        loss.backward();
        optimizer.step();
        if (batch % 10 == 0) {
          int seen = batch * 64;
          ctx.println(
              "Train Epoch: "
                  + epoch
                  + " ["
                  + seen
                  + "/"
                  + train.size()
                  + " ("
                  + PyFormat.fixed(100.0 * batch / trainLoader.size(), 0)
                  + "%)]\tLoss: "
                  + PyFormat.fixed(loss.item(), 6));
        }
        batch++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double[] lossAndCorrect = evaluate(model, testLoader, ctx);
      double testLoss = lossAndCorrect[0] / test.size();
      long correct = (long) lossAndCorrect[1];
      ctx.out()
          .println(
              "\nTest set: Average loss: "
                  + PyFormat.fixed(testLoss, 4)
                  + ", Accuracy: "
                  + correct
                  + "/"
                  + test.size()
                  + " ("
                  + PyFormat.fixed(100.0 * correct / test.size(), 0)
                  + "%)\n");
      ctx.out().println("epoch " + epoch + " trained in " + PyFormat.fixed(seconds, 1) + " s");
      scheduler.step();
    }
  }

  private static double[] evaluate(Net model, DataLoader loader, ExampleContext ctx) {
    model.eval();
    double lossSum = 0;
    double correct = 0;
    NLLLoss sum = new NLLLoss(Reduction.SUM);
    try (var g = noGrad()) {
      for (Tensor[] xy : loader) {
        Tensor output = model.forward(xy[0].to(ctx.device()));
        Tensor target = xy[1].to(ctx.device());
        lossSum += sum.forward(output, target).item();
        correct += output.argmax(1).eq(target).to(DType.FLOAT32).sum().item();
      }
    }
    return new double[] {lossSum, correct};
  }
}

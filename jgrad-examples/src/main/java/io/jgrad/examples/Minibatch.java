package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;
import io.jgrad.nn.Module;
import io.jgrad.nn.Parameter;
import io.jgrad.optim.SGD;
import io.jgrad.plot.LinePlot;
import io.jgrad.plot.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 004: linear regression on normalised data with a two-parameter module and mini-batch SGD,
 * then the batch loss against the whole-data loss, plotted as in the notebook.
 */
final class Minibatch implements Example {
  /** The notebook's two-parameter model {@code y = a x + b}. */
  static final class LinearModel extends Module {
    final Parameter a = new Parameter(zeros());
    final Parameter b = new Parameter(zeros());

    @Override
    public Tensor forward(Tensor x) {
      return a.mul(x).add(b);
    }

    String string() {
      return "y = " + PyFormat.fixed(a.item(), 2) + " * x + " + PyFormat.fixed(b.item(), 2);
    }
  }

  @Override
  public String name() {
    return "minibatch";
  }

  @Override
  public String seedCell() {
    return "004 (all cells)";
  }

  @Override
  public String description() {
    return "two-parameter Module, mini-batch SGD, batch vs whole-data loss, plot";
  }

  private static Tensor mse(Tensor y, Tensor yPred) {
    return y.sub(yPred).pow(2).mean();
  }

  @Override
  public void run(ExampleContext ctx) throws Exception {
    manualSeed(ctx.seed().orElse(1024));
    Tensor xOrigin = linspace(100, 300, 200);
    Tensor x = xOrigin.sub(xOrigin.mean()).div(xOrigin.std()).to(ctx.device());
    Tensor epsilon = randn(x.size(0)).to(ctx.device());
    Tensor y = x.mul(10).add(5).add(epsilon);
    int batchSize = 20;
    int steps = ctx.steps().orElse(20);
    double learningRate = ctx.lr().orElse(0.1);

    LinearModel model = new LinearModel();
    model.to(ctx.device());
    SGD optimizer = new SGD(model.parameters(), learningRate);
    for (int t = 0; t < steps; t++) {
      int ix = (t * batchSize) % x.size(0);
      Tensor xx = x.slice(0, ix, ix + batchSize);
      Tensor yy = y.slice(0, ix, ix + batchSize);
      Tensor loss = yy.sub(model.forward(xx)).pow(2).mean();
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
      ctx.println(
          "Step "
              + (t + 1)
              + ", Loss: "
              + PyFormat.spaceFixed(loss.item(), 2)
              + "; Result: "
              + model.string());
    }

    model = new LinearModel();
    model.to(ctx.device());
    optimizer = new SGD(model.parameters(), learningRate);
    List<Double> batchLoss = new ArrayList<>();
    List<Double> totalLoss = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      int ix = (t * batchSize) % x.size(0);
      Tensor loss =
          mse(y.slice(0, ix, ix + batchSize), model.forward(x.slice(0, ix, ix + batchSize)));
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
      batchLoss.add(loss.item());
      try (var g = noGrad()) {
        totalLoss.add(mse(y, model.forward(x)).item());
      }
    }
    ctx.println("batch_loss: " + format(batchLoss));
    ctx.println("total_loss: " + format(totalLoss));
    if (ctx.plot().isPresent() && steps > 0) {
      LinePlot.builder()
          .xLabel("训练步数")
          .yLabel("模型损失")
          .size(800, 800)
          .add(Series.of("批次损失", batchLoss).withFormat("k"))
          .add(Series.of("整体损失", totalLoss).withFormat("r-."))
          .legend(true)
          .build()
          .save(ctx.plot().get());
      ctx.println("plot written to " + ctx.plot().get());
    }
  }

  private static String format(List<Double> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(PyFormat.fixed(values.get(i), 4));
    }
    return sb.append(']').toString();
  }
}

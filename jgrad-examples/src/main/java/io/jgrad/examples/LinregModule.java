package io.jgrad.examples;

import static io.jgrad.JGrad.*;

import io.jgrad.Tensor;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MSELoss;
import io.jgrad.nn.Module;
import io.jgrad.nn.Reduction;
import io.jgrad.optim.SGD;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 000 cell 11: a {@code Module} wrapping {@code Linear(1, 1, bias=False)}, trained with {@code
 * MSELoss} and {@code SGD(lr=0.01)}.
 */
final class LinregModule implements Example {
  /** The notebook's Model class. */
  static final class Model extends Module {
    final Linear linear = new Linear(1, 1, false);

    @Override
    public Tensor forward(Tensor x) {
      return linear.forward(x);
    }
  }

  @Override
  public String name() {
    return "linreg-module";
  }

  @Override
  public String seedCell() {
    return "000 cell 11";
  }

  @Override
  public String description() {
    return "Module with Linear(1,1,bias=False), MSELoss, SGD";
  }

  @Override
  public void run(ExampleContext ctx) {
    // The notebook calls torch.manual_seed(2) after building the model, but its printed cost of
    // 14.6303 is exactly what seed 2 gives when set before: the cell was evidently run twice.
    manualSeed(ctx.seed().orElse(2));
    Model model = new Model();
    model.to(ctx.device());
    MSELoss criterion = new MSELoss(Reduction.MEAN);
    SGD optimizer = new SGD(model.parameters(), ctx.lr().orElse(0.01));
    Tensor xData = tensor(new float[][] {{1}, {2}, {3}}).to(ctx.device());
    Tensor yData = tensor(new float[][] {{2}, {4}, {6}}).to(ctx.device());
    int epochs = ctx.steps().orElse(20);
    List<Tensor> cost = new ArrayList<>();
    for (int epoch = 0; epoch < epochs; epoch++) {
      Tensor yhat = model.forward(xData);
      Tensor loss = criterion.forward(yhat, yData);
      cost.add(loss.data());
      optimizer.zeroGrad();
      loss.backward();
      optimizer.step();
    }
    ctx.out().println(cost.toString());
    ctx.out().println(model.parameters().toString());
  }
}

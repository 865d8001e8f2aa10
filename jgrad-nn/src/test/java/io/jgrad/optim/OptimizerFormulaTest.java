package io.jgrad.optim;

import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer against its documented update, recomputed here in plain double arithmetic for a
 * one-element parameter and a fixed gradient sequence (gradients are set, not back-propagated).
 */
class OptimizerFormulaTest {
  private static final double[] GRADS = {0.5, -1.25, 2.0, 0.75};
  private static final double START = 1.5;

  /** Runs the optimizer over GRADS and returns the parameter after each step. */
  private static double[] run(java.util.function.Function<List<Tensor>, Optimizer> factory) {
    Tensor p = tensor(START).requiresGrad_(true);
    Optimizer optimizer = factory.apply(List.of(p));
    double[] values = new double[GRADS.length];
    for (int t = 0; t < GRADS.length; t++) {
      p.setGrad(tensor(GRADS[t]));
      optimizer.step();
      values[t] = p.item();
    }
    return values;
  }

  private static void assertSteps(double[] actual, double[] expected) {
    for (int t = 0; t < expected.length; t++) {
      assertThat(actual[t]).as("step %d", t + 1).isCloseTo(expected[t], within(1e-14));
    }
  }

  @Test
  void sgdMomentumStartsBufferAtGradientWithoutDampening() {
    double lr = 0.1;
    double momentum = 0.9;
    double dampening = 0.5;
    double weightDecay = 0.01;
    double p = START;
    double buffer = 0;
    double[] expected = new double[GRADS.length];
    for (int t = 0; t < GRADS.length; t++) {
      double g = GRADS[t] + weightDecay * p;
      buffer = t == 0 ? g : momentum * buffer + (1 - dampening) * g;
      p -= lr * buffer;
      expected[t] = p;
    }
    assertSteps(
        run(
            ps ->
                new SGD(
                    ps,
                    SGD.Options.of(lr)
                        .momentum(momentum)
                        .dampening(dampening)
                        .weightDecay(weightDecay))),
        expected);
  }

  @Test
  void sgdNesterovAddsMomentumTimesBufferToGradient() {
    double lr = 0.05;
    double momentum = 0.8;
    double p = START;
    double buffer = 0;
    double[] expected = new double[GRADS.length];
    for (int t = 0; t < GRADS.length; t++) {
      double g = -GRADS[t];
      buffer = t == 0 ? g : momentum * buffer + g;
      p -= lr * (g + momentum * buffer);
      expected[t] = p;
    }
    assertSteps(
        run(ps -> new SGD(ps, SGD.Options.of(lr).momentum(momentum).nesterov(true).maximize(true))),
        expected);
  }

  @Test
  void adamAppliesBothBiasCorrections() {
    double lr = 0.1;
    double beta1 = 0.8;
    double beta2 = 0.95;
    double eps = 1e-6;
    double weightDecay = 0.1;
    double p = START;
    double m = 0;
    double v = 0;
    double[] expected = new double[GRADS.length];
    for (int t = 1; t <= GRADS.length; t++) {
      double g = GRADS[t - 1] + weightDecay * p;
      m = m + (1 - beta1) * (g - m);
      v = beta2 * v + (1 - beta2) * g * g;
      double stepSize = lr / (1 - Math.pow(beta1, t));
      double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(beta2, t)) + eps;
      p -= stepSize * m / denom;
      expected[t - 1] = p;
    }
    // First step: m_hat = g and v_hat = g^2, so the move is lr * g / (|g| + eps) ~ lr.
    assertThat(START - expected[0]).isCloseTo(lr, within(1e-5));
    assertSteps(
        run(
            ps ->
                new Adam(
                    ps, Adam.Options.of(lr).betas(beta1, beta2).eps(eps).weightDecay(weightDecay))),
        expected);
  }

  @Test
  void adamWDecaysTheParameterBeforeTheAmsgradUpdate() {
    double lr = 0.05;
    double weightDecay = 0.3;
    double p = START;
    double m = 0;
    double v = 0;
    double vMax = 0;
    double[] expected = new double[GRADS.length];
    for (int t = 1; t <= GRADS.length; t++) {
      double g = GRADS[t - 1];
      p *= 1 - lr * weightDecay;
      m = m + 0.1 * (g - m);
      v = 0.999 * v + 0.001 * g * g;
      vMax = Math.max(vMax, v);
      double denom = Math.sqrt(vMax) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
      p -= lr / (1 - Math.pow(0.9, t)) * m / denom;
      expected[t - 1] = p;
    }
    assertSteps(
        run(ps -> new AdamW(ps, AdamW.options(lr).weightDecay(weightDecay).amsgrad(true))),
        expected);
  }

  @Test
  void rmspropCenteredWithMomentum() {
    double lr = 0.01;
    double alpha = 0.9;
    double eps = 1e-6;
    double momentum = 0.7;
    double p = START;
    double squareAvg = 0;
    double gradAvg = 0;
    double buffer = 0;
    double[] expected = new double[GRADS.length];
    for (int t = 0; t < GRADS.length; t++) {
      double g = GRADS[t];
      squareAvg = alpha * squareAvg + (1 - alpha) * g * g;
      gradAvg = gradAvg + (1 - alpha) * (g - gradAvg);
      double avg = Math.sqrt(squareAvg - gradAvg * gradAvg) + eps;
      buffer = momentum * buffer + g / avg;
      p -= lr * buffer;
      expected[t] = p;
    }
    assertSteps(
        run(
            ps ->
                new RMSprop(
                    ps,
                    RMSprop.Options.of(lr)
                        .alpha(alpha)
                        .eps(eps)
                        .momentum(momentum)
                        .centered(true))),
        expected);
  }

  @Test
  void rmspropPlain() {
    double p = START;
    double squareAvg = 0;
    double[] expected = new double[GRADS.length];
    for (int t = 0; t < GRADS.length; t++) {
      double g = GRADS[t];
      squareAvg = 0.99 * squareAvg + 0.01 * g * g;
      p -= 0.01 * g / (Math.sqrt(squareAvg) + 1e-8);
      expected[t] = p;
    }
    assertSteps(run(ps -> new RMSprop(ps)), expected);
  }

  @Test
  void adagradDecaysTheLearningRateFromTheSecondStep() {
    double lr = 0.1;
    double lrDecay = 0.05;
    double p = START;
    double sum = 0.2;
    double[] expected = new double[GRADS.length];
    for (int t = 1; t <= GRADS.length; t++) {
      double g = GRADS[t - 1] + 0.1 * p;
      double clr = lr / (1 + (t - 1) * lrDecay);
      sum += g * g;
      p -= clr * g / (Math.sqrt(sum) + 1e-10);
      expected[t - 1] = p;
    }
    assertSteps(
        run(
            ps ->
                new Adagrad(
                    ps,
                    Adagrad.Options.of(lr)
                        .lrDecay(lrDecay)
                        .weightDecay(0.1)
                        .initialAccumulatorValue(0.2))),
        expected);
  }

  @Test
  void adadeltaScalesByTheRatioOfRunningRootMeanSquares() {
    double lr = 0.5;
    double rho = 0.8;
    double eps = 1e-4;
    double weightDecay = 0.1;
    double p = START;
    double squareAvg = 0;
    double accDelta = 0;
    double[] expected = new double[GRADS.length];
    for (int t = 0; t < GRADS.length; t++) {
      double g = -GRADS[t] + weightDecay * p;
      squareAvg = rho * squareAvg + (1 - rho) * g * g;
      double delta = Math.sqrt(accDelta + eps) / Math.sqrt(squareAvg + eps) * g;
      accDelta = rho * accDelta + (1 - rho) * delta * delta;
      p -= lr * delta;
      expected[t] = p;
    }
    assertSteps(
        run(
            ps ->
                new Adadelta(
                    ps,
                    Adadelta.Options.of(lr)
                        .rho(rho)
                        .eps(eps)
                        .weightDecay(weightDecay)
                        .maximize(true))),
        expected);
  }

  @Test
  void adadeltaDefaults() {
    double p = START;
    double squareAvg = 0;
    double accDelta = 0;
    double[] expected = new double[GRADS.length];
    for (int t = 0; t < GRADS.length; t++) {
      double g = GRADS[t];
      squareAvg = 0.9 * squareAvg + 0.1 * g * g;
      double delta = Math.sqrt(accDelta + 1e-6) / Math.sqrt(squareAvg + 1e-6) * g;
      accDelta = 0.9 * accDelta + 0.1 * delta * delta;
      p -= delta;
      expected[t] = p;
    }
    assertSteps(run(ps -> new Adadelta(ps)), expected);
  }
}

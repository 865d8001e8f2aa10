package io.jgrad.optim;

import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Five steps of every optimizer on a small float64 problem against PyTorch 2.13's values. */
class OptimizerGoldenTest {
  private static final double TOLERANCE = 1e-12;

  record Config(String name, Function<List<Tensor>, Optimizer> factory) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Config> configs() {
    return List.of(
        new Config("sgd_plain", p -> new SGD(p, 0.1)),
        new Config("sgd_momentum", p -> new SGD(p, SGD.Options.of(0.1).momentum(0.9))),
        new Config(
            "sgd_dampening",
            p -> new SGD(p, SGD.Options.of(0.05).momentum(0.9).dampening(0.3).weightDecay(0.01))),
        new Config(
            "sgd_nesterov",
            p -> new SGD(p, SGD.Options.of(0.05).momentum(0.8).nesterov(true).weightDecay(0.1))),
        new Config(
            "sgd_maximize", p -> new SGD(p, SGD.Options.of(0.01).momentum(0.5).maximize(true))),
        new Config("adam", p -> new Adam(p, 0.1)),
        new Config(
            "adam_amsgrad_wd",
            p ->
                new Adam(
                    p,
                    Adam.Options.of(0.05)
                        .betas(0.8, 0.95)
                        .eps(1e-6)
                        .weightDecay(0.1)
                        .amsgrad(true))),
        new Config("adam_maximize", p -> new Adam(p, Adam.Options.of(0.01).maximize(true))),
        new Config("adamw", p -> new AdamW(p, 0.1)),
        new Config(
            "adamw_amsgrad",
            p -> new AdamW(p, AdamW.options(0.05).betas(0.85, 0.9).weightDecay(0.3).amsgrad(true))),
        new Config("rmsprop", p -> new RMSprop(p, 0.01)),
        new Config(
            "rmsprop_centered_momentum",
            p ->
                new RMSprop(
                    p,
                    RMSprop.Options.of(0.01)
                        .alpha(0.9)
                        .eps(1e-6)
                        .weightDecay(0.05)
                        .momentum(0.7)
                        .centered(true))),
        new Config(
            "rmsprop_maximize",
            p -> new RMSprop(p, RMSprop.Options.of(0.01).momentum(0.3).maximize(true))),
        new Config("adagrad", p -> new Adagrad(p, 0.1)),
        new Config(
            "adagrad_full",
            p ->
                new Adagrad(
                    p,
                    Adagrad.Options.of(0.1)
                        .lrDecay(0.05)
                        .weightDecay(0.1)
                        .initialAccumulatorValue(0.2)
                        .eps(1e-8))),
        new Config("adagrad_maximize", p -> new Adagrad(p, Adagrad.Options.of(0.1).maximize(true))),
        new Config("adadelta", p -> new Adadelta(p)),
        new Config(
            "adadelta_full",
            p -> new Adadelta(p, Adadelta.Options.of(0.5).rho(0.8).eps(1e-4).weightDecay(0.1))),
        new Config(
            "adadelta_maximize", p -> new Adadelta(p, Adadelta.Options.of(2.0).maximize(true))),
        new Config(
            "sgd_groups",
            p -> {
              SGD sgd = new SGD(List.of(p.get(0)), SGD.Options.of(0.1).momentum(0.5));
              sgd.addParamGroup(List.of(p.get(1)), Map.of("lr", 0.01, "momentum", 0.9));
              return sgd;
            }));
  }

  /** PyTorch's script: sum(w x^2) + 0.1 (sum x)^2 + 0.05 sum(y^4) + sum(y * (x0 + x1)). */
  static Tensor loss(Tensor x, Tensor y) {
    Tensor w = tensor(0.5, 2.0, 1.5);
    Tensor sumX = x.sum();
    return x.mul(x)
        .mul(w)
        .sum()
        .add(sumX.mul(sumX).mul(0.1))
        .add(y.pow(4).sum().mul(0.05))
        .add(y.mul(x.slice(0, 0, 2).sum()).sum());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void fiveStepsMatchPyTorch(Config config) {
    Tensor x = tensor(1.0, -2.0, 3.0).requiresGrad_(true);
    Tensor y = tensor(new double[][] {{0.5, -1.5}, {2.0, 0.25}}).requiresGrad_(true);
    Optimizer optimizer = config.factory().apply(List.of(x, y));
    List<double[]> expected = OptimGolden.rows(3, "params", config.name());
    assertThat(expected).hasSize(5);
    for (int step = 0; step < 5; step++) {
      optimizer.zeroGrad();
      loss(x, y).backward();
      optimizer.step();
      double[] actual =
          DoubleStream.concat(
                  DoubleStream.of(x.toDoubleArray()), DoubleStream.of(y.toDoubleArray()))
              .toArray();
      assertClose(actual, expected.get(step), config.name() + " step " + (step + 1));
    }
    assertStateMatches(optimizer, config.name());
  }

  @SuppressWarnings("unchecked")
  private static void assertStateMatches(Optimizer optimizer, String name) {
    Map<Integer, Map<String, Object>> state =
        (Map<Integer, Map<String, Object>>) optimizer.stateDict().get("state");
    for (int index = 0; index < 2; index++) {
      Map<String, Object> entry = state.get(index);
      for (String key :
          List.of(
              "momentum_buffer",
              "exp_avg",
              "exp_avg_sq",
              "max_exp_avg_sq",
              "square_avg",
              "grad_avg",
              "sum",
              "acc_delta",
              "step")) {
        boolean inGolden = hasGolden(name, index, key);
        assertThat(entry != null && entry.containsKey(key))
            .as("%s state %s %s present", name, index, key)
            .isEqualTo(inGolden);
        if (inGolden) {
          double[] expected = OptimGolden.rows(4, "state", name, "" + index, key).get(0);
          assertClose(
              ((Tensor) entry.get(key)).toDoubleArray(),
              expected,
              name + " state " + index + " " + key);
        }
      }
    }
  }

  private static boolean hasGolden(String name, int index, String key) {
    try {
      OptimGolden.rows(4, "state", name, "" + index, key);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  static void assertClose(double[] actual, double[] expected, String what) {
    assertThat(actual).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i])
          .as("%s element %d", what, i)
          .isCloseTo(expected[i], within(TOLERANCE * Math.max(1, Math.abs(expected[i]))));
    }
  }
}

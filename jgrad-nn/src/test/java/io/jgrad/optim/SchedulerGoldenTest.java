package io.jgrad.optim;

import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Learning-rate sequences of every scheduler against PyTorch 2.13's, two param groups. */
class SchedulerGoldenTest {

  private static SGD optimizer() {
    Tensor x = tensor(1.0, 2.0).requiresGrad_(true);
    Tensor y = tensor(3.0).requiresGrad_(true);
    SGD sgd = new SGD(List.of(x), 0.1);
    sgd.addParamGroup(List.of(y), Map.of("lr", 0.05));
    return sgd;
  }

  private static void assertSequence(String name, Function<Optimizer, LRScheduler> factory) {
    SGD sgd = optimizer();
    LRScheduler scheduler = factory.apply(sgd);
    List<double[]> expected = OptimGolden.rows(3, "lr", name);
    check(name, 0, scheduler.getLastLr(), expected.get(0));
    for (int epoch = 1; epoch < expected.size(); epoch++) {
      sgd.step();
      scheduler.step();
      check(name, epoch, scheduler.getLastLr(), expected.get(epoch));
      assertThat(scheduler.lastEpoch()).isEqualTo(epoch);
      assertThat(sgd.paramGroups().get(1).lr()).isEqualTo(scheduler.getLastLr().get(1));
    }
  }

  private static void check(String name, int epoch, List<Double> actual, double[] expected) {
    OptimizerGoldenTest.assertClose(
        actual.stream().mapToDouble(Double::doubleValue).toArray(),
        expected,
        name + " epoch " + epoch);
  }

  @Test
  void stepLrMatchesPyTorch() {
    assertSequence("step", o -> new StepLR(o, 3, 0.5));
  }

  @Test
  void multiStepLrWithRepeatedMilestoneMatchesPyTorch() {
    assertSequence("multistep", o -> new MultiStepLR(o, List.of(2, 5, 5, 8), 0.1));
  }

  @Test
  void exponentialLrMatchesPyTorch() {
    assertSequence("exponential", o -> new ExponentialLR(o, 0.9));
  }

  @Test
  void cosineAnnealingPastTMaxMatchesPyTorchRecursiveForm() {
    assertSequence("cosine", o -> new CosineAnnealingLR(o, 5, 0.001));
  }

  @Test
  void linearWarmupAndDecayMatchPyTorch() {
    assertSequence("linear_up", o -> new LinearLR(o, 0.25, 1.0, 4));
    assertSequence("linear_down", o -> new LinearLR(o, 1.0, 0.1, 5));
  }

  @Test
  void lambdaLrPerGroupMatchesPyTorch() {
    List<IntToDoubleFunction> lambdas = List.of(e -> Math.pow(0.95, e), e -> 1.0 / (e + 1));
    assertSequence("lambda", o -> new LambdaLR(o, lambdas));
  }

  @Test
  void reduceLrOnPlateauMinRelWithCooldownAndFloorMatchesPyTorch() {
    double[] metrics = {
      1.0, 0.9, 0.95, 0.92, 0.91, 0.9, 0.899995, 0.85, 0.86, 0.87, 0.88, 0.89, 0.9, 0.91, 0.92
    };
    var options =
        ReduceLROnPlateau.Options.defaults().factor(0.5).patience(2).cooldown(1).minLr(0.01);
    assertPlateau("plateau_min_rel", options, metrics);
  }

  @Test
  void reduceLrOnPlateauMaxAbsWithPerGroupFloorsMatchesPyTorch() {
    double[] metrics = {0.1, 0.15, 0.2, 0.25, 0.26, 0.27, 0.5, 0.55, 0.58, 0.6, 0.61, 0.62};
    var options =
        ReduceLROnPlateau.Options.defaults()
            .mode(ReduceLROnPlateau.Mode.MAX)
            .factor(0.3)
            .patience(1)
            .threshold(0.1)
            .thresholdMode(ReduceLROnPlateau.ThresholdMode.ABS)
            .minLrs(List.of(0.02, 0.001));
    assertPlateau("plateau_max_abs", options, metrics);
  }

  private static void assertPlateau(
      String name, ReduceLROnPlateau.Options options, double[] metrics) {
    SGD sgd = optimizer();
    ReduceLROnPlateau plateau = new ReduceLROnPlateau(sgd, options);
    List<double[]> expected = OptimGolden.rows(3, "lr", name);
    assertThat(expected).hasSize(metrics.length + 1);
    check(name, 0, plateau.getLastLr(), expected.get(0));
    for (int epoch = 1; epoch <= metrics.length; epoch++) {
      plateau.step(metrics[epoch - 1]);
      check(name, epoch, plateau.getLastLr(), expected.get(epoch));
    }
  }

  @Test
  void schedulerStateDictRoundTripResumesTheSequence() {
    SGD first = optimizer();
    StepLR original = new StepLR(first, 3, 0.5);
    for (int i = 0; i < 4; i++) {
      original.step();
    }
    Map<String, Object> saved = original.stateDict();
    assertThat(saved)
        .containsEntry("last_epoch", 4)
        .containsEntry("step_size", 3)
        .containsEntry("_step_count", 5);

    SGD second = optimizer();
    second.paramGroups().get(0).setLr(first.paramGroups().get(0).lr());
    second.paramGroups().get(1).setLr(first.paramGroups().get(1).lr());
    StepLR resumed = new StepLR(second, 3, 0.5);
    resumed.loadStateDict(saved);
    original.step();
    original.step();
    resumed.step();
    resumed.step();
    assertThat(resumed.getLastLr()).isEqualTo(original.getLastLr());
    assertThat(resumed.lastEpoch()).isEqualTo(6);
  }

  @Test
  void plateauStateDictRoundTripKeepsBestAndCounters() {
    ReduceLROnPlateau plateau = new ReduceLROnPlateau(optimizer());
    plateau.step(1.0);
    plateau.step(2.0);
    ReduceLROnPlateau other = new ReduceLROnPlateau(optimizer());
    other.loadStateDict(plateau.stateDict());
    assertThat(other.best()).isEqualTo(1.0);
    assertThat(other.numBadEpochs()).isEqualTo(1);
    assertThat(other.stateDict()).isEqualTo(plateau.stateDict());
  }

  @Test
  void schedulerRecordsInitialLrInEachGroup() {
    SGD sgd = optimizer();
    new ExponentialLR(sgd, 0.5).step();
    assertThat(sgd.paramGroups().get(0).getDouble("initial_lr")).isEqualTo(0.1);
    assertThat(sgd.paramGroups().get(0).lr()).isEqualTo(0.05);
  }

  @Test
  void badSchedulerArgumentsThrowPyTorchMessages() {
    assertThatThrownBy(() -> new LinearLR(optimizer(), 0.0, 1.0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Starting multiplicative factor expected to be greater than 0");
    assertThatThrownBy(() -> new LinearLR(optimizer(), 0.5, 1.5, 5))
        .hasMessageContaining("Ending multiplicative factor expected to be between 0 and 1.");
    assertThatThrownBy(() -> new LambdaLR(optimizer(), List.of(e -> 1.0)))
        .hasMessage("Expected 2 lr_lambdas, but got 1");
    assertThatThrownBy(
            () ->
                new ReduceLROnPlateau(optimizer(), ReduceLROnPlateau.Options.defaults().factor(1)))
        .hasMessageContaining("Factor should be < 1.0.");
    assertThatThrownBy(
            () ->
                new ReduceLROnPlateau(
                    optimizer(),
                    ReduceLROnPlateau.Options.defaults().minLrs(List.of(0.1, 0.2, 0.3))))
        .hasMessage("expected 2 min_lrs, got 3");
    assertThatThrownBy(() -> new StepLR(optimizer(), 0))
        .hasMessageContaining("step_size must be positive, got 0");
  }
}

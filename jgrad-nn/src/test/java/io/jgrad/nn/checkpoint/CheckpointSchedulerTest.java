package io.jgrad.nn.checkpoint;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MSELoss;
import io.jgrad.optim.SGD;
import io.jgrad.optim.StepLR;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint that carries the learning-rate schedule resumes it exactly. */
class CheckpointSchedulerTest {
  private static final Tensor X = tensor(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
  private static final Tensor Y = tensor(new float[] {1, 0, 2}, 3, 1);

  private static double epoch(Linear model, SGD opt, StepLR scheduler) {
    Tensor loss = new MSELoss().forward(model.forward(X), Y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    scheduler.step();
    return loss.item();
  }

  @Test
  void resumedScheduleAndLossesEqualTheUninterruptedRun(@TempDir Path dir) throws Exception {
    manualSeed(3);
    Linear model = new Linear(2, 1);
    SGD opt = new SGD(model.parameters(), SGD.Options.of(0.05).momentum(0.9));
    StepLR scheduler = new StepLR(opt, 2, 0.5);
    List<Double> uninterrupted = new ArrayList<>();
    Path file = dir.resolve("run.safetensors");
    for (int e = 0; e < 7; e++) {
      uninterrupted.add(epoch(model, opt, scheduler));
      if (e == 2) {
        Checkpoint.save(file, model, opt, scheduler, e + 1, Map.of("note", "mid-run"));
      }
    }
    Linear fresh = new Linear(2, 1);
    SGD freshOpt = new SGD(fresh.parameters(), SGD.Options.of(0.05).momentum(0.9));
    StepLR freshScheduler = new StepLR(freshOpt, 2, 0.5);
    Checkpoint.Loaded loaded = Checkpoint.load(file, fresh, freshOpt, freshScheduler);
    assertThat(loaded.epoch()).isEqualTo(3);
    assertThat(loaded.extra()).containsExactly(Map.entry("note", "mid-run"));
    assertThat(freshScheduler.getLastLr()).containsExactly(0.025);
    List<Double> resumed = new ArrayList<>();
    for (int e = 3; e < 7; e++) {
      resumed.add(epoch(fresh, freshOpt, freshScheduler));
    }
    assertThat(resumed).containsExactlyElementsOf(uninterrupted.subList(3, 7));
    assertThat(freshScheduler.getLastLr()).isEqualTo(scheduler.getLastLr());
  }

  @Test
  void loadingAScheduleFromAFileWithoutOneFailsClearly(@TempDir Path dir) throws Exception {
    Linear model = new Linear(2, 1);
    SGD opt = new SGD(model.parameters(), 0.1);
    Path file = dir.resolve("plain.safetensors");
    Checkpoint.save(file, model, opt, 1, Map.of());
    assertThatThrownBy(() -> Checkpoint.load(file, model, opt, new StepLR(opt, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no scheduler state");
    assertThatThrownBy(
            () ->
                Checkpoint.save(
                    file, model, opt, new StepLR(opt, 1), 1, Map.of(Checkpoint.SCHEDULER_KEY, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved key");
  }
}

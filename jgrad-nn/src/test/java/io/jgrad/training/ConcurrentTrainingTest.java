package io.jgrad.training;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Generator;
import io.jgrad.Tensor;
import io.jgrad.nn.Linear;
import io.jgrad.nn.MSELoss;
import io.jgrad.nn.ReLU;
import io.jgrad.nn.Sequential;
import io.jgrad.optim.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several threads of one JVM training their own models (as Spark tasks would) do not disturb each
 * other: grad mode is per thread and nothing else is shared. Each run equals the same run alone.
 */
class ConcurrentTrainingTest {
  private static float[] train(long seed, boolean togglesGradMode) {
    Generator generator = new Generator().manualSeed(seed);
    Tensor x = randn(generator, 64, 8);
    Tensor y = x.sum(1, true).sin();
    Sequential model = new Sequential(new Linear(8, 16), new ReLU(), new Linear(16, 1));
    try (var g = noGrad()) {
      for (Tensor p : model.parameters()) {
        p.uniform_(-0.3, 0.3, generator);
      }
    }
    Adam opt = new Adam(model.parameters(), 1e-2);
    for (int step = 0; step < 60; step++) {
      if (togglesGradMode) {
        try (var g = noGrad()) {
          model.forward(x); // an evaluation pass with grad mode off, in this thread only
        }
      }
      Tensor loss = new MSELoss().forward(model.forward(x), y);
      opt.zeroGrad();
      loss.backward();
      opt.step();
    }
    return model.forward(x).toFloatArray();
  }

  @Test
  void parallelRunsEqualSequentialRuns() throws Exception {
    long[] seeds = {1, 2, 3, 4};
    List<float[]> alone = new ArrayList<>();
    for (long s : seeds) {
      alone.add(train(s, false));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<float[]>> runs = new ArrayList<>();
      for (int i = 0; i < seeds.length; i++) {
        long s = seeds[i];
        boolean toggles = i % 2 == 0;
        runs.add(pool.submit(() -> train(s, toggles)));
      }
      for (int i = 0; i < seeds.length; i++) {
        assertThat(runs.get(i).get()).as("seed %s", seeds[i]).containsExactly(alone.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.jgrad.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The backend's thread pool runs every task exactly once and reports failures to the caller. */
class CpuThreadsTest {
  @Test
  void parallelForRunsEachTaskOnce() {
    for (int tasks : new int[] {0, 1, 2, 3, 17}) {
      AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
      CpuThreads.parallelFor(tasks, runs::incrementAndGet);
      for (int t = 0; t < tasks; t++) {
        assertThat(runs.get(t)).as("task %s of %s", t, tasks).isEqualTo(1);
      }
    }
  }

  @Test
  void nestedCallsRunOnTheCallingThread() {
    AtomicIntegerArray runs = new AtomicIntegerArray(4 * 3);
    CpuThreads.parallelFor(
        4, outer -> CpuThreads.parallelFor(3, inner -> runs.incrementAndGet(outer * 3 + inner)));
    for (int i = 0; i < runs.length(); i++) {
      assertThat(runs.get(i)).isEqualTo(1);
    }
  }

  @Test
  void aFailingTaskThrowsInTheCaller() {
    assertThatThrownBy(
            () ->
                CpuThreads.parallelFor(
                    4,
                    t -> {
                      if (t == 3) {
                        throw new IllegalStateException("task 3 failed");
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("task 3 failed");
    AtomicIntegerArray runs = new AtomicIntegerArray(2);
    CpuThreads.parallelFor(2, runs::incrementAndGet); // the pool still works afterwards
    assertThat(runs.get(0) + runs.get(1)).isEqualTo(2);
  }
}

package io.jgrad.bench;

import java.util.Arrays;

/**
 * A small timing harness for the comparison table: warm up, then time batches of calls and take the
 * median, so one noisy sample on a shared machine does not decide the result.
 *
 * <p>{@code double ns = Measure.nanosPerCall(task, 10_000, 1.0, 2.0);}
 */
public final class Measure {
  private Measure() {}

  /**
   * Median nanoseconds per call of {@code task}.
   *
   * @param batch calls per timed sample (large for nanosecond-scale tasks)
   * @param warmupSeconds time spent warming up (at least two batches)
   * @param measureSeconds time spent measuring (at least five samples)
   */
  public static double nanosPerCall(
      Runnable task, int batch, double warmupSeconds, double measureSeconds) {
    long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
    int warmups = 0;
    while (warmups < 2 || System.nanoTime() < warmupEnd) {
      runBatch(task, batch);
      warmups++;
    }
    double[] samples = new double[16];
    int count = 0;
    long measureEnd = System.nanoTime() + (long) (measureSeconds * 1e9);
    while (count < 5 || (System.nanoTime() < measureEnd && count < 1000)) {
      long start = System.nanoTime();
      runBatch(task, batch);
      double perCall = (System.nanoTime() - start) / (double) batch;
      if (count == samples.length) {
        samples = Arrays.copyOf(samples, count * 2);
      }
      samples[count++] = perCall;
    }
    double[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
  }

  private static void runBatch(Runnable task, int batch) {
    for (int i = 0; i < batch; i++) {
      task.run();
    }
  }
}

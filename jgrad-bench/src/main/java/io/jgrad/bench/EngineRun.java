package io.jgrad.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Runs some benchmarks of one {@link Suite} in this JVM and prints {@code RESULT key value} lines;
 * {@link Compare} starts one of these per engine and thread count.
 *
 * <p>{@code java ... io.jgrad.bench.EngineRun io.jgrad.bench.JgradSuite b1,b2,b3,b4,b5}
 */
public final class EngineRun {
  private EngineRun() {}

  /** Arguments: the suite's class name, then a comma-separated list of b1..b5 (or "b4"). */
  public static void main(String[] args) throws ReflectiveOperationException {
    Suite suite = (Suite) Class.forName(args[0]).getConstructor().newInstance();
    List<String> benches = List.of(args[1].split(","));
    double scale = Double.parseDouble(System.getProperty("bench.time", "1"));
    if (benches.contains("b1") && suite.sineFit() != null) {
      Runnable loop = suite.sineFit();
      report("b1_ms", Measure.nanosPerCall(loop, 1, 2 * scale, 4 * scale) / 1e6);
      reportMemory(loop);
    }
    if (benches.contains("b2") && suite.linearFit() != null) {
      report("b2_ms", Measure.nanosPerCall(suite.linearFit(), 1, 2 * scale, 4 * scale) / 1e6);
    }
    if (benches.contains("b3")) {
      report("b3_add2000_ns", Measure.nanosPerCall(suite.add(2000), 20_000, scale, 2 * scale));
      report("b3_add1_ns", Measure.nanosPerCall(suite.add(1), 20_000, scale, 2 * scale));
      Runnable inPlace = suite.addInPlace(2000);
      if (inPlace != null) {
        report("b3_add2000_inplace_ns", Measure.nanosPerCall(inPlace, 20_000, scale, 2 * scale));
      }
    }
    if (benches.contains("b4")) {
      for (int n : new int[] {256, 1024, 2048}) {
        double ns = Measure.nanosPerCall(suite.matmul(n), n >= 1024 ? 1 : 20, scale, 2 * scale);
        report("b4_mm" + n + "_gflops", 2.0 * n * n * n / ns);
      }
    }
    if (benches.contains("b5") && suite.mlpStep() != null) {
      report("b5_ms", Measure.nanosPerCall(suite.mlpStep(), 1, 2 * scale, 4 * scale) / 1e6);
    }
    System.exit(0); // native peers may keep non-daemon threads alive
  }

  /**
   * Java-heap bytes allocated per B1 step by this thread, and the heap still in use after a full
   * loop and a GC compared with before it (native allocations of the peers are not seen).
   */
  private static void reportMemory(Runnable loop) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long usedBefore = runtime.totalMemory() - runtime.freeMemory();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    loop.run();
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    System.gc();
    long usedAfter = runtime.totalMemory() - runtime.freeMemory();
    report("b1_alloc_kb_per_step", allocated / 1024.0 / Suite.FIT_STEPS);
    report("b1_heap_growth_mb", (usedAfter - usedBefore) / 1048576.0);
  }

  private static void report(String key, double value) {
    System.out.println(String.format(Locale.ROOT, "RESULT %s %.6g", key, value));
    System.out.flush();
  }
}

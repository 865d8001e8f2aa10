package io.jgrad.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH for B1 (seed 000's sine fit, four scalar parameters), B2 (Linear(3,1) on [x, x^2, x^3]) and
 * B5 (one MLP 784-512-512-10 SGD step); each B1/B2 invocation is a whole 2000-step loop.
 *
 * <p>{@code java -cp "jgrad-bench/target/classes:jgrad-bench/target/lib/*" org.openjdk.jmh.Main
 * TrainingLoopBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules",
      "jdk.incubator.vector",
      "--add-exports",
      "java.base/jdk.internal.misc=ALL-UNNAMED"
    })
public class TrainingLoopBenchmark {
  private Runnable sineFit;
  private Runnable linearFit;
  private Runnable mlpStep;

  /** Creates the benchmark state (JMH calls {@link #setUp()}). */
  public TrainingLoopBenchmark() {}

  /** Prepares the data of each workload once per trial. */
  @Setup
  public void setUp() {
    JgradSuite suite = new JgradSuite();
    sineFit = suite.sineFit();
    linearFit = suite.linearFit();
    mlpStep = suite.mlpStep();
  }

  /** B1: one 2000-step loop. */
  @Benchmark
  public void b1SineFit() {
    sineFit.run();
  }

  /** B2: one 2000-step loop. */
  @Benchmark
  public void b2LinearFit() {
    linearFit.run();
  }

  /** B5: one training step. */
  @Benchmark
  public void b5MlpStep() {
    mlpStep.run();
  }
}

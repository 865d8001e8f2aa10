package io.jgrad.bench;

import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.randn;

import io.jgrad.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH for B3 ({@code a.add(b)} on 1 and 2000 floats, ns per op) and B4 (float32 n x n matmul;
 * GFLOP/s = 2 n^3 / time). Threads: {@code -jvmArgsAppend -Djgrad.cpu.threads=1}.
 *
 * <p>{@code java -cp "jgrad-bench/target/classes:jgrad-bench/target/lib/*" org.openjdk.jmh.Main
 * OpBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OpBenchmark {
  /** Elements of the B3 operands. */
  @Param({"1", "2000"})
  public int addSize;

  /** Side of the B4 matrices. */
  @Param({"256", "1024", "2048"})
  public int matmulSize;

  private Tensor a;
  private Tensor b;
  private Tensor x;
  private Tensor y;

  /** Creates the benchmark state (JMH calls {@link #setUp()}). */
  public OpBenchmark() {}

  /** Draws the operands once per trial. */
  @Setup
  public void setUp() {
    manualSeed(0);
    a = randn(addSize);
    b = randn(addSize);
    x = randn(matmulSize, matmulSize);
    y = randn(matmulSize, matmulSize);
  }

  /** B3: one elementwise add; the result is returned so it is not dead code. */
  @Benchmark
  public Tensor b3Add() {
    return a.add(b);
  }

  /** B4: one matrix product. */
  @Benchmark
  public Tensor b4Matmul() {
    return x.matmul(y);
  }
}

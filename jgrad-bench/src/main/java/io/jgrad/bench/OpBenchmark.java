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
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
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
public class OpBenchmark {
  /** Creates the benchmark (JMH instantiates it). */
  public OpBenchmark() {}

  /** The B3 operands. */
  @State(Scope.Thread)
  public static class AddOperands {
    /** Elements of each operand. */
    @Param({"1", "2000"})
    public int size;

    Tensor a;
    Tensor b;

    /** Creates the state (JMH calls {@link #setUp()}). */
    public AddOperands() {}

    /** Draws the operands once per trial. */
    @Setup
    public void setUp() {
      manualSeed(0);
      a = randn(size);
      b = randn(size);
    }
  }

  /** The B4 operands. */
  @State(Scope.Thread)
  public static class MatmulOperands {
    /** Side of the square matrices. */
    @Param({"256", "1024", "2048"})
    public int size;

    Tensor x;
    Tensor y;

    /** Creates the state (JMH calls {@link #setUp()}). */
    public MatmulOperands() {}

    /** Draws the operands once per trial. */
    @Setup
    public void setUp() {
      manualSeed(0);
      x = randn(size, size);
      y = randn(size, size);
    }
  }

  /** B3: one elementwise add; the result is returned so it is not dead code. */
  @Benchmark
  public Tensor b3Add(AddOperands operands) {
    return operands.a.add(operands.b);
  }

  /** B4: one matrix product. */
  @Benchmark
  public Tensor b4Matmul(MatmulOperands operands) {
    return operands.x.matmul(operands.y);
  }
}

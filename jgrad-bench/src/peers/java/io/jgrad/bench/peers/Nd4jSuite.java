package io.jgrad.bench.peers;

import io.jgrad.bench.Suite;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The array-level workloads (B3 add, B4 matmul) on ND4J 1.0.0-M2.1 with its native (OpenBLAS)
 * backend. The autograd loops (B1, B2, B5) would need SameDiff graphs and are not measured.
 *
 * <p>{@code new Nd4jSuite().matmul(1024).run()}.
 */
public final class Nd4jSuite implements Suite {
  /** Creates the suite with float32 defaults and a fixed seed. */
  public Nd4jSuite() {
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    Nd4j.getRandom().setSeed(0);
  }

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public Runnable sineFit() {
    return null;
  }

  @Override
  public Runnable linearFit() {
    return null;
  }

  @Override
  public Runnable add(int n) {
    INDArray a = Nd4j.randn(DataType.FLOAT, n);
    INDArray b = Nd4j.randn(DataType.FLOAT, n);
    return () -> a.add(b).close();
  }

  @Override
  public Runnable addInPlace(int n) {
    INDArray a = Nd4j.randn(DataType.FLOAT, n);
    INDArray b = Nd4j.randn(DataType.FLOAT, n);
    return () -> a.addi(b);
  }

  @Override
  public Runnable matmul(int n) {
    INDArray a = Nd4j.randn(DataType.FLOAT, n, n);
    INDArray b = Nd4j.randn(DataType.FLOAT, n, n);
    return () -> a.mmul(b).close();
  }

  @Override
  public Runnable mlpStep() {
    return null;
  }
}

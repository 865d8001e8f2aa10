package io.jgrad.bench;

/**
 * One engine's implementation of the benchmark workloads; each method returns a prepared task whose
 * {@code run()} is the timed unit, or null when the engine does not implement it.
 *
 * <p>{@code new JgradSuite().sineFit().run()} runs one full 2000-step B1 loop.
 */
public interface Suite {
  /** Steps of the B1 and B2 training loops. */
  int FIT_STEPS = 2000;

  /** Points of the B1 and B2 data. */
  int FIT_POINTS = 2000;

  /** Learning rate of B1 and B2. */
  double FIT_LR = 1e-6;

  /** Batch size of B5. */
  int MLP_BATCH = 128;

  /** Learning rate of B5. */
  double MLP_LR = 0.01;

  /** The engine's name as printed in the table. */
  String name();

  /** B1: seed 000's sine fit, four scalar parameters with autograd, one 2000-step loop per run. */
  Runnable sineFit();

  /** B2: Linear(3,1) on [x, x^2, x^3], sum-of-squares loss, SGD; one 2000-step loop per run. */
  Runnable linearFit();

  /** B3: {@code a.add(b)} on {@code n} floats; one add per run. */
  Runnable add(int n);

  /**
   * B3 without a result buffer: {@code a.add_(b)} in place on {@code n} floats, one add per run;
   * null when the engine has no in-place add. Shows the dispatch and kernel without allocation.
   */
  default Runnable addInPlace(int n) {
    return null;
  }

  /** B4: float32 {@code n x n} matrix product; one product per run. */
  Runnable matmul(int n);

  /** B5: one SGD step of the 784-512-512-10 ReLU MLP with cross-entropy, batch 128. */
  Runnable mlpStep();
}

package io.jgrad.ops;

/**
 * Reductions a backend implements natively; mean, var, std and logsumexp are built on them.
 *
 * <p>{@code x.sum(1)} runs {@code SUM} over dimension 1.
 */
public enum ReduceOp {
  /** Sum (float32 accumulates in double on the CPU). */
  SUM,
  /** Product. */
  PROD,
  /** Largest value; NaN wins, as in PyTorch. */
  MAX,
  /** Smallest value; NaN wins, as in PyTorch. */
  MIN,
  /** Index of the first largest value (NaN counts as largest). */
  ARGMAX,
  /** Index of the first smallest value (NaN counts as smallest). */
  ARGMIN
}

package io.jgrad.ops;

/**
 * Elementwise comparisons; results are {@code bool} tensors.
 *
 * <p>{@code CompareOp.LT.test(1, 2)} is true.
 */
public enum CompareOp {
  /** {@code a == b}. */
  EQ("eq"),
  /** {@code a != b}. */
  NE("ne"),
  /** {@code a < b}. */
  LT("lt"),
  /** {@code a <= b}. */
  LE("le"),
  /** {@code a > b}. */
  GT("gt"),
  /** {@code a >= b}. */
  GE("ge");

  private final String opName;

  CompareOp(String opName) {
    this.opName = opName;
  }

  /** PyTorch's op name. */
  public String opName() {
    return opName;
  }

  /**
   * The reference predicate (IEEE semantics: every comparison with NaN but {@code ne} is false).
   */
  public boolean test(double a, double b) {
    return switch (this) {
      case EQ -> a == b;
      case NE -> a != b;
      case LT -> a < b;
      case LE -> a <= b;
      case GT -> a > b;
      case GE -> a >= b;
    };
  }

  /** The reference predicate on integers. */
  public boolean test(long a, long b) {
    return switch (this) {
      case EQ -> a == b;
      case NE -> a != b;
      case LT -> a < b;
      case LE -> a <= b;
      case GT -> a > b;
      case GE -> a >= b;
    };
  }
}

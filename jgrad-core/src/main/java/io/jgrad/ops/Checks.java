package io.jgrad.ops;

/**
 * Argument and state checks that build their message only on failure.
 *
 * <p>{@code Checks.checkArgument(n >= 0, "numel must be non-negative, got %s", n)}.
 */
public final class Checks {
  private Checks() {}

  /**
   * Throws {@link IllegalArgumentException} with the formatted message when {@code ok} is false.
   */
  public static void checkArgument(boolean ok, String template, Object... args) {
    if (!ok) {
      throw new IllegalArgumentException(String.format(template, args));
    }
  }

  /** Throws {@link IllegalStateException} with the formatted message when {@code ok} is false. */
  public static void checkState(boolean ok, String template, Object... args) {
    if (!ok) {
      throw new IllegalStateException(String.format(template, args));
    }
  }

  /**
   * Wraps a possibly negative dimension index into {@code [0, rank)}, PyTorch style.
   *
   * @throws IndexOutOfBoundsException with PyTorch's "Dimension out of range" message
   */
  public static int wrapDim(int dim, int rank) {
    int effectiveRank = Math.max(rank, 1);
    if (dim < -effectiveRank || dim >= effectiveRank) {
      throw new IndexOutOfBoundsException(
          String.format(
              "Dimension out of range (expected to be in range of [%d, %d], but got %d)",
              -effectiveRank, effectiveRank - 1, dim));
    }
    return dim < 0 ? dim + effectiveRank : dim;
  }
}

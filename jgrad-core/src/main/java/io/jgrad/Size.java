package io.jgrad;

import java.util.Arrays;

/**
 * The shape of a tensor: an immutable list of dimension sizes.
 *
 * <p>{@code ones(3, 1).shape()} prints {@code Size([3, 1])}; a scalar's shape is {@code Size([])}.
 */
public final class Size {
  private final int[] dims;

  private Size(int[] dims) {
    this.dims = dims;
  }

  /**
   * A size from dimension lengths.
   *
   * <p>{@code Size.of(2, 3).numel()} is 6.
   */
  public static Size of(int... dims) {
    return new Size(dims.clone());
  }

  /** A size from {@code long} dimension lengths. */
  public static Size of(long... dims) {
    int[] copy = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      copy[i] = Math.toIntExact(dims[i]);
    }
    return new Size(copy);
  }

  /** Length of dimension {@code dim}; negative indices count from the end. */
  public int get(int dim) {
    int d = dim < 0 ? dim + dims.length : dim;
    if (d < 0 || d >= dims.length) {
      throw new IndexOutOfBoundsException(
          "Dimension out of range (expected to be in range of ["
              + -dims.length
              + ", "
              + (dims.length - 1)
              + "], but got "
              + dim
              + ")");
    }
    return dims[d];
  }

  /** Number of dimensions. */
  public int dim() {
    return dims.length;
  }

  /** Product of the dimension lengths (1 for a scalar). */
  public long numel() {
    long n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** The lengths as a fresh {@code int[]}. */
  public int[] toIntArray() {
    return dims.clone();
  }

  /** The lengths as a fresh {@code long[]}. */
  public long[] toLongArray() {
    long[] out = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = dims[i];
    }
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Size size && Arrays.equals(dims, size.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** {@code Size([3, 1])}, as PyTorch prints {@code torch.Size}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Size([");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return sb.append("])").toString();
  }
}

package io.jgrad;

/**
 * Element types of a {@link Tensor}, named as in PyTorch.
 *
 * <p>{@code zeros(2, 3).to(DType.FLOAT64)} gives a float64 tensor. The default for floating-point
 * factories is {@link #FLOAT32}, as in PyTorch.
 */
public enum DType {
  /** 8-bit boolean ({@code torch.bool}). */
  BOOL("bool", 1, false, 0),
  /** Unsigned 8-bit integer ({@code torch.uint8}). */
  UINT8("uint8", 1, false, 1),
  /** Signed 32-bit integer ({@code torch.int32}). */
  INT32("int32", 4, false, 2),
  /** Signed 64-bit integer ({@code torch.int64}, the default integer type). */
  INT64("int64", 8, false, 3),
  /** IEEE single precision ({@code torch.float32}, the default floating-point type). */
  FLOAT32("float32", 4, true, 4),
  /** IEEE double precision ({@code torch.float64}). */
  FLOAT64("float64", 8, true, 5);

  private final String pytorchName;
  private final int itemSize;
  private final boolean floatingPoint;
  private final int rank;

  DType(String pytorchName, int itemSize, boolean floatingPoint, int rank) {
    this.pytorchName = pytorchName;
    this.itemSize = itemSize;
    this.floatingPoint = floatingPoint;
    this.rank = rank;
  }

  /**
   * Bytes per element.
   *
   * <p>{@code DType.FLOAT32.itemSize()} is 4.
   */
  public int itemSize() {
    return itemSize;
  }

  /**
   * Whether this is a floating-point type.
   *
   * <p>{@code DType.INT64.isFloatingPoint()} is false.
   */
  public boolean isFloatingPoint() {
    return floatingPoint;
  }

  /**
   * The type both operands are converted to, by PyTorch's category-then-width rule.
   *
   * <p>{@code DType.promote(INT64, FLOAT32)} is {@code FLOAT32}; {@code promote(FLOAT32, FLOAT64)}
   * is {@code FLOAT64}.
   */
  public static DType promote(DType a, DType b) {
    return a.rank >= b.rank ? a : b;
  }

  /** PyTorch's short name, as printed in {@code dtype=float64}. */
  @Override
  public String toString() {
    return pytorchName;
  }
}

package io.jgrad.backend;

import java.util.Arrays;

/**
 * Shape, strides (in elements) and storage offset of a strided view.
 *
 * <p>{@code Layout.contiguous(2, 3)} has strides {@code [3, 1]}. The arrays returned by {@link
 * #shape()} and {@link #strides()} are the layout's own, handed out without a copy for the kernels'
 * sake: callers must not modify them.
 */
public final class Layout {
  private static final int[] EMPTY = new int[0];
  private final int[] shape;
  private final int[] strides;
  private final int offset;
  private final int numel;
  private final boolean contiguous;

  /** A layout from its parts; the arrays are taken over, not copied. */
  public Layout(int[] shape, int[] strides, int offset) {
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    long n = 1;
    for (int d : shape) {
      if (d < 0) { // checked without Checks: its arguments would format the shape on every call
        throw new IllegalArgumentException(
            "negative dimension " + d + " in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n > Integer.MAX_VALUE) { // tested directly: Checks' varargs would box n on every layout
      throw new IllegalArgumentException("tensor of " + n + " elements is too large");
    }
    this.numel = (int) n;
    this.contiguous = computeContiguous(shape, strides);
  }

  /**
   * The row-major contiguous layout of {@code shape}.
   *
   * <p>{@code Layout.contiguous(2, 3)}.
   */
  public static Layout contiguous(int... shape) {
    return new Layout(shape.clone(), contiguousStrides(shape), 0);
  }

  /** Row-major strides of {@code shape}. */
  public static int[] contiguousStrides(int[] shape) {
    if (shape.length == 0) {
      return EMPTY;
    }
    int[] strides = new int[shape.length];
    int stride = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= Math.max(shape[i], 1);
    }
    return strides;
  }

  private static boolean computeContiguous(int[] shape, int[] strides) {
    int expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] == 1) {
        continue;
      }
      if (shape[i] == 0) {
        return true;
      }
      if (strides[i] != expected) {
        return false;
      }
      expected *= shape[i];
    }
    return true;
  }

  /** Dimension lengths (the layout's own array: do not modify). */
  public int[] shape() {
    return shape;
  }

  /** Strides in elements (the layout's own array: do not modify). */
  public int[] strides() {
    return strides;
  }

  /** Index of the first element in the storage. */
  public int offset() {
    return offset;
  }

  /** Number of dimensions. */
  public int dim() {
    return shape.length;
  }

  /** Number of elements. */
  public int numel() {
    return numel;
  }

  /** Whether elements are laid out row-major without gaps, starting at {@link #offset()}. */
  public boolean isContiguous() {
    return contiguous;
  }

  /** Storage index of the element at multi-index {@code index}. */
  public int storageIndex(int... index) {
    int position = offset;
    for (int i = 0; i < index.length; i++) {
      position += index[i] * strides[i];
    }
    return position;
  }

  /** The largest storage index this view touches plus one (0 when empty). */
  public int storageExtent() {
    if (numel == 0) {
      return 0;
    }
    int last = offset;
    for (int i = 0; i < shape.length; i++) {
      last += (shape[i] - 1) * Math.max(strides[i], 0);
    }
    return last + 1;
  }

  /** This layout with dimensions reordered: new dimension i is old dimension {@code order[i]}. */
  public Layout permute(int[] order) {
    int[] newShape = new int[order.length];
    int[] newStrides = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      newShape[i] = shape[order[i]];
      newStrides[i] = strides[order[i]];
    }
    return new Layout(newShape, newStrides, offset);
  }

  /**
   * This layout broadcast to {@code target} (stride 0 on expanded dimensions), PyTorch's expand.
   */
  public Layout broadcastTo(int[] target) {
    int lead = target.length - shape.length;
    int[] newStrides = new int[target.length];
    for (int i = 0; i < target.length; i++) {
      int src = i - lead;
      if (src < 0) {
        newStrides[i] = 0;
      } else if (shape[src] == target[i]) {
        newStrides[i] = strides[src];
      } else {
        newStrides[i] = 0;
      }
    }
    return new Layout(target.clone(), newStrides, offset);
  }

  @Override
  public String toString() {
    return "Layout(shape="
        + Arrays.toString(shape)
        + ", strides="
        + Arrays.toString(strides)
        + ", offset="
        + offset
        + ")";
  }
}

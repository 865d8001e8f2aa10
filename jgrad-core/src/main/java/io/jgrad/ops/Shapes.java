package io.jgrad.ops;

import io.jgrad.Tensor;
import java.util.Arrays;

/**
 * Shape rules shared by every op: broadcasting, reduction of gradients back to an input's shape,
 * and shape formatting for messages.
 *
 * <p>{@code Shapes.broadcast("mul", new int[] {3, 1}, new int[] {1, 3})} is {@code [3, 3]}.
 */
public final class Shapes {
  private Shapes() {}

  /**
   * The broadcast shape of {@code a} and {@code b}, PyTorch's rule: align trailing dimensions; each
   * pair must be equal or contain a 1.
   *
   * @throws IllegalArgumentException with PyTorch's message naming the first mismatch
   */
  public static int[] broadcast(String op, int[] a, int[] b) {
    if (Arrays.equals(a, b)) {
      return a;
    }
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i - (rank - a.length);
      int db = i - (rank - b.length);
      int sa = da >= 0 ? a[da] : 1;
      int sb = db >= 0 ? b[db] : 1;
      if (sa != sb && sa != 1 && sb != 1) {
        throw new IllegalArgumentException(
            String.format(
                "%s: The size of tensor a (%d) must match the size of tensor b (%d) at "
                    + "non-singleton dimension %d",
                op, sa, sb, i));
      }
      out[i] = sa == 1 ? sb : sa;
    }
    // Hand back an operand's own array when it is the result, so callers can reuse its layout.
    if (Arrays.equals(out, b)) {
      return b;
    }
    if (Arrays.equals(out, a)) {
      return a;
    }
    return out;
  }

  /** Whether {@code from} can be expanded to {@code to}. */
  public static boolean canExpand(int[] from, int[] to) {
    if (from.length > to.length) {
      return false;
    }
    for (int i = 0; i < from.length; i++) {
      int target = to[to.length - from.length + i];
      if (from[i] != target && from[i] != 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sums {@code grad} down to {@code shape}: the inverse of broadcasting, used by every backward
   * whose forward broadcast its input.
   *
   * <p>{@code sumTo(g [4,3], [3])} sums over dimension 0.
   */
  public static Tensor sumTo(Tensor grad, int[] shape) {
    int[] gradShape = grad.layout().shape();
    if (Arrays.equals(gradShape, shape)) {
      return grad;
    }
    int lead = gradShape.length - shape.length;
    int count = 0;
    int[] dims = new int[gradShape.length];
    for (int i = 0; i < gradShape.length; i++) {
      if (i < lead || (shape[i - lead] == 1 && gradShape[i] != 1)) {
        dims[count++] = i;
      }
    }
    Tensor summed = count == 0 ? grad : Reductions.sum(grad, Arrays.copyOf(dims, count), true);
    return summed.reshape(shape);
  }

  /** {@code [2, 3]} formatting for messages. */
  public static String format(int[] shape) {
    return Arrays.toString(shape);
  }

  /** Product of dimension lengths. */
  public static int numel(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + format(shape) + " has too many elements");
    }
    return (int) n;
  }
}

package io.jgrad.nn;

import io.jgrad.Tensor;
import java.util.Arrays;

/**
 * Splits dimension {@code dim} into {@code sizes}, as PyTorch's {@code nn.Unflatten}.
 *
 * <p>{@code new Unflatten(1, 2, 5).forward(zeros(3, 10))} has shape [3, 2, 5].
 */
public class Unflatten extends Module {
  private final int dim;
  private final int[] sizes;

  /**
   * Splits {@code dim} into {@code sizes} (one entry may be -1).
   *
   * <p>{@code new Unflatten(1, 2, 5)}.
   *
   * @throws IllegalArgumentException for no sizes
   */
  public Unflatten(int dim, int... sizes) {
    if (sizes.length == 0) {
      throw new IllegalArgumentException("Unflatten: unflattened_size must be non-empty");
    }
    this.dim = dim;
    this.sizes = sizes.clone();
  }

  @Override
  public Tensor forward(Tensor input) {
    int[] shape = input.shape().toIntArray();
    int d = dim < 0 ? dim + shape.length : dim;
    if (d < 0 || d >= shape.length) {
      throw new IndexOutOfBoundsException(
          "Unflatten: Dimension out of range (expected to be in "
              + "range of ["
              + -shape.length
              + ", "
              + (shape.length - 1)
              + "], but got "
              + dim
              + ")");
    }
    long product = 1;
    boolean inferred = false;
    for (int s : sizes) {
      inferred |= s == -1;
      product *= s == -1 ? 1 : s;
    }
    if (inferred ? product == 0 || shape[d] % product != 0 : product != shape[d]) {
      throw new IllegalArgumentException(
          "unflatten: Provided sizes "
              + Arrays.toString(sizes)
              + " don't multiply up to the size of dim "
              + dim
              + " ("
              + shape[d]
              + ") in the input tensor");
    }
    int[] out = new int[shape.length - 1 + sizes.length];
    System.arraycopy(shape, 0, out, 0, d);
    System.arraycopy(sizes, 0, out, d, sizes.length);
    System.arraycopy(shape, d + 1, out, d + sizes.length, shape.length - d - 1);
    return input.view(out);
  }

  @Override
  public String extraRepr() {
    return "dim=" + dim + ", unflattened_size=" + Repr.pythonTuple(sizes);
  }

  /** The target sizes. */
  public int[] sizes() {
    return Arrays.copyOf(sizes, sizes.length);
  }
}

package io.jgrad;

import io.jgrad.ops.Views;
import java.util.List;

/**
 * Shape operations of {@link Tensor}. Views share storage with the input; writes through a view are
 * visible in the original.
 *
 * <p>{@code x.unsqueeze(-1)}; {@code x.view(2, -1)}; {@code x.slice(0, 20, 40)} is {@code
 * x[20:40]}.
 */
public sealed interface TensorShapes permits Tensor {
  private Tensor self() {
    return (Tensor) this;
  }

  /** A view with another shape (one dimension may be -1). */
  default Tensor view(int... shape) {
    return Views.view(self(), shape);
  }

  /** A view if possible, else a copy, with another shape. */
  default Tensor reshape(int... shape) {
    return Views.reshape(self(), shape);
  }

  /** Viewed with {@code other}'s shape. */
  default Tensor viewAs(Tensor other) {
    return Views.view(self(), other.layout().shape());
  }

  /** Transpose of a matrix (a 0-d or 1-d tensor is returned as is). */
  default Tensor t() {
    Tensor x = self();
    if (x.dim() > 2) {
      throw new IllegalArgumentException(
          "t() expects a tensor with <= 2 dimensions, but self is " + x.dim() + "D");
    }
    return x.dim() < 2 ? x : Views.transpose(x, 0, 1);
  }

  /** Swaps the last two dimensions (PyTorch's {@code .mT}). */
  default Tensor mT() {
    Tensor x = self();
    if (x.dim() < 2) {
      throw new IllegalArgumentException(
          "tensor.mT is only supported on matrices or batches of matrices. Got "
              + x.dim()
              + "-D tensor.");
    }
    return Views.transpose(x, -2, -1);
  }

  /** Swaps dimensions {@code dim0} and {@code dim1}. */
  default Tensor transpose(int dim0, int dim1) {
    return Views.transpose(self(), dim0, dim1);
  }

  /**
   * Reorders dimensions.
   *
   * <p>{@code x.permute(2, 0, 1)}.
   */
  default Tensor permute(int... dims) {
    return Views.permute(self(), dims);
  }

  /**
   * Inserts a size-1 dimension.
   *
   * <p>{@code x.unsqueeze(-1)} on [2000] gives [2000, 1].
   */
  default Tensor unsqueeze(int dim) {
    return Views.unsqueeze(self(), dim);
  }

  /** Removes size-1 dimensions (all of them, or the ones given). */
  default Tensor squeeze(int... dims) {
    return Views.squeeze(self(), dims);
  }

  /** Broadcasts to {@code shape} without copying. */
  default Tensor expand(int... shape) {
    return Views.expand(self(), shape);
  }

  /** Broadcasts to {@code other}'s shape. */
  default Tensor expandAs(Tensor other) {
    return Views.expand(self(), other.layout().shape());
  }

  /** Flattens all dimensions into one. */
  default Tensor flatten() {
    return Views.flatten(self(), 0, -1);
  }

  /**
   * Flattens dimensions {@code startDim..endDim}.
   *
   * <p>{@code y.flatten(0, 1)} on [2000,1] is [2000].
   */
  default Tensor flatten(int startDim, int endDim) {
    return Views.flatten(self(), startDim, endDim);
  }

  /**
   * Elements {@code [start, end)} along {@code dim} (Python's {@code x[start:end]}); negative and
   * out-of-range bounds are clamped like Python's.
   */
  default Tensor slice(int dim, int start, int end) {
    return Views.slice(self(), dim, start, end, 1);
  }

  /** Elements {@code [start, end)} with {@code step} along {@code dim}. */
  default Tensor slice(int dim, int start, int end, int step) {
    return Views.slice(self(), dim, start, end, step);
  }

  /** {@code length} elements from {@code start} along {@code dim}. */
  default Tensor narrow(int dim, int start, int length) {
    return Views.narrow(self(), dim, start, length);
  }

  /** The sub-tensor at {@code index} along {@code dim}, that dimension removed ({@code x[i]}). */
  default Tensor select(int dim, int index) {
    return Views.select(self(), dim, index);
  }

  /** {@code x[index]}: the sub-tensor at {@code index} along dimension 0. */
  default Tensor get(int index) {
    return Views.select(self(), 0, index);
  }

  /** Pieces of {@code splitSize} along {@code dim}. */
  default List<Tensor> split(int splitSize, int dim) {
    return Views.split(self(), splitSize, dim);
  }

  /** Pieces with the given sizes along {@code dim}. */
  default List<Tensor> split(int[] sizes, int dim) {
    return Views.split(self(), sizes, dim);
  }

  /** {@code chunks} nearly equal pieces along {@code dim}. */
  default List<Tensor> chunk(int chunks, int dim) {
    return Views.chunk(self(), chunks, dim);
  }
}

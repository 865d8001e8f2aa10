package io.jgrad;

import io.jgrad.ops.Cumulative;
import io.jgrad.ops.Reductions;
import io.jgrad.ops.Sorting;

/**
 * Reductions of {@link Tensor} over all or chosen dimensions, with {@code keepdim}, and softmax.
 *
 * <p>{@code x.mean(1, true)} on [2,3] gives [2,1]; {@code x.std()} is unbiased, like PyTorch.
 */
public sealed interface TensorReductions permits Tensor {
  private Tensor self() {
    return (Tensor) this;
  }

  /** Sum of all elements (0-d). */
  default Tensor sum() {
    return Reductions.sum(self(), new int[0], false);
  }

  /** Sum over {@code dim}. */
  default Tensor sum(int dim) {
    return Reductions.sum(self(), new int[] {dim}, false);
  }

  /** Sum over {@code dim}, keeping it as size 1 when {@code keepdim}. */
  default Tensor sum(int dim, boolean keepdim) {
    return Reductions.sum(self(), new int[] {dim}, keepdim);
  }

  /** Sum over several dims. */
  default Tensor sum(int[] dims, boolean keepdim) {
    return Reductions.sum(self(), dims, keepdim);
  }

  /** Mean of all elements. */
  default Tensor mean() {
    return Reductions.mean(self(), new int[0], false);
  }

  /** Mean over {@code dim}. */
  default Tensor mean(int dim) {
    return Reductions.mean(self(), new int[] {dim}, false);
  }

  /** Mean over {@code dim} with {@code keepdim}. */
  default Tensor mean(int dim, boolean keepdim) {
    return Reductions.mean(self(), new int[] {dim}, keepdim);
  }

  /** Mean over several dims. */
  default Tensor mean(int[] dims, boolean keepdim) {
    return Reductions.mean(self(), dims, keepdim);
  }

  /** Unbiased variance of all elements. */
  default Tensor var() {
    return Reductions.var(self(), new int[0], 1, false);
  }

  /** Unbiased variance over {@code dim}. */
  default Tensor var(int dim, boolean keepdim) {
    return Reductions.var(self(), new int[] {dim}, 1, keepdim);
  }

  /** Variance over dims with Bessel's {@code correction} (0 = population, 1 = unbiased). */
  default Tensor var(int[] dims, double correction, boolean keepdim) {
    return Reductions.var(self(), dims, correction, keepdim);
  }

  /**
   * Unbiased standard deviation of all elements.
   *
   * <p>{@code x.sub(x.mean()).div(x.std())}.
   */
  default Tensor std() {
    return Reductions.std(self(), new int[0], 1, false);
  }

  /** Unbiased standard deviation over {@code dim}. */
  default Tensor std(int dim, boolean keepdim) {
    return Reductions.std(self(), new int[] {dim}, 1, keepdim);
  }

  /** Standard deviation with {@code correction}. */
  default Tensor std(int[] dims, double correction, boolean keepdim) {
    return Reductions.std(self(), dims, correction, keepdim);
  }

  /** Product of all elements. */
  default Tensor prod() {
    return Reductions.prod(self(), new int[0], false);
  }

  /** Product over {@code dim}. */
  default Tensor prod(int dim, boolean keepdim) {
    return Reductions.prod(self(), new int[] {dim}, keepdim);
  }

  /** Largest element (0-d). */
  default Tensor max() {
    return Reductions.extreme(self(), new int[0], false, true, "max");
  }

  /** Largest values along {@code dim} and their indices. */
  default ValuesIndices max(int dim) {
    return Reductions.extremeWithIndices(self(), dim, false, true);
  }

  /** Largest values along {@code dim} and their indices, with {@code keepdim}. */
  default ValuesIndices max(int dim, boolean keepdim) {
    return Reductions.extremeWithIndices(self(), dim, keepdim, true);
  }

  /** Smallest element (0-d). */
  default Tensor min() {
    return Reductions.extreme(self(), new int[0], false, false, "min");
  }

  /** Smallest values along {@code dim} and their indices. */
  default ValuesIndices min(int dim) {
    return Reductions.extremeWithIndices(self(), dim, false, false);
  }

  /** Smallest values along {@code dim} and their indices, with {@code keepdim}. */
  default ValuesIndices min(int dim, boolean keepdim) {
    return Reductions.extremeWithIndices(self(), dim, keepdim, false);
  }

  /** Maximum over dims; gradient shared evenly among ties. */
  default Tensor amax(int[] dims, boolean keepdim) {
    return Reductions.extreme(self(), dims, keepdim, true, "amax");
  }

  /** Maximum over {@code dim}. */
  default Tensor amax(int dim) {
    return Reductions.extreme(self(), new int[] {dim}, false, true, "amax");
  }

  /** Minimum over dims. */
  default Tensor amin(int[] dims, boolean keepdim) {
    return Reductions.extreme(self(), dims, keepdim, false, "amin");
  }

  /** Minimum over {@code dim}. */
  default Tensor amin(int dim) {
    return Reductions.extreme(self(), new int[] {dim}, false, false, "amin");
  }

  /** Index of the largest element of the flattened tensor (int64, 0-d). */
  default Tensor argmax() {
    return Reductions.argExtreme(self(), null, false, true);
  }

  /**
   * Indices of the largest elements along {@code dim}.
   *
   * <p>{@code logits.argmax(1)}.
   */
  default Tensor argmax(int dim) {
    return Reductions.argExtreme(self(), dim, false, true);
  }

  /** Indices of the largest elements along {@code dim}, with {@code keepdim}. */
  default Tensor argmax(int dim, boolean keepdim) {
    return Reductions.argExtreme(self(), dim, keepdim, true);
  }

  /** Index of the smallest element of the flattened tensor. */
  default Tensor argmin() {
    return Reductions.argExtreme(self(), null, false, false);
  }

  /** Indices of the smallest elements along {@code dim}. */
  default Tensor argmin(int dim) {
    return Reductions.argExtreme(self(), dim, false, false);
  }

  /** Indices of the smallest elements along {@code dim}, with {@code keepdim}. */
  default Tensor argmin(int dim, boolean keepdim) {
    return Reductions.argExtreme(self(), dim, keepdim, false);
  }

  /** {@code log(sum(exp(x)))} over {@code dim}, computed stably. */
  default Tensor logsumexp(int dim) {
    return Reductions.logsumexp(self(), new int[] {dim}, false);
  }

  /** {@code logsumexp} with {@code keepdim}. */
  default Tensor logsumexp(int dim, boolean keepdim) {
    return Reductions.logsumexp(self(), new int[] {dim}, keepdim);
  }

  /** {@code logsumexp} over several dims. */
  default Tensor logsumexp(int[] dims, boolean keepdim) {
    return Reductions.logsumexp(self(), dims, keepdim);
  }

  /**
   * Softmax along {@code dim}.
   *
   * <p>{@code logits.softmax(-1)}.
   */
  default Tensor softmax(int dim) {
    return Reductions.softmax(self(), dim, false);
  }

  /** Log-softmax along {@code dim}. */
  default Tensor logSoftmax(int dim) {
    return Reductions.softmax(self(), dim, true);
  }

  /**
   * Sorts along the last dimension, ascending; NaN sorts as the largest value.
   *
   * <p>{@code tensor(3.0, 1.0, 2.0).sort().values()} is {@code [1, 2, 3]}.
   */
  default ValuesIndices sort() {
    return Sorting.sort(self(), -1, false);
  }

  /**
   * Sorts along {@code dim}, ascending; stable, so equal values keep their order.
   *
   * <p>{@code x.sort(0).indices()}.
   */
  default ValuesIndices sort(int dim) {
    return Sorting.sort(self(), dim, false);
  }

  /**
   * Sorts along {@code dim}, largest first when {@code descending}; stable for ties.
   *
   * <p>{@code scores.sort(1, true).values()}; the values' gradient goes back to the positions.
   */
  default ValuesIndices sort(int dim, boolean descending) {
    return Sorting.sort(self(), dim, descending);
  }

  /**
   * The int64 positions that sort the last dimension ascending.
   *
   * <p>{@code tensor(3.0, 1.0, 2.0).argsort()} is {@code [1, 2, 0]}.
   */
  default Tensor argsort() {
    return Sorting.argsort(self(), -1, false);
  }

  /**
   * The int64 positions that sort {@code dim} ascending.
   *
   * <p>{@code x.argsort(0)}.
   */
  default Tensor argsort(int dim) {
    return Sorting.argsort(self(), dim, false);
  }

  /**
   * The int64 positions that sort {@code dim}, largest first when {@code descending}.
   *
   * <p>{@code scores.argsort(1, true)}.
   */
  default Tensor argsort(int dim, boolean descending) {
    return Sorting.argsort(self(), dim, descending);
  }

  /**
   * The {@code k} largest values of the last dimension, largest first, with their positions.
   *
   * <p>{@code logits.topk(5).indices()}.
   *
   * @throws IllegalArgumentException "selected index k out of range" unless 0 &lt;= k &lt;= size
   */
  default ValuesIndices topk(int k) {
    return Sorting.topk(self(), k, -1, true, true);
  }

  /**
   * The {@code k} largest values along {@code dim}, largest first, with their positions.
   *
   * <p>{@code x.topk(2, 0)}.
   */
  default ValuesIndices topk(int k, int dim) {
    return Sorting.topk(self(), k, dim, true, true);
  }

  /**
   * The {@code k} largest (or smallest) values along {@code dim} with their positions; the result
   * is sorted whatever {@code sorted} says (PyTorch leaves the unsorted order unspecified).
   *
   * <p>{@code x.topk(3, 1, false, true)} gives the three smallest of each row, smallest first.
   */
  default ValuesIndices topk(int k, int dim, boolean largest, boolean sorted) {
    return Sorting.topk(self(), k, dim, largest, sorted);
  }

  /**
   * Running sum along {@code dim}; integer and bool inputs give int64.
   *
   * <p>{@code tensor(1.0, 2.0, 3.0).cumsum(0)} is {@code [1, 3, 6]}.
   */
  default Tensor cumsum(int dim) {
    return Cumulative.cumsum(self(), dim, false);
  }

  /**
   * Running product along {@code dim}; integer and bool inputs give int64.
   *
   * <p>{@code tensor(1.0, 2.0, 3.0).cumprod(0)} is {@code [1, 2, 6]}.
   */
  default Tensor cumprod(int dim) {
    return Cumulative.cumprod(self(), dim);
  }
}

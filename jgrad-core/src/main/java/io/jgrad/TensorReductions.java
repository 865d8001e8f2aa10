package io.jgrad;

import io.jgrad.ops.Reductions;

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
}

package io.jgrad.backend;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.CompareOp;
import io.jgrad.ops.ReduceOp;
import io.jgrad.ops.UnaryOp;

/**
 * The kernels a device must provide. The ops layer has already checked shapes, promoted dtypes and
 * broadcast operands (expanded views with zero strides), and allocated {@code out}.
 *
 * <p>Implementations: {@code CpuBackend}; {@code CudaBackend} in the jgrad-cuda module.
 */
public interface Backend {
  /** The device these kernels run on. */
  Device device();

  /** A zero-filled buffer of {@code numel} elements. */
  Storage allocate(DType dtype, int numel);

  /**
   * A buffer whose contents are unspecified, for an output the next kernel writes in full; backends
   * that cannot skip the zeroing just allocate.
   */
  default Storage allocateUninitialized(DType dtype, int numel) {
    return allocate(dtype, numel);
  }

  /** Copies {@code src} into {@code dst} elementwise, converting dtype; shapes are equal. */
  void copy(Tensor src, Tensor dst);

  /**
   * Writes {@code sum(a * b)} into the one-element {@code out} when this backend has a fused kernel
   * for these operands (equal shapes, out's dtype), with the bits of {@code a.mul(b).sum()};
   * returns false, writing nothing, otherwise. The weight gradient of a scalar parameter ({@code
   * d(w x)/dw}) is such a sum.
   */
  default boolean sumOfProducts(Tensor a, Tensor b, Tensor out) {
    return false;
  }

  /**
   * Writes {@code sum((a - b)^2)} into the one-element {@code out} when this backend has a fused
   * kernel for these operands (equal shapes, out's dtype), with the bits of {@code
   * a.sub(b).pow(2).sum()}; returns false, writing nothing, otherwise. A squared-error loss is such
   * a sum.
   *
   * <p>{@code if (!x.backend().sumOfSquaredDifferences(x, t, loss)) { ... compose ... }}
   */
  default boolean sumOfSquaredDifferences(Tensor a, Tensor b, Tensor out) {
    return false;
  }

  /**
   * PyTorch's threshold_backward: {@code out = self <= threshold ? 0 : grad} elementwise (so a NaN
   * in self passes the gradient), all of out's shape and dtype. The default composes a comparison
   * and a select; backends with a one-pass kernel override it.
   *
   * <p>{@code out.backend().thresholdBackward(grad, reluOutput, 0.0, out)}.
   */
  default void thresholdBackward(Tensor grad, Tensor self, double threshold, Tensor out) {
    int[] shape = out.layout().shape();
    Tensor mask = Tensor.fromStorage(allocate(DType.BOOL, out.numel()), Layout.contiguous(shape));
    compare(CompareOp.LE, self, filledScalar(self.dtype(), threshold, shape), mask);
    where(mask, filledScalar(out.dtype(), 0, shape), grad, out);
  }

  /** A one-element tensor holding {@code value}, expanded (stride 0) to {@code shape}. */
  private Tensor filledScalar(DType dtype, double value, int[] shape) {
    Tensor s = Tensor.fromStorage(allocate(dtype, 1), Layout.contiguous());
    fill(s, value);
    return s.asStrided(s.layout().broadcastTo(shape));
  }

  /** Sets every element of {@code dst} to {@code value}. */
  void fill(Tensor dst, double value);

  /** {@code out = op(x)}; same shape and dtype. */
  void unary(UnaryOp op, Tensor x, Tensor out);

  /** {@code out = op(a, b)}; a and b already expanded to out's shape and of out's dtype. */
  void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

  /**
   * {@code out = op(a, value)} (or {@code op(value, a)} when {@code scalarFirst}) with the number
   * already of out's dtype and a of out's shape and dtype. The default wraps the number in a 0-d
   * tensor and calls {@link #binary}; backends override it to skip that allocation.
   */
  default void binaryScalar(BinaryOp op, Tensor a, double value, boolean scalarFirst, Tensor out) {
    Tensor expanded = filledScalar(out.dtype(), value, out.layout().shape());
    binary(op, scalarFirst ? expanded : a, scalarFirst ? a : expanded, out);
  }

  /** {@code out = op(a, b)} into a bool tensor; a and b expanded, of one dtype. */
  void compare(CompareOp op, Tensor a, Tensor b, Tensor out);

  /** {@code out = condition ? a : b}; all expanded to out's shape, a and b of out's dtype. */
  void where(Tensor condition, Tensor a, Tensor b, Tensor out);

  /**
   * Reduces {@code x} over {@code dims} into {@code out}, whose shape is x's with those dimensions
   * set to 1. ARGMAX/ARGMIN write int64 indices into the (single) reduced dimension.
   */
  void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out);

  /** Batched matrix product: a [B, M, K] times b [B, K, N] into contiguous out [B, M, N]. */
  void matmul(Tensor a, Tensor b, Tensor out);

  /** Softmax (or log-softmax) of {@code x} along {@code dim} into contiguous out. */
  void softmax(Tensor x, int dim, boolean log, Tensor out);

  /** {@code out[..., i, ...] = x[..., index[i], ...]} along {@code dim}. */
  void indexSelect(Tensor x, int dim, Tensor index, Tensor out);

  /** {@code out[i][j] = x[i][index[i][j]]} for dim 1 (and likewise for other dims). */
  void gather(Tensor x, int dim, Tensor index, Tensor out);

  /** {@code out[i][index[i][j]] += src[i][j]} for dim 1; out is contiguous and updated in place. */
  void scatterAdd(Tensor out, int dim, Tensor index, Tensor src);

  /** {@code out[..., index[i], ...] += src[..., i, ...]} along {@code dim}; out contiguous. */
  void indexAdd(Tensor out, int dim, Tensor index, Tensor src);

  /**
   * im2col as PyTorch's {@code unfold}: writes the sliding blocks of image {@code x} [N, C, H, W]
   * into contiguous {@code out} [N, C·kH·kW, L] (row {@code (c·kH + i)·kW + j}, column {@code oh·oW
   * + ow}), zero outside the image. The default composes strided copies, one per kernel offset;
   * backends override it with a direct kernel.
   */
  default void unfold(Tensor x, UnfoldGeometry geometry, Tensor out) {
    ComposedUnfold.unfold(this, x, geometry, out);
  }

  /**
   * col2im as PyTorch's {@code fold}, the adjoint of {@link #unfold}: adds every column entry of
   * {@code cols} [N, C·kH·kW, L] into its image position of contiguous {@code out} [N, C, H, W],
   * dropping those that fall in the padding. {@code out} holds the starting values (zeros).
   */
  default void fold(Tensor cols, UnfoldGeometry geometry, Tensor out) {
    ComposedUnfold.fold(this, cols, geometry, out);
  }
}

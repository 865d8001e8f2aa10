package io.jgrad.backend.cpu;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.backend.Backend;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import io.jgrad.backend.UnfoldGeometry;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.CompareOp;
import io.jgrad.ops.ReduceOp;
import io.jgrad.ops.UnaryOp;

/**
 * The pure-Java CPU backend over primitive arrays.
 *
 * <p>Obtained through {@code Backends.of(Device.CPU)}.
 */
public final class CpuBackend implements Backend {
  /** Creates the backend; use {@code Backends.of(Device.CPU)} instead. */
  public CpuBackend() {}

  @Override
  public Device device() {
    return Device.CPU;
  }

  @Override
  public Storage allocate(DType dtype, int numel) {
    return Storage.cpu(dtype, numel);
  }

  @Override
  public boolean sumOfProducts(Tensor a, Tensor b, Tensor out) {
    if (!contiguousFloatPair(a, b, out)) {
      return false;
    }
    float sum =
        FloatKernels.active()
            .cascadeSumOfProducts(
                (float[]) a.storage().data(),
                a.layout().offset(),
                (float[]) b.storage().data(),
                b.layout().offset(),
                a.layout().numel());
    ((float[]) out.storage().data())[out.layout().offset()] = sum;
    return true;
  }

  /** The largest difference buffer kept per thread (4 MB); bigger losses allocate their own. */
  private static final int KEPT_DIFFERENCES = 1 << 20;

  /** Per-thread room for the differences of a squared-error sum, which never leave the kernel. */
  private static final ThreadLocal<float[][]> DIFFERENCES =
      ThreadLocal.withInitial(() -> new float[1][0]);

  @Override
  public boolean sumOfSquaredDifferences(Tensor a, Tensor b, Tensor out) {
    if (!contiguousFloatPair(a, b, out)) {
      return false;
    }
    int n = a.layout().numel();
    float[] d;
    if (n > KEPT_DIFFERENCES) {
      d = new float[n]; // not kept: a huge loss would otherwise pin its size per thread
    } else {
      float[][] slot = DIFFERENCES.get();
      if (slot[0].length < n) {
        slot[0] = new float[n];
      }
      d = slot[0];
    }
    FloatKernels kernels = FloatKernels.active();
    kernels.binary(
        BinaryOp.SUB,
        (float[]) a.storage().data(),
        a.layout().offset(),
        (float[]) b.storage().data(),
        b.layout().offset(),
        d,
        0,
        n);
    // pow(d, 2) is d * d in PyTorch's kernel, so the rounded products are the squares.
    ((float[]) out.storage().data())[out.layout().offset()] =
        kernels.cascadeSumOfProducts(d, 0, d, 0, n);
    return true;
  }

  private static boolean contiguousFloatPair(Tensor a, Tensor b, Tensor out) {
    Layout al = a.layout();
    Layout bl = b.layout();
    return a.dtype() == DType.FLOAT32
        && b.dtype() == DType.FLOAT32
        && out.dtype() == DType.FLOAT32
        && al.isContiguous()
        && bl.isContiguous()
        && al.numel() == bl.numel()
        && java.util.Arrays.equals(al.shape(), bl.shape());
  }

  @Override
  public Storage allocateUninitialized(DType dtype, int numel) {
    return Storage.cpuUninitialized(dtype, numel);
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    ElementwiseKernels.copy(src, dst);
  }

  @Override
  public void fill(Tensor dst, double value) {
    ElementwiseKernels.fill(dst, value);
  }

  @Override
  public void unary(UnaryOp op, Tensor x, Tensor out) {
    if (!FloatFastPaths.unary(FloatKernels.active(), op, x, out)) {
      ElementwiseKernels.unary(op, x, out);
    }
  }

  @Override
  public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    if (!FloatFastPaths.binary(FloatKernels.active(), op, a, b, out)) {
      ElementwiseKernels.binary(op, a, b, out);
    }
  }

  @Override
  public void binaryScalar(BinaryOp op, Tensor a, double value, boolean scalarFirst, Tensor out) {
    if (!FloatFastPaths.binaryScalar(FloatKernels.active(), op, a, value, scalarFirst, out)) {
      Backend.super.binaryScalar(op, a, value, scalarFirst, out);
    }
  }

  @Override
  public void compare(CompareOp op, Tensor a, Tensor b, Tensor out) {
    ElementwiseKernels.compare(op, a, b, out);
  }

  @Override
  public void thresholdBackward(Tensor grad, Tensor self, double threshold, Tensor out) {
    if (contiguousFloatPair(grad, self, out) && out.layout().isContiguous()) {
      FloatKernels.active()
          .thresholdBackward(
              (float[]) grad.storage().data(),
              grad.layout().offset(),
              (float[]) self.storage().data(),
              self.layout().offset(),
              (float) threshold,
              (float[]) out.storage().data(),
              out.layout().offset(),
              out.layout().numel());
    } else {
      Backend.super.thresholdBackward(grad, self, threshold, out);
    }
  }

  @Override
  public void where(Tensor condition, Tensor a, Tensor b, Tensor out) {
    if (!FloatFastPaths.where(FloatKernels.active(), condition, a, b, out)) {
      ElementwiseKernels.where(condition, a, b, out);
    }
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out) {
    ReductionKernels.reduce(op, x, dims, out);
  }

  @Override
  public void matmul(Tensor a, Tensor b, Tensor out) {
    MatmulKernel.matmul(a, b, out);
  }

  @Override
  public void softmax(Tensor x, int dim, boolean log, Tensor out) {
    SoftmaxKernel.softmax(x, dim, log, out);
  }

  @Override
  public void indexSelect(Tensor x, int dim, Tensor index, Tensor out) {
    IndexKernels.indexSelect(x, dim, index, out);
  }

  @Override
  public void gather(Tensor x, int dim, Tensor index, Tensor out) {
    IndexKernels.gather(x, dim, index, out);
  }

  @Override
  public void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
    IndexKernels.scatterAdd(out, dim, index, src);
  }

  @Override
  public void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    IndexKernels.indexAdd(out, dim, index, src);
  }

  @Override
  public void unfold(Tensor x, UnfoldGeometry geometry, Tensor out) {
    if (UnfoldKernel.supports(out.dtype())
        && x.dtype() == out.dtype()
        && out.layout().isContiguous()) {
      UnfoldKernel.unfold(x, geometry, out);
    } else {
      Backend.super.unfold(x, geometry, out);
    }
  }

  @Override
  public void fold(Tensor cols, UnfoldGeometry geometry, Tensor out) {
    if (UnfoldKernel.supports(out.dtype())
        && cols.dtype() == out.dtype()
        && out.layout().isContiguous()) {
      UnfoldKernel.fold(cols, geometry, out);
    } else {
      Backend.super.fold(cols, geometry, out);
    }
  }

  /** A tensor over {@code storage} with {@code layout}, for kernels' internal use (no grad). */
  static Tensor view(Storage storage, Layout layout) {
    return Tensor.fromStorage(storage, layout);
  }

  /**
   * {@code storage} itself when {@code layout} is contiguous, else a contiguous copy of the view
   * (which then starts at offset 0).
   */
  static Storage contiguousCopy(Storage storage, Layout layout) {
    if (layout.isContiguous()) {
      return storage;
    }
    Storage copy = Storage.cpu(storage.dtype(), layout.numel());
    ElementwiseKernels.copy(view(storage, layout), view(copy, Layout.contiguous(layout.shape())));
    return copy;
  }
}

package io.jgrad.backend.cuda;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.ops.ReduceOp;
import java.lang.foreign.Arena;
import java.util.function.Consumer;

/**
 * Launches the generated elementwise, reduction and softmax kernels: builds the coalesced geometry,
 * packs the arguments in the order the generated signatures declare, and picks the contiguous or
 * strided entry point.
 *
 * <p>{@code kernels.elementwise(KernelSources.unary(EXP, FLOAT32), x, out)}.
 */
final class CudaKernels {
  private final CudaDevice device;

  CudaKernels(CudaDevice device) {
    this.device = device;
  }

  /** Runs an elementwise family over {@code operands} (output last) of the output's shape. */
  void elementwise(KernelSource source, Tensor... operands) {
    elementwise(source, args -> {}, operands);
  }

  /** As {@link #elementwise(KernelSource, Tensor...)} with trailing scalar arguments. */
  void elementwise(KernelSource source, Consumer<KernelArgs> extra, Tensor... operands) {
    Tensor out = operands[operands.length - 1];
    long n = out.numel();
    if (n == 0) {
      return;
    }
    int[][] strides = new int[operands.length][];
    for (int k = 0; k < operands.length; k++) {
      strides[k] = operands[k].layout().strides();
    }
    StridedGeometry geometry = StridedGeometry.of(out.layout().shape(), strides);
    int[] launch = StridedGeometry.launchShape(n, device.maxBlocks());
    try (Arena frame = Arena.ofConfined()) {
      KernelArgs args = new KernelArgs(frame).longValue(n);
      boolean contiguous = geometry.isContiguous();
      if (!contiguous) {
        args.shape(geometry.sizes());
      }
      for (int k = 0; k < operands.length; k++) {
        if (!contiguous) {
          args.strides(geometry.strides()[k]);
        }
        args.pointer(CudaTensors.address(operands[k]));
      }
      extra.accept(args);
      device.launch(
          source,
          contiguous ? source.contiguousName() : source.name(),
          launch[0],
          launch[1],
          args.pack());
    }
  }

  /** {@code x} as a contiguous tensor in {@code layout}'s order: itself when already so. */
  Tensor contiguous(Tensor x, Layout layout) {
    Tensor view = CudaTensors.view(x, layout);
    if (layout.isContiguous()) {
      return view;
    }
    Tensor copy = CudaTensors.empty(device, x.dtype(), layout.shape());
    elementwise(KernelSources.copy(x.dtype(), x.dtype()), view, copy);
    return copy;
  }

  /** Reduces {@code x} over {@code dims} into {@code out} (reduced dims of size 1). */
  void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out) {
    Layout xl = x.layout();
    int[] order = moveLast(xl.dim(), dims);
    long length = 1;
    for (int d : dims) {
      length *= xl.shape()[d];
    }
    long rows = out.numel();
    if (rows == 0) {
      return;
    }
    Tensor rowsIn = contiguous(x, xl.permute(order));
    Tensor target =
        out.layout().isContiguous()
            ? out
            : CudaTensors.empty(device, out.dtype(), out.layout().shape());
    KernelSource source = ReductionSources.reduce(op, x.dtype(), out.dtype());
    launchRows(source, rows, length, rowsIn, target, args -> {});
    if (target != out) {
      elementwise(KernelSources.copy(out.dtype(), out.dtype()), target, out);
    }
  }

  /** Softmax or log-softmax of {@code x} along {@code dim} into {@code out}. */
  void softmax(Tensor x, int dim, boolean log, Tensor out) {
    Layout xl = x.layout();
    int[] order = moveLast(xl.dim(), new int[] {dim});
    long length = xl.dim() == 0 ? 1 : xl.shape()[dim];
    long rows = length == 0 ? 0 : xl.numel() / length;
    if (rows == 0) {
      return;
    }
    Tensor rowsIn = contiguous(x, xl.permute(order));
    Layout outPermuted = out.layout().permute(order);
    Tensor target =
        outPermuted.isContiguous()
            ? CudaTensors.view(out, outPermuted)
            : CudaTensors.empty(device, out.dtype(), outPermuted.shape());
    launchRows(
        ReductionSources.softmax(x.dtype()),
        rows,
        length,
        rowsIn,
        target,
        args -> args.intValue(log ? 1 : 0));
    if (!outPermuted.isContiguous()) {
      elementwise(
          KernelSources.copy(out.dtype(), out.dtype()), target, CudaTensors.view(out, outPermuted));
    }
  }

  private void launchRows(
      KernelSource source,
      long rows,
      long length,
      Tensor in,
      Tensor out,
      Consumer<KernelArgs> extra) {
    int threads = StridedGeometry.reductionThreads(length);
    int blocks = (int) Math.min(rows, 1L << 20);
    try (Arena frame = Arena.ofConfined()) {
      KernelArgs args =
          new KernelArgs(frame)
              .longValue(rows)
              .longValue(length)
              .pointer(CudaTensors.address(in))
              .pointer(CudaTensors.address(out));
      extra.accept(args);
      device.launch(source, source.name(), blocks, threads, args.pack());
    }
  }

  /** The permutation that keeps the other dimensions in order and puts {@code dims} last. */
  static int[] moveLast(int rank, int[] dims) {
    boolean[] moved = new boolean[rank];
    for (int d : dims) {
      moved[d] = true;
    }
    int[] order = new int[rank];
    int k = 0;
    for (int d = 0; d < rank; d++) {
      if (!moved[d]) {
        order[k++] = d;
      }
    }
    for (int d = 0; d < rank; d++) {
      if (moved[d]) {
        order[k++] = d;
      }
    }
    return order;
  }

  /** Checks that {@code dtype} has a softmax kernel, with PyTorch's message. */
  static void checkFloating(String op, DType dtype) {
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException(
          "\"" + op + "_cuda\" not implemented for '" + KernelSources.scalarTypeName(dtype) + "'");
    }
  }
}

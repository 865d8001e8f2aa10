package io.jgrad.backend.cuda;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * indexSelect, gather, scatterAdd and indexAdd on the device. Indices are validated by the kernels
 * themselves (only they read them); the first bad one comes back through a 16-byte error buffer
 * that is read after the launch, so a bad index throws the CPU backend's IndexOutOfBoundsException
 * instead of a device-side assert that would poison the context.
 *
 * <p>{@code indexing.gather(x, 1, index, out)}.
 */
final class CudaIndexing {
  private final CudaDevice device;
  private final CudaKernels kernels;

  CudaIndexing(CudaDevice device, CudaKernels kernels) {
    this.device = device;
    this.kernels = kernels;
  }

  private Tensor int64(Tensor index) {
    if (index.dtype() == DType.INT64) {
      return index;
    }
    Tensor converted = CudaTensors.empty(device, DType.INT64, index.layout().shape());
    kernels.elementwise(KernelSources.copy(index.dtype(), DType.INT64), index, converted);
    return converted;
  }

  private static void checkRank(String op, Tensor t) {
    if (t.dim() > KernelPrelude.MAX_DIMS) {
      throw new IllegalArgumentException(
          op
              + "(): CUDA kernels support at most "
              + KernelPrelude.MAX_DIMS
              + " dimensions, got shape "
              + Arrays.toString(t.layout().shape()));
    }
  }

  private static int indexStride(Tensor index) {
    return index.dim() == 0 ? 0 : index.layout().strides()[0];
  }

  void indexSelect(Tensor x, int dim, Tensor index, Tensor out) {
    checkRank("index_select", out);
    Tensor idx = int64(index);
    int limit = x.layout().shape()[dim];
    run(
        "index_select",
        dim,
        limit,
        IndexSources.indexSelect(x.dtype()),
        out.numel(),
        args ->
            args.shape(out.layout().shape())
                .strides(x.layout().strides())
                .pointer(CudaTensors.address(x))
                .strides(out.layout().strides())
                .pointer(CudaTensors.address(out))
                .intValue(dim)
                .pointer(CudaTensors.address(idx))
                .longValue(indexStride(idx))
                .longValue(limit));
  }

  void gather(Tensor x, int dim, Tensor index, Tensor out) {
    checkRank("gather", index);
    Tensor idx = int64(index);
    int limit = x.layout().shape()[dim];
    run(
        "gather",
        dim,
        limit,
        IndexSources.gather(x.dtype()),
        idx.numel(),
        args ->
            args.shape(idx.layout().shape())
                .strides(x.layout().strides())
                .pointer(CudaTensors.address(x))
                .strides(idx.layout().strides())
                .pointer(CudaTensors.address(idx))
                .strides(out.layout().strides())
                .pointer(CudaTensors.address(out))
                .intValue(dim)
                .longValue(limit));
  }

  void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
    checkRank("scatter_add", index);
    Tensor idx = int64(index);
    int limit = out.layout().shape()[dim];
    run(
        "scatter_add",
        dim,
        limit,
        IndexSources.scatterAdd(out.dtype()),
        idx.numel(),
        args ->
            args.shape(idx.layout().shape())
                .strides(out.layout().strides())
                .pointer(CudaTensors.address(out))
                .strides(idx.layout().strides())
                .pointer(CudaTensors.address(idx))
                .strides(src.layout().strides())
                .pointer(CudaTensors.address(src))
                .intValue(dim)
                .longValue(limit));
  }

  void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    checkRank("index_add", src);
    Tensor idx = int64(index);
    int limit = out.layout().shape()[dim];
    run(
        "index_add",
        dim,
        limit,
        IndexSources.indexAdd(out.dtype()),
        src.numel(),
        args ->
            args.shape(src.layout().shape())
                .strides(out.layout().strides())
                .pointer(CudaTensors.address(out))
                .strides(src.layout().strides())
                .pointer(CudaTensors.address(src))
                .intValue(dim)
                .pointer(CudaTensors.address(idx))
                .longValue(indexStride(idx))
                .longValue(limit));
  }

  private void run(
      String op,
      int dim,
      int limit,
      KernelSource source,
      long n,
      java.util.function.Consumer<KernelArgs> arguments) {
    if (n == 0) {
      return;
    }
    DeviceBuffer error = device.allocate(16);
    int[] launch = StridedGeometry.launchShape(n, device.maxBlocks());
    try (Arena frame = Arena.ofConfined()) {
      KernelArgs args = new KernelArgs(frame).longValue(n);
      arguments.accept(args);
      args.pointer(error.address());
      device.launch(source, source.name(), launch[0], launch[1], args.pack());
      MemorySegment host = frame.allocate(16, 8);
      device.driver().copyDeviceToHost(host, error.address(), 16, device.stream());
      device.synchronize();
      if (host.get(JAVA_LONG, 0) != 0) {
        throw new IndexOutOfBoundsException(
            op
                + "(): index "
                + host.get(JAVA_LONG, 8)
                + " is out of bounds for dimension "
                + dim
                + " with size "
                + limit);
      }
    }
  }
}

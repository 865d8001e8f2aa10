package io.jgrad.backend.cuda;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;

/**
 * Small helpers over CUDA tensors: their device address and fresh contiguous scratch tensors.
 *
 * <p>{@code CudaTensors.address(t)} is the CUdeviceptr of t's first element.
 */
final class CudaTensors {
  private CudaTensors() {}

  /** The device buffer behind {@code t}. */
  static DeviceBuffer buffer(Tensor t) {
    if (!(t.storage().data() instanceof DeviceBuffer buffer)) {
      throw new IllegalArgumentException("expected a CUDA tensor, got one on " + t.device());
    }
    return buffer;
  }

  /** The device address of {@code t}'s first element (storage offset applied). */
  static long address(Tensor t) {
    return buffer(t).address() + (long) t.layout().offset() * t.dtype().itemSize();
  }

  /** A new zero-filled contiguous tensor on {@code device}. */
  static Tensor empty(CudaDevice device, DType dtype, int[] shape) {
    Layout layout = Layout.contiguous(shape);
    int numel = layout.numel();
    DeviceBuffer buffer = device.allocate((long) numel * dtype.itemSize());
    return Tensor.fromStorage(new Storage(dtype, device.device(), buffer, numel), layout);
  }

  /** A view of {@code t}'s storage with another layout (kernels' internal use, no autograd). */
  static Tensor view(Tensor t, Layout layout) {
    return Tensor.fromStorage(t.storage(), layout);
  }
}

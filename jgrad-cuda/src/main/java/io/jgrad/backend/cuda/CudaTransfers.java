package io.jgrad.backend.cuda;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.backend.Backends;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * {@code Backend.copy} for CUDA: host to device, device to host and device to device, with dtype
 * conversion and any strides on either side. Host copies stage through native memory (Java arrays
 * cannot be handed to the driver) and synchronise the stream, as PyTorch does for a blocking {@code
 * copy_}: this is what makes item(), toFloatArray() and printing sync points.
 *
 * <p>{@code Views.toDevice} calls it with a CPU source (upload) or a CPU destination (download).
 */
final class CudaTransfers {
  private final CudaDevice device;
  private final CudaKernels kernels;

  CudaTransfers(CudaDevice device, CudaKernels kernels) {
    this.device = device;
    this.kernels = kernels;
  }

  void copy(Tensor src, Tensor dst) {
    if (dst.numel() == 0) {
      return;
    }
    boolean fromHost = src.device().isCpu();
    boolean toHost = dst.device().isCpu();
    if (fromHost && toHost) {
      Backends.of(Device.CPU).copy(src, dst);
    } else if (fromHost) {
      upload(src, dst);
    } else if (toHost) {
      download(src, dst);
    } else {
      deviceToDevice(src, dst);
    }
  }

  private void deviceToDevice(Tensor src, Tensor dst) {
    if (src.dtype() == dst.dtype() && src.layout().isContiguous() && dst.layout().isContiguous()) {
      device.makeCurrent();
      device
          .driver()
          .copyDeviceToDevice(
              CudaTensors.address(dst),
              CudaTensors.address(src),
              (long) dst.numel() * dst.dtype().itemSize(),
              device.stream());
      return;
    }
    kernels.elementwise(KernelSources.copy(src.dtype(), dst.dtype()), src, dst);
  }

  /** A contiguous host tensor holding {@code src}'s values as {@code dtype}. */
  private static Tensor hostContiguous(Tensor src, DType dtype) {
    if (src.dtype() == dtype && src.layout().isContiguous()) {
      return src;
    }
    Tensor host =
        Tensor.fromStorage(
            Storage.cpu(dtype, src.numel()), Layout.contiguous(src.layout().shape()));
    Backends.of(Device.CPU).copy(src, host);
    return host;
  }

  private void upload(Tensor src, Tensor dst) {
    Tensor host = hostContiguous(src, dst.dtype());
    Tensor target =
        dst.layout().isContiguous()
            ? dst
            : CudaTensors.empty(device, dst.dtype(), dst.layout().shape());
    long bytes = (long) host.numel() * host.dtype().itemSize();
    device.makeCurrent();
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment staging = frame.allocate(bytes, 8);
      toNative(host, staging);
      device
          .driver()
          .copyHostToDevice(CudaTensors.address(target), staging, bytes, device.stream());
      // The staging memory is freed when the arena closes: the copy must have read it by then.
      device.synchronize();
    }
    if (target != dst) {
      kernels.elementwise(KernelSources.copy(dst.dtype(), dst.dtype()), target, dst);
    }
  }

  private void download(Tensor src, Tensor dst) {
    Tensor source = src;
    if (!src.layout().isContiguous() || src.dtype() != dst.dtype()) {
      source = CudaTensors.empty(device, dst.dtype(), src.layout().shape());
      kernels.elementwise(KernelSources.copy(src.dtype(), dst.dtype()), src, source);
    }
    Tensor host =
        dst.layout().isContiguous()
            ? dst
            : Tensor.fromStorage(
                Storage.cpu(dst.dtype(), dst.numel()), Layout.contiguous(dst.layout().shape()));
    long bytes = (long) dst.numel() * dst.dtype().itemSize();
    device.makeCurrent();
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment staging = frame.allocate(bytes, 8);
      device
          .driver()
          .copyDeviceToHost(staging, CudaTensors.address(source), bytes, device.stream());
      device.synchronize();
      fromNative(staging, host);
    }
    if (host != dst) {
      Backends.of(Device.CPU).copy(host, dst);
    }
  }

  /** Copies a contiguous host tensor's elements into native memory. */
  static void toNative(Tensor host, MemorySegment target) {
    Object array = host.storage().data();
    int offset = host.layout().offset();
    int n = host.numel();
    switch (host.dtype()) {
      case FLOAT32 -> MemorySegment.copy(array, offset, target, JAVA_FLOAT, 0, n);
      case FLOAT64 -> MemorySegment.copy(array, offset, target, JAVA_DOUBLE, 0, n);
      case INT64 -> MemorySegment.copy(array, offset, target, JAVA_LONG, 0, n);
      case INT32 -> MemorySegment.copy(array, offset, target, JAVA_INT, 0, n);
      case UINT8, BOOL -> MemorySegment.copy(array, offset, target, JAVA_BYTE, 0, n);
    }
  }

  /** Copies native memory into a contiguous host tensor's elements. */
  static void fromNative(MemorySegment source, Tensor host) {
    Object array = host.storage().data();
    int offset = host.layout().offset();
    int n = host.numel();
    switch (host.dtype()) {
      case FLOAT32 -> MemorySegment.copy(source, JAVA_FLOAT, 0, array, offset, n);
      case FLOAT64 -> MemorySegment.copy(source, JAVA_DOUBLE, 0, array, offset, n);
      case INT64 -> MemorySegment.copy(source, JAVA_LONG, 0, array, offset, n);
      case INT32 -> MemorySegment.copy(source, JAVA_INT, 0, array, offset, n);
      case UINT8, BOOL -> MemorySegment.copy(source, JAVA_BYTE, 0, array, offset, n);
    }
  }
}

package io.jgrad.backend.cuda;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.backend.Backend;
import io.jgrad.backend.Storage;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.CompareOp;
import io.jgrad.ops.ReduceOp;
import io.jgrad.ops.UnaryOp;
import java.util.Optional;

/**
 * The CUDA backend of one device: kernels generated as CUDA C and compiled by NVRTC on first use,
 * matmul through cuBLAS, memory from a caching allocator. Work is queued asynchronously on the
 * device's stream; reading values on the host (item, toFloatArray, printing, {@code to(CPU)})
 * synchronises.
 *
 * <p>{@code Backends.of(Device.of("cuda:0"))}; {@code CudaBackend.isAvailable()} is {@code
 * torch.cuda.is_available()}.
 */
public final class CudaBackend implements Backend {
  private final CudaDevice device;
  private final CudaKernels kernels;
  private final CudaIndexing indexing;
  private final CudaTransfers transfers;

  CudaBackend(CudaDevice device) {
    this.device = device;
    this.kernels = new CudaKernels(device);
    this.indexing = new CudaIndexing(device, kernels);
    this.transfers = new CudaTransfers(device, kernels);
  }

  /** Whether a CUDA device, NVRTC and cuBLAS are usable here. Cheap after the first call. */
  public static boolean isAvailable() {
    return CudaRuntime.get().isPresent();
  }

  /**
   * Why CUDA is not usable, as "CUDA not available: ...", or empty when it is.
   *
   * <p>{@code assumeTrue(CudaBackend.isAvailable(), CudaBackend.unavailableReason().orElse(""))}.
   */
  public static Optional<String> unavailableReason() {
    return CudaRuntime.unavailableReason().map(r -> "CUDA not available: " + r);
  }

  /** Number of visible CUDA devices (0 when CUDA is not available). */
  public static int deviceCount() {
    return CudaRuntime.get().map(CudaRuntime::deviceCount).orElse(0);
  }

  @Override
  public Device device() {
    return device.device();
  }

  /**
   * The GPU's name.
   *
   * <p>{@code "NVIDIA H100 80GB HBM3"}.
   */
  public String deviceName() {
    return device.name();
  }

  /** Waits for all queued work on this device, like {@code torch.cuda.synchronize()}. */
  public void synchronize() {
    device.synchronize();
  }

  /** Frees cached device blocks no tensor uses, like {@code torch.cuda.empty_cache()}. */
  public void emptyCache() {
    device.allocator().emptyCache();
  }

  /** Bytes held by live tensors, like {@code torch.cuda.memory_allocated()}. */
  public long memoryAllocated() {
    return device.allocator().allocatedBytes();
  }

  /** Bytes held from the device including the cache, like {@code torch.cuda.memory_reserved()}. */
  public long memoryReserved() {
    return device.allocator().reservedBytes();
  }

  @Override
  public Storage allocate(DType dtype, int numel) {
    DeviceBuffer buffer = device.allocate((long) numel * dtype.itemSize());
    return new Storage(dtype, device.device(), buffer, numel);
  }

  @Override
  public void copy(Tensor src, Tensor dst) {
    transfers.copy(src, dst);
  }

  @Override
  public void fill(Tensor dst, double value) {
    kernels.elementwise(KernelSources.fill(dst.dtype()), args -> args.doubleValue(value), dst);
  }

  @Override
  public void unary(UnaryOp op, Tensor x, Tensor out) {
    if (op == UnaryOp.NEG && out.dtype() == DType.BOOL) {
      throw new IllegalArgumentException(
          "Negation, the `-` operator, on a bool tensor is not "
              + "supported. If you are trying to invert a mask, use the `~` or `logical_not()` "
              + "operator instead.");
    }
    kernels.elementwise(KernelSources.unary(op, out.dtype()), x, out);
  }

  @Override
  public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    if (op == BinaryOp.SUB && out.dtype() == DType.BOOL) {
      throw new IllegalArgumentException(
          "Subtraction, the `-` operator, with two bool tensors is not supported. "
              + "Use the `^` or `logical_xor()` operator instead.");
    }
    kernels.elementwise(KernelSources.binary(op, out.dtype()), a, b, out);
  }

  @Override
  public void compare(CompareOp op, Tensor a, Tensor b, Tensor out) {
    kernels.elementwise(KernelSources.compare(op, a.dtype()), a, b, out);
  }

  @Override
  public void where(Tensor condition, Tensor a, Tensor b, Tensor out) {
    Tensor c = condition;
    if (condition.dtype() != DType.BOOL && condition.dtype() != DType.UINT8) {
      c = CudaTensors.empty(device, DType.BOOL, condition.layout().shape());
      kernels.elementwise(KernelSources.copy(condition.dtype(), DType.BOOL), condition, c);
    }
    kernels.elementwise(KernelSources.where(out.dtype()), c, a, b, out);
  }

  @Override
  public void reduce(ReduceOp op, Tensor x, int[] dims, Tensor out) {
    kernels.reduce(op, x, dims, out);
  }

  @Override
  public void matmul(Tensor a, Tensor b, Tensor out) {
    CudaMatmul.matmul(device, kernels, a, b, out);
  }

  @Override
  public void softmax(Tensor x, int dim, boolean log, Tensor out) {
    CudaKernels.checkFloating(log ? "log_softmax" : "softmax", x.dtype());
    kernels.softmax(x, dim, log, out);
  }

  @Override
  public void indexSelect(Tensor x, int dim, Tensor index, Tensor out) {
    indexing.indexSelect(x, dim, index, out);
  }

  @Override
  public void gather(Tensor x, int dim, Tensor index, Tensor out) {
    indexing.gather(x, dim, index, out);
  }

  @Override
  public void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
    indexing.scatterAdd(out, dim, index, src);
  }

  @Override
  public void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    indexing.indexAdd(out, dim, index, src);
  }
}

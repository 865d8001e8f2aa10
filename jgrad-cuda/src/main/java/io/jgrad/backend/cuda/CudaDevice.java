package io.jgrad.backend.cuda;

import io.jgrad.Device;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One GPU: its primary context, its one non-blocking stream (kernels, copies and cuBLAS all queue
 * there, so stream order alone makes buffer reuse safe), a cuBLAS handle, the caching allocator and
 * the loaded kernels.
 *
 * <p>Created by {@link CudaBackend}; {@code device.synchronize()} waits for queued work.
 */
final class CudaDevice {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final boolean SYNC_EACH_LAUNCH = Boolean.getBoolean("jgrad.cuda.sync");

  /** The context each thread has bound, so switching devices rebinds and staying does not. */
  private static final ThreadLocal<MemorySegment> CURRENT = new ThreadLocal<>();

  private final Device device;
  private final CudaRuntime runtime;
  private final Driver driver;
  private final int handle;
  private final MemorySegment context;
  private final MemorySegment stream;
  private final MemorySegment cublasHandle;
  private final int arch;
  private final int multiprocessors;
  private final String name;
  private final CudaAllocator allocator;
  private final KernelCache kernels;
  private final Map<String, MemorySegment> functions = new ConcurrentHashMap<>();

  CudaDevice(Device device, CudaRuntime runtime, KernelCache kernels) {
    this.device = device;
    this.runtime = runtime;
    this.driver = runtime.driver();
    this.kernels = kernels;
    this.handle = driver.device(device.index());
    this.context = driver.primaryContextRetain(handle);
    makeCurrent();
    this.stream = driver.streamCreate(Driver.CU_STREAM_NON_BLOCKING);
    this.arch =
        10 * driver.deviceAttribute(Driver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, handle)
            + driver.deviceAttribute(Driver.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, handle);
    this.multiprocessors =
        driver.deviceAttribute(Driver.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, handle);
    this.name = driver.deviceName(handle);
    Cublas cublas = runtime.cublas();
    this.cublasHandle = cublas.create();
    cublas.setStream(cublasHandle, stream);
    // PyTorch keeps float32 matmuls in full precision unless asked (allow_tf32 = False).
    cublas.setMathMode(
        cublasHandle,
        Boolean.getBoolean("jgrad.cuda.tf32")
            ? Cublas.CUBLAS_TF32_TENSOR_OP_MATH
            : Cublas.CUBLAS_DEFAULT_MATH);
    this.allocator =
        new CudaAllocator(
            new DeviceMemory() {
              @Override
              public long allocate(long bytes) {
                makeCurrent();
                return driver.memAlloc(bytes);
              }

              @Override
              public void free(long address) {
                makeCurrent();
                // A cached block may still be read by queued kernels: let them finish first.
                driver.streamSynchronize(stream);
                driver.memFree(address);
              }
            },
            CudaDevice::collectGarbage);
  }

  private static void collectGarbage() {
    System.gc();
    try {
      Thread.sleep(50); // give the Cleaner thread time to queue the blocks it found
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Binds this device's context to the calling thread unless it already is. */
  void makeCurrent() {
    if (!context.equals(CURRENT.get())) {
      driver.setCurrent(context);
      CURRENT.set(context);
    }
  }

  Device device() {
    return device;
  }

  Driver driver() {
    return driver;
  }

  Cublas cublas() {
    return runtime.cublas();
  }

  MemorySegment cublasHandle() {
    return cublasHandle;
  }

  MemorySegment stream() {
    return stream;
  }

  CudaAllocator allocator() {
    return allocator;
  }

  /** Compute capability as a number, 90 for an H100. */
  int arch() {
    return arch;
  }

  /** The device's name, such as "NVIDIA H100 80GB HBM3". */
  String name() {
    return name;
  }

  /** Blocks for a grid-stride launch: enough waves to fill every multiprocessor. */
  int maxBlocks() {
    return Math.max(1, multiprocessors) * 32;
  }

  /**
   * A zero-filled buffer of {@code bytes} from the caching allocator, returned to it when the
   * buffer becomes unreachable.
   */
  DeviceBuffer allocate(long bytes) {
    makeCurrent();
    CudaAllocator.Block block = allocator.allocate(Math.max(bytes, 1));
    driver.memsetWords(block.address(), 0, block.size() / 4, stream);
    DeviceBuffer buffer = new DeviceBuffer(device, block.address(), bytes);
    CudaAllocator owner = allocator;
    CLEANER.register(buffer, () -> owner.enqueueRelease(block));
    return buffer;
  }

  /** Waits until every queued kernel and copy has finished (the sync point of host reads). */
  void synchronize() {
    makeCurrent();
    driver.streamSynchronize(stream);
  }

  /** The loaded entry point {@code entry} of {@code source}, compiling it on first use. */
  MemorySegment function(KernelSource source, String entry) {
    MemorySegment f = functions.get(entry);
    if (f != null) {
      return f;
    }
    makeCurrent();
    MemorySegment module = loadModule(source);
    functions.put(source.name(), driver.moduleGetFunction(module, source.name()));
    if (source.source().contains(" " + source.contiguousName() + "(")) {
      functions.put(
          source.contiguousName(), driver.moduleGetFunction(module, source.contiguousName()));
    }
    return functions.get(entry);
  }

  private MemorySegment loadModule(KernelSource source) {
    KernelCache.Image image;
    try {
      image = kernels.image(source, arch, false);
    } catch (CudaException e) {
      if (e.status() != 5) { // NVRTC_ERROR_INVALID_OPTION: this NVRTC does not know sm_XY
        throw e;
      }
      image = kernels.image(source, arch, true);
    }
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment bytes = frame.allocate(image.bytes().length + 1L);
      MemorySegment.copy(
          image.bytes(),
          0,
          bytes,
          java.lang.foreign.ValueLayout.JAVA_BYTE,
          0,
          image.bytes().length);
      try {
        return driver.moduleLoadData(bytes);
      } catch (CudaException e) {
        if (!image.fromDisk()) {
          throw e;
        }
        kernels.evict(image); // a corrupt or foreign cache entry: compile afresh once
        return loadModule(source);
      }
    }
  }

  /** Launches {@code entry} with a 1-D grid and block; synchronises when jgrad.cuda.sync is set. */
  void launch(KernelSource source, String entry, int grid, int block, MemorySegment arguments) {
    MemorySegment f = function(source, entry);
    driver.launchKernel(f, grid, block, 0, stream, arguments, entry);
    if (SYNC_EACH_LAUNCH) {
      try {
        driver.streamSynchronize(stream);
      } catch (CudaException e) {
        throw new CudaException(
            e.call(), e.status(), e.statusName(), "kernel " + entry + " failed: " + e.getMessage());
      }
    }
  }
}

package io.jgrad.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.util.Map.entry;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Map;

/**
 * Bindings to the CUDA driver API ({@code libcuda.so.1}): one handle per exported symbol, named
 * exactly as exported (the {@code _v2} names the CUDA 12/13 headers map to), and thin wrappers that
 * check every {@code CUresult}.
 *
 * <p>{@code CUdeviceptr} and {@code size_t} are {@code JAVA_LONG}; handles ({@code CUcontext},
 * {@code CUstream}, {@code CUmodule}, {@code CUfunction}) and pointers are {@code ADDRESS}; {@code
 * CUdevice}, enums and {@code unsigned int} are {@code JAVA_INT}. Device pointers never become
 * host-dereferenceable segments. {@code new Driver(lookup).init()}.
 */
final class Driver {
  /** The C prototypes from {@code cuda.h} (CUDA 13.0) as FFM descriptors, by exported symbol. */
  static final Map<String, FunctionDescriptor> SIGNATURES =
      Map.ofEntries(
          entry("cuInit", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
          entry("cuDriverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          entry("cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)),
          entry("cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)),
          entry("cuDeviceGetCount", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          entry("cuDeviceGet", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
          entry("cuDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
          entry(
              "cuDeviceGetAttribute", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT)),
          entry("cuDeviceTotalMem_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
          entry("cuDevicePrimaryCtxRetain", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
          entry("cuDevicePrimaryCtxRelease_v2", FunctionDescriptor.of(JAVA_INT, JAVA_INT)),
          entry("cuCtxSetCurrent", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          entry("cuCtxSynchronize", FunctionDescriptor.of(JAVA_INT)),
          entry("cuMemGetInfo_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("cuStreamCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT)),
          entry("cuStreamSynchronize", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          entry("cuStreamDestroy_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          entry("cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG)),
          entry("cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG)),
          entry(
              "cuMemcpyHtoDAsync_v2",
              FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS)),
          entry(
              "cuMemcpyDtoHAsync_v2",
              FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS)),
          entry(
              "cuMemcpyDtoDAsync_v2",
              FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS)),
          entry(
              "cuMemsetD32Async",
              FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS)),
          entry("cuModuleLoadData", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("cuModuleGetFunction", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS)),
          entry("cuModuleUnload", FunctionDescriptor.of(JAVA_INT, ADDRESS)),
          entry(
              "cuLaunchKernel",
              FunctionDescriptor.of(
                  JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                  JAVA_INT, ADDRESS, ADDRESS, ADDRESS)));

  static final int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
  static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
  static final int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
  static final int CU_STREAM_NON_BLOCKING = 1;
  static final int CUDA_ERROR_OUT_OF_MEMORY = 2;

  private static final String LIBRARY = "libcuda.so.1";

  final MethodHandle cuInit;
  final MethodHandle cuDriverGetVersion;
  final MethodHandle cuGetErrorName;
  final MethodHandle cuGetErrorString;
  final MethodHandle cuDeviceGetCount;
  final MethodHandle cuDeviceGet;
  final MethodHandle cuDeviceGetName;
  final MethodHandle cuDeviceGetAttribute;
  final MethodHandle cuDeviceTotalMem_v2;
  final MethodHandle cuDevicePrimaryCtxRetain;
  final MethodHandle cuDevicePrimaryCtxRelease_v2;
  final MethodHandle cuCtxSetCurrent;
  final MethodHandle cuCtxSynchronize;
  final MethodHandle cuMemGetInfo_v2;
  final MethodHandle cuStreamCreate;
  final MethodHandle cuStreamSynchronize;
  final MethodHandle cuStreamDestroy_v2;
  final MethodHandle cuMemAlloc_v2;
  final MethodHandle cuMemFree_v2;
  final MethodHandle cuMemcpyHtoDAsync_v2;
  final MethodHandle cuMemcpyDtoHAsync_v2;
  final MethodHandle cuMemcpyDtoDAsync_v2;
  final MethodHandle cuMemsetD32Async;
  final MethodHandle cuModuleLoadData;
  final MethodHandle cuModuleGetFunction;
  final MethodHandle cuModuleUnload;
  final MethodHandle cuLaunchKernel;

  /** Binds every symbol of {@link #SIGNATURES} in {@code lookup} (the loaded libcuda). */
  Driver(SymbolLookup lookup) {
    cuInit = bind(lookup, "cuInit");
    cuDriverGetVersion = bind(lookup, "cuDriverGetVersion");
    cuGetErrorName = bind(lookup, "cuGetErrorName");
    cuGetErrorString = bind(lookup, "cuGetErrorString");
    cuDeviceGetCount = bind(lookup, "cuDeviceGetCount");
    cuDeviceGet = bind(lookup, "cuDeviceGet");
    cuDeviceGetName = bind(lookup, "cuDeviceGetName");
    cuDeviceGetAttribute = bind(lookup, "cuDeviceGetAttribute");
    cuDeviceTotalMem_v2 = bind(lookup, "cuDeviceTotalMem_v2");
    cuDevicePrimaryCtxRetain = bind(lookup, "cuDevicePrimaryCtxRetain");
    cuDevicePrimaryCtxRelease_v2 = bind(lookup, "cuDevicePrimaryCtxRelease_v2");
    cuCtxSetCurrent = bind(lookup, "cuCtxSetCurrent");
    cuCtxSynchronize = bind(lookup, "cuCtxSynchronize");
    cuMemGetInfo_v2 = bind(lookup, "cuMemGetInfo_v2");
    cuStreamCreate = bind(lookup, "cuStreamCreate");
    cuStreamSynchronize = bind(lookup, "cuStreamSynchronize");
    cuStreamDestroy_v2 = bind(lookup, "cuStreamDestroy_v2");
    cuMemAlloc_v2 = bind(lookup, "cuMemAlloc_v2");
    cuMemFree_v2 = bind(lookup, "cuMemFree_v2");
    cuMemcpyHtoDAsync_v2 = bind(lookup, "cuMemcpyHtoDAsync_v2");
    cuMemcpyDtoHAsync_v2 = bind(lookup, "cuMemcpyDtoHAsync_v2");
    cuMemcpyDtoDAsync_v2 = bind(lookup, "cuMemcpyDtoDAsync_v2");
    cuMemsetD32Async = bind(lookup, "cuMemsetD32Async");
    cuModuleLoadData = bind(lookup, "cuModuleLoadData");
    cuModuleGetFunction = bind(lookup, "cuModuleGetFunction");
    cuModuleUnload = bind(lookup, "cuModuleUnload");
    cuLaunchKernel = bind(lookup, "cuLaunchKernel");
  }

  private static MethodHandle bind(SymbolLookup lookup, String symbol) {
    return Bindings.bind(lookup, LIBRARY, symbol, SIGNATURES);
  }

  /** Throws a {@link CudaException} naming {@code call} unless {@code status} is CUDA_SUCCESS. */
  void check(int status, String call, String detail) {
    if (status != 0) {
      throw new CudaException(call, status, errorName(status), describe(status, detail));
    }
  }

  /** The driver's own name for a CUresult, or the header table's when it has none. */
  String errorName(int status) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(ADDRESS);
      int rc = (int) cuGetErrorName.invokeExact(status, out);
      return rc == 0
          ? Bindings.cString(out.get(ADDRESS, 0), CudaStatus.driverName(status))
          : CudaStatus.driverName(status);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  private String describe(int status, String detail) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(ADDRESS);
      int rc = (int) cuGetErrorString.invokeExact(status, out);
      String text = rc == 0 ? Bindings.cString(out.get(ADDRESS, 0), "") : "";
      return detail == null || detail.isEmpty() ? text : text + " (" + detail + ")";
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** {@code cuInit(0)}. */
  void init() {
    try {
      check((int) cuInit.invokeExact(0), "cuInit", "");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** The CUDA version the driver supports, as 1000 * major + 10 * minor (13000 for 13.0). */
  int driverVersion() {
    return intOut(cuDriverGetVersion, "cuDriverGetVersion");
  }

  /** Number of CUDA devices visible to this process. */
  int deviceCount() {
    return intOut(cuDeviceGetCount, "cuDeviceGetCount");
  }

  private int intOut(MethodHandle handle, String call) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(JAVA_INT);
      check((int) handle.invokeExact(out), call, "");
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** The {@code CUdevice} handle of device {@code ordinal}. */
  int device(int ordinal) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(JAVA_INT);
      check((int) cuDeviceGet.invokeExact(out, ordinal), "cuDeviceGet", "ordinal " + ordinal);
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** The marketing name of {@code device}, such as "NVIDIA H100 80GB HBM3". */
  String deviceName(int device) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(256);
      check((int) cuDeviceGetName.invokeExact(out, 256, device), "cuDeviceGetName", "");
      return out.getString(0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** A {@code CUdevice_attribute} value of {@code device}. */
  int deviceAttribute(int attribute, int device) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(JAVA_INT);
      check(
          (int) cuDeviceGetAttribute.invokeExact(out, attribute, device),
          "cuDeviceGetAttribute",
          "attribute " + attribute);
      return out.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Total device memory in bytes. */
  long totalMemory(int device) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(JAVA_LONG);
      check((int) cuDeviceTotalMem_v2.invokeExact(out, device), "cuDeviceTotalMem_v2", "");
      return out.get(JAVA_LONG, 0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Free and total memory of the current context's device: {@code {free, total}}. */
  long[] memoryInfo() {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment free = frame.allocate(JAVA_LONG);
      MemorySegment total = frame.allocate(JAVA_LONG);
      check((int) cuMemGetInfo_v2.invokeExact(free, total), "cuMemGetInfo_v2", "");
      return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Retains the device's primary context (shared with cuBLAS and the runtime API). */
  MemorySegment primaryContextRetain(int device) {
    return handleOut(
        out -> (int) cuDevicePrimaryCtxRetain.invokeExact(out, device), "cuDevicePrimaryCtxRetain");
  }

  /** Releases one retain of the device's primary context. */
  void primaryContextRelease(int device) {
    try {
      check(
          (int) cuDevicePrimaryCtxRelease_v2.invokeExact(device),
          "cuDevicePrimaryCtxRelease_v2",
          "");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Binds {@code context} to the calling thread. */
  void setCurrent(MemorySegment context) {
    try {
      check((int) cuCtxSetCurrent.invokeExact(context), "cuCtxSetCurrent", "");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** A new stream; {@code flags} 1 = does not synchronise with the legacy NULL stream. */
  MemorySegment streamCreate(int flags) {
    return handleOut(out -> (int) cuStreamCreate.invokeExact(out, flags), "cuStreamCreate");
  }

  /** Blocks until all work queued on {@code stream} has finished. */
  void streamSynchronize(MemorySegment stream) {
    try {
      check(
          (int) cuStreamSynchronize.invokeExact(stream),
          "cuStreamSynchronize",
          "an earlier asynchronous kernel or copy failed; run with -Djgrad.cuda.sync=true to name it");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Destroys {@code stream} once its work is done. */
  void streamDestroy(MemorySegment stream) {
    try {
      check((int) cuStreamDestroy_v2.invokeExact(stream), "cuStreamDestroy_v2", "");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** {@code cuMemAlloc_v2}: a device allocation of {@code bytes}; returns the CUdeviceptr. */
  long memAlloc(long bytes) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(JAVA_LONG);
      check((int) cuMemAlloc_v2.invokeExact(out, bytes), "cuMemAlloc_v2", bytes + " bytes");
      return out.get(JAVA_LONG, 0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Frees a device allocation. */
  void memFree(long pointer) {
    try {
      check((int) cuMemFree_v2.invokeExact(pointer), "cuMemFree_v2", "");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Queues a host-to-device copy; pageable sources are staged before this returns. */
  void copyHostToDevice(long dst, MemorySegment src, long bytes, MemorySegment stream) {
    try {
      check(
          (int) cuMemcpyHtoDAsync_v2.invokeExact(dst, src, bytes, stream),
          "cuMemcpyHtoDAsync_v2",
          bytes + " bytes");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Queues a device-to-host copy; the caller synchronises the stream before reading. */
  void copyDeviceToHost(MemorySegment dst, long src, long bytes, MemorySegment stream) {
    try {
      check(
          (int) cuMemcpyDtoHAsync_v2.invokeExact(dst, src, bytes, stream),
          "cuMemcpyDtoHAsync_v2",
          bytes + " bytes");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Queues a device-to-device copy. */
  void copyDeviceToDevice(long dst, long src, long bytes, MemorySegment stream) {
    try {
      check(
          (int) cuMemcpyDtoDAsync_v2.invokeExact(dst, src, bytes, stream),
          "cuMemcpyDtoDAsync_v2",
          bytes + " bytes");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Queues setting {@code words} 32-bit words at {@code dst} to {@code value}. */
  void memsetWords(long dst, int value, long words, MemorySegment stream) {
    try {
      check(
          (int) cuMemsetD32Async.invokeExact(dst, value, words, stream),
          "cuMemsetD32Async",
          words + " words");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Loads a CUBIN or PTX image into the current context. */
  MemorySegment moduleLoadData(MemorySegment image) {
    return handleOut(out -> (int) cuModuleLoadData.invokeExact(out, image), "cuModuleLoadData");
  }

  /** The kernel {@code name} of {@code module}. */
  MemorySegment moduleGetFunction(MemorySegment module, String name) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(ADDRESS);
      MemorySegment cName = frame.allocateFrom(name);
      check((int) cuModuleGetFunction.invokeExact(out, module, cName), "cuModuleGetFunction", name);
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Unloads a module. */
  void moduleUnload(MemorySegment module) {
    try {
      check((int) cuModuleUnload.invokeExact(module), "cuModuleUnload", "");
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** Queues {@code function} on {@code stream} with a 1-D grid and the packed parameters. */
  void launchKernel(
      MemorySegment function,
      int grid,
      int block,
      int sharedBytes,
      MemorySegment stream,
      MemorySegment parameters,
      String name) {
    try {
      check(
          (int)
              cuLaunchKernel.invokeExact(
                  function,
                  grid,
                  1,
                  1,
                  block,
                  1,
                  1,
                  sharedBytes,
                  stream,
                  parameters,
                  MemorySegment.NULL),
          "cuLaunchKernel",
          name + " grid " + grid + " block " + block);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  @FunctionalInterface
  private interface HandleCall {
    int call(MemorySegment out) throws Throwable;
  }

  private MemorySegment handleOut(HandleCall call, String name) {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment out = frame.allocate(ADDRESS);
      check(call.call(out), name, "");
      return out.get(ADDRESS, 0);
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }
}

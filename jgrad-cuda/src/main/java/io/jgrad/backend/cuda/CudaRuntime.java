package io.jgrad.backend.cuda;

import java.util.Optional;

/**
 * The loaded CUDA libraries of this process, or why they could not be loaded: the driver is
 * initialised and asked for devices once, on first use, and the answer is kept.
 *
 * <p>{@code CudaRuntime.get().orElseThrow().driver().deviceCount()}.
 */
final class CudaRuntime {
  private final Driver driver;
  private final Nvrtc nvrtc;
  private final Cublas cublas;
  private final int driverVersion;
  private final int deviceCount;
  private final int[] nvrtcVersion;
  private KernelCache kernelCache;

  private CudaRuntime(
      Driver driver,
      Nvrtc nvrtc,
      Cublas cublas,
      int driverVersion,
      int deviceCount,
      int[] nvrtcVersion) {
    this.driver = driver;
    this.nvrtc = nvrtc;
    this.cublas = cublas;
    this.driverVersion = driverVersion;
    this.deviceCount = deviceCount;
    this.nvrtcVersion = nvrtcVersion;
  }

  private static final class Holder {
    private static final Object STATE = load(LibraryLocator.system());
  }

  /** The runtime, when CUDA is usable here. */
  static Optional<CudaRuntime> get() {
    return Holder.STATE instanceof CudaRuntime runtime ? Optional.of(runtime) : Optional.empty();
  }

  /** Why CUDA is not usable here (without the "CUDA not available" prefix), or empty. */
  static Optional<String> unavailableReason() {
    return Holder.STATE instanceof String reason ? Optional.of(reason) : Optional.empty();
  }

  /**
   * Loads the three libraries with {@code locator} and initialises the driver; returns the runtime
   * or a one-line reason. Never throws: availability checks must be cheap and safe.
   */
  static Object load(LibraryLocator locator) {
    Driver driver;
    int version;
    int count;
    try {
      driver = new Driver(locator.load(LibraryLocator.DRIVER).lookup());
      driver.init();
      version = driver.driverVersion();
      count = driver.deviceCount();
    } catch (IllegalStateException | CudaException e) {
      return "no usable NVIDIA driver: " + e.getMessage() + " (the CPU backend works without it)";
    }
    if (count == 0) {
      return "the NVIDIA driver reports no CUDA device";
    }
    try {
      Nvrtc nvrtc = new Nvrtc(locator.load(LibraryLocator.NVRTC).lookup());
      int[] nvrtcVersion = nvrtc.version();
      if (nvrtcVersion[0] * 1000 > version) {
        return "NVRTC "
            + nvrtcVersion[0]
            + "."
            + nvrtcVersion[1]
            + " is newer than the CUDA "
            + version / 1000
            + "."
            + version % 1000 / 10
            + " the driver supports";
      }
      Cublas cublas = new Cublas(locator.load(LibraryLocator.CUBLAS).lookup());
      return new CudaRuntime(driver, nvrtc, cublas, version, count, nvrtcVersion);
    } catch (IllegalStateException | CudaException e) {
      return e.getMessage()
          + " (install the nvidia-cuda-nvrtc and nvidia-cublas wheels or a CUDA"
          + " toolkit, or set JGRAD_CUDA_LIBRARY_PATH)";
    }
  }

  Driver driver() {
    return driver;
  }

  Nvrtc nvrtc() {
    return nvrtc;
  }

  Cublas cublas() {
    return cublas;
  }

  /** The driver's CUDA version, 13000 for 13.0. */
  int driverVersion() {
    return driverVersion;
  }

  /** Number of visible devices. */
  int deviceCount() {
    return deviceCount;
  }

  /** The process-wide kernel cache over this NVRTC, created on first use. */
  synchronized KernelCache kernelCache() {
    if (kernelCache == null) {
      kernelCache =
          new KernelCache(
              nvrtc::compile,
              "nvrtc " + nvrtcVersion[0] + "." + nvrtcVersion[1],
              KernelCache.defaultDirectory());
    }
    return kernelCache;
  }

  /** NVRTC's {@code {major, minor}}. */
  int[] nvrtcVersion() {
    return nvrtcVersion.clone();
  }
}

package io.jgrad.backend.cuda;

import io.jgrad.Device;

/**
 * What a CUDA {@link io.jgrad.backend.Storage#data()} holds: a device address and its size. The
 * memory belongs to the device's caching allocator and goes back to it when the storage becomes
 * unreachable (a {@link java.lang.ref.Cleaner} queues it; no CUDA call runs on the Cleaner thread).
 *
 * <p>{@code ((DeviceBuffer) t.storage().data()).address()} is the CUdeviceptr of element 0.
 */
public final class DeviceBuffer {
  private final Device device;
  private final long address;
  private final long bytes;

  DeviceBuffer(Device device, long address, long bytes) {
    this.device = device;
    this.address = address;
    this.bytes = bytes;
  }

  /**
   * The device the memory is on.
   *
   * <p>{@code buffer.device()} is {@code cuda:0}.
   */
  public Device device() {
    return device;
  }

  /**
   * The CUdeviceptr of the first byte.
   *
   * <p>Pass it to native code; never dereference it.
   */
  public long address() {
    return address;
  }

  /** Usable size in bytes (the allocator's block may be larger). */
  public long bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "DeviceBuffer(" + device + ", 0x" + Long.toHexString(address) + ", " + bytes + " bytes)";
  }
}

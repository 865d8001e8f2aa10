package io.jgrad.backend.cuda;

/**
 * Raw device allocation, beneath the caching allocator: {@code cuMemAlloc_v2}/{@code cuMemFree_v2}
 * on a GPU, a counting fake in tests.
 *
 * <p>{@code long p = memory.allocate(4096); memory.free(p);}
 */
interface DeviceMemory {
  /**
   * A new allocation of exactly {@code bytes}.
   *
   * @throws CudaException with status 2 (CUDA_ERROR_OUT_OF_MEMORY) when the device is full
   */
  long allocate(long bytes);

  /** Returns an allocation to the device. */
  void free(long address);
}

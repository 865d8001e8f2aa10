package io.jgrad.backend.cuda;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A caching device allocator in the spirit of PyTorch's CUDACachingAllocator: requests are rounded
 * to size classes, freed blocks go to per-class free lists and are handed out again without a
 * driver call, and {@link #emptyCache()} returns the cached ones to the device.
 *
 * <p>Rounding: up to 1 MiB to a multiple of 512 B (PyTorch's kMinBlockSize, small pool), above to a
 * multiple of 2 MiB (kRoundLarge, large pool). Blocks are not split; instead a large request may
 * take a cached block up to 1/8 larger than its class. Reuse in stream order is safe because every
 * kernel and copy of a device runs on its one stream. Blocks freed by the garbage collector arrive
 * through {@link #enqueueRelease} (the Cleaner thread makes no CUDA call) and are moved to the free
 * lists on the next allocation. {@code allocator.allocate(4000)} takes a 4096-byte block.
 */
final class CudaAllocator {
  static final long SMALL_LIMIT = 1L << 20;
  static final long SMALL_ROUND = 512;
  static final long LARGE_ROUND = 2L << 20;

  /** One device allocation; identity matters, equality is by object. */
  static final class Block {
    private final long address;
    private final long size;
    private boolean inUse;

    Block(long address, long size) {
      this.address = address;
      this.size = size;
    }

    /** Device address. */
    long address() {
      return address;
    }

    /** Rounded size in bytes. */
    long size() {
      return size;
    }
  }

  private final DeviceMemory memory;
  private final Runnable collectGarbage;
  private final TreeMap<Long, ArrayDeque<Block>> free = new TreeMap<>();
  private final ConcurrentLinkedQueue<Block> pending = new ConcurrentLinkedQueue<>();
  private long allocatedBytes;
  private long reservedBytes;
  private long cacheHits;
  private long deviceAllocations;

  /**
   * An allocator over {@code memory}; {@code collectGarbage} is run when the device is full, to let
   * unreachable tensors give their blocks back (System.gc plus a short wait in production).
   */
  CudaAllocator(DeviceMemory memory, Runnable collectGarbage) {
    this.memory = memory;
    this.collectGarbage = collectGarbage;
  }

  /**
   * The size class of a request of {@code bytes}.
   *
   * <p>{@code roundSize(1)} is 512.
   */
  static long roundSize(long bytes) {
    if (bytes <= SMALL_LIMIT) {
      return Math.max(SMALL_ROUND, (bytes + SMALL_ROUND - 1) / SMALL_ROUND * SMALL_ROUND);
    }
    return (bytes + LARGE_ROUND - 1) / LARGE_ROUND * LARGE_ROUND;
  }

  /**
   * A block of at least {@code bytes}: a cached one when possible, else a new device allocation;
   * when the device is full, cached blocks are freed and the GC is asked for unreachable ones
   * before giving up.
   *
   * @throws CudaException CUDA_ERROR_OUT_OF_MEMORY with the allocator's numbers
   */
  synchronized Block allocate(long bytes) {
    drainPending();
    long size = roundSize(bytes);
    Block block = takeCached(size);
    if (block == null) {
      block = allocateFromDevice(size, bytes);
    } else {
      cacheHits++;
    }
    block.inUse = true;
    allocatedBytes += block.size;
    return block;
  }

  private Block takeCached(long size) {
    long limit = size <= SMALL_LIMIT ? size : size + size / 8;
    Map.Entry<Long, ArrayDeque<Block>> entry = free.ceilingEntry(size);
    if (entry == null || entry.getKey() > limit) {
      return null;
    }
    Block block = entry.getValue().pop();
    if (entry.getValue().isEmpty()) {
      free.remove(entry.getKey());
    }
    return block;
  }

  private Block allocateFromDevice(long size, long requested) {
    for (int attempt = 0; ; attempt++) {
      try {
        long address = memory.allocate(size);
        deviceAllocations++;
        reservedBytes += size;
        return new Block(address, size);
      } catch (CudaException e) {
        if (e.status() != Driver.CUDA_ERROR_OUT_OF_MEMORY) {
          throw e;
        }
        if (attempt == 0) {
          releaseCached();
        } else if (attempt <= 2) {
          // Device memory is invisible to the GC: ask it for unreachable tensors explicitly,
          // reuse one of their blocks if it fits, else give them all back to the device.
          collectGarbage.run();
          drainPending();
          Block reclaimed = takeCached(size);
          if (reclaimed != null) {
            cacheHits++;
            return reclaimed;
          }
          releaseCached();
        } else {
          throw new CudaException(
              "cuMemAlloc_v2",
              e.status(),
              e.statusName(),
              String.format(
                  "CUDA out of memory. Tried to allocate %s. jgrad holds %s in live tensors and %s"
                      + " reserved in total",
                  mib(requested), mib(allocatedBytes), mib(reservedBytes)));
        }
      }
    }
  }

  private static String mib(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
  }

  /** Returns {@code block} to the free lists; the caller no longer uses it. */
  synchronized void release(Block block) {
    if (!block.inUse) {
      throw new IllegalStateException(
          "block at 0x" + Long.toHexString(block.address) + " released twice");
    }
    block.inUse = false;
    allocatedBytes -= block.size;
    free.computeIfAbsent(block.size, k -> new ArrayDeque<>()).push(block);
  }

  /** Called from the Cleaner thread: queue the block, to be released by the next allocation. */
  void enqueueRelease(Block block) {
    pending.add(block);
  }

  private void drainPending() {
    for (Block b = pending.poll(); b != null; b = pending.poll()) {
      release(b);
    }
  }

  /**
   * Frees every cached (unused) block back to the device, like {@code torch.cuda.empty_cache()}.
   */
  synchronized void emptyCache() {
    drainPending();
    releaseCached();
  }

  private void releaseCached() {
    for (ArrayDeque<Block> blocks : free.values()) {
      for (Block b : blocks) {
        memory.free(b.address);
        reservedBytes -= b.size;
      }
    }
    free.clear();
  }

  /** Bytes in blocks handed out and not yet released ({@code torch.cuda.memory_allocated}). */
  synchronized long allocatedBytes() {
    return allocatedBytes;
  }

  /** Bytes held from the device, live plus cached ({@code torch.cuda.memory_reserved}). */
  synchronized long reservedBytes() {
    return reservedBytes;
  }

  /** Allocations served from the cache. */
  synchronized long cacheHits() {
    return cacheHits;
  }

  /** Allocations that called the device. */
  synchronized long deviceAllocations() {
    return deviceAllocations;
  }
}

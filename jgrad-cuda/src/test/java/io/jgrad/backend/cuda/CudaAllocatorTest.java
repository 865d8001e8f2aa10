package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The caching allocator over a fake device with a byte budget. */
class CudaAllocatorTest {
  /** A device of {@code capacity} bytes that hands out increasing addresses. */
  static final class FakeMemory implements DeviceMemory {
    final long capacity;
    long used;
    long next = 0x7f0000000000L;
    final Map<Long, Long> live = new HashMap<>();
    int frees;

    FakeMemory(long capacity) {
      this.capacity = capacity;
    }

    @Override
    public long allocate(long bytes) {
      if (used + bytes > capacity) {
        throw new CudaException("cuMemAlloc_v2", 2, "CUDA_ERROR_OUT_OF_MEMORY", bytes + " bytes");
      }
      used += bytes;
      long address = next;
      next += bytes;
      live.put(address, bytes);
      return address;
    }

    @Override
    public void free(long address) {
      Long bytes = live.remove(address);
      assertThat(bytes).as("free of a live address").isNotNull();
      used -= bytes;
      frees++;
    }
  }

  @Test
  void roundsToPyTorchSizeClasses() {
    assertThat(CudaAllocator.roundSize(1)).isEqualTo(512);
    assertThat(CudaAllocator.roundSize(512)).isEqualTo(512);
    assertThat(CudaAllocator.roundSize(513)).isEqualTo(1024);
    assertThat(CudaAllocator.roundSize(1 << 20)).isEqualTo(1 << 20);
    assertThat(CudaAllocator.roundSize((1 << 20) + 1)).isEqualTo(2L << 20);
    assertThat(CudaAllocator.roundSize(5L << 20)).isEqualTo(6L << 20);
  }

  @Test
  void releasedBlockIsReusedWithoutADeviceCall() {
    FakeMemory memory = new FakeMemory(1L << 30);
    CudaAllocator allocator = new CudaAllocator(memory, () -> {});
    CudaAllocator.Block a = allocator.allocate(1000);
    allocator.release(a);
    CudaAllocator.Block b = allocator.allocate(1024);
    assertThat(b).isSameAs(a);
    assertThat(allocator.deviceAllocations()).isEqualTo(1);
    assertThat(allocator.cacheHits()).isEqualTo(1);
    assertThat(allocator.allocatedBytes()).isEqualTo(1024);
    assertThat(allocator.reservedBytes()).isEqualTo(1024);
  }

  @Test
  void smallPoolNeedsTheExactClassLargePoolAcceptsAnEighthMore() {
    FakeMemory memory = new FakeMemory(1L << 34);
    CudaAllocator allocator = new CudaAllocator(memory, () -> {});
    allocator.release(allocator.allocate(2048));
    assertThat(allocator.allocate(1024).size()).isEqualTo(1024); // not the cached 2048
    allocator.release(allocator.allocate(18L << 20));
    assertThat(allocator.allocate(16L << 20).size()).isEqualTo(18L << 20); // 18 <= 16 * 9/8
    allocator.release(allocator.allocate(40L << 20));
    assertThat(allocator.allocate(20L << 20).size()).isEqualTo(20L << 20); // 40 is too wasteful
  }

  @Test
  void emptyCacheFreesOnlyUnusedBlocks() {
    FakeMemory memory = new FakeMemory(1L << 30);
    CudaAllocator allocator = new CudaAllocator(memory, () -> {});
    CudaAllocator.Block kept = allocator.allocate(4096);
    allocator.release(allocator.allocate(8192));
    allocator.emptyCache();
    assertThat(memory.frees).isEqualTo(1);
    assertThat(memory.live).containsOnlyKeys(kept.address());
    assertThat(allocator.reservedBytes()).isEqualTo(4096);
    assertThat(allocator.allocatedBytes()).isEqualTo(4096);
  }

  @Test
  void cleanerQueuedBlocksReturnOnTheNextAllocation() {
    FakeMemory memory = new FakeMemory(1L << 30);
    CudaAllocator allocator = new CudaAllocator(memory, () -> {});
    CudaAllocator.Block a = allocator.allocate(600);
    allocator.enqueueRelease(a);
    assertThat(allocator.allocate(600)).isSameAs(a);
  }

  @Test
  void outOfMemoryFreesTheCacheBeforeAskingTheGarbageCollector() {
    FakeMemory memory = new FakeMemory(5L << 20);
    int[] collections = {0};
    CudaAllocator allocator = new CudaAllocator(memory, () -> collections[0]++);
    allocator.release(allocator.allocate(2L << 20)); // cached, not live
    CudaAllocator.Block other = allocator.allocate((3L << 20) + 1); // 4 MiB class: 2 + 4 > 5
    assertThat(other.size()).isEqualTo(4L << 20);
    assertThat(memory.frees).isEqualTo(1);
    assertThat(collections[0]).isZero();
  }

  @Test
  void outOfMemoryAsksTheGarbageCollectorForUnreachableTensors() {
    FakeMemory memory = new FakeMemory(3L << 20);
    List<CudaAllocator.Block> unreachable = new ArrayList<>();
    CudaAllocator[] holder = new CudaAllocator[1];
    int[] collections = {0};
    holder[0] =
        new CudaAllocator(
            memory,
            () -> {
              collections[0]++;
              unreachable.forEach(holder[0]::enqueueRelease); // what the Cleaner thread would do
              unreachable.clear();
            });
    CudaAllocator allocator = holder[0];
    CudaAllocator.Block lost = allocator.allocate(2L << 20);
    unreachable.add(lost);
    CudaAllocator.Block next = allocator.allocate((1L << 20) + 1); // 2 MiB class: 2 + 2 > 3
    assertThat(next).isSameAs(lost); // the collected block is reused, no device call
    assertThat(collections[0]).isEqualTo(1);
    assertThat(memory.frees).isZero();
    assertThat(allocator.allocatedBytes()).isEqualTo(2L << 20);
  }

  @Test
  void outOfMemoryAfterAllRetriesNamesTheNumbers() {
    FakeMemory memory = new FakeMemory(4L << 20);
    int[] collections = {0};
    CudaAllocator allocator = new CudaAllocator(memory, () -> collections[0]++);
    allocator.allocate(4L << 20);
    assertThatThrownBy(() -> allocator.allocate(2L << 20))
        .isInstanceOf(CudaException.class)
        .hasMessageContaining("CUDA_ERROR_OUT_OF_MEMORY")
        .hasMessageContaining("Tried to allocate 2.00 MiB")
        .hasMessageContaining("4.00 MiB in live tensors");
    assertThat(collections[0]).isEqualTo(2);
  }

  @Test
  void releasingTwiceIsAnError() {
    CudaAllocator allocator = new CudaAllocator(new FakeMemory(1L << 20), () -> {});
    CudaAllocator.Block a = allocator.allocate(100);
    allocator.release(a);
    assertThatThrownBy(() -> allocator.release(a))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("released twice");
  }
}

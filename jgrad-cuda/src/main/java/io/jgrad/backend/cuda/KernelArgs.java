package io.jgrad.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code void** kernelParams} of {@code cuLaunchKernel}: each argument is written to host
 * memory in the C layout of its parameter, and the array points at those copies. The driver copies
 * them at launch, so the arena may close right after.
 *
 * <p>{@code new KernelArgs(arena).longValue(n).pointer(x).pointer(out).pack()}.
 */
final class KernelArgs {
  /** {@code struct JgShape { int rank; int sizes[MAX_DIMS]; }}. */
  static final long SHAPE_BYTES = 4L * (1 + KernelPrelude.MAX_DIMS);

  /** {@code struct JgStrides { int s[MAX_DIMS]; }}. */
  static final long STRIDES_BYTES = 4L * KernelPrelude.MAX_DIMS;

  private final Arena arena;
  private final List<MemorySegment> values = new ArrayList<>();

  /** Arguments allocated in {@code arena}. */
  KernelArgs(Arena arena) {
    this.arena = arena;
  }

  /** A {@code long long} argument. */
  KernelArgs longValue(long value) {
    values.add(arena.allocateFrom(JAVA_LONG, value));
    return this;
  }

  /** An {@code int} argument. */
  KernelArgs intValue(int value) {
    values.add(arena.allocateFrom(JAVA_INT, value));
    return this;
  }

  /** A {@code double} argument. */
  KernelArgs doubleValue(double value) {
    values.add(arena.allocateFrom(JAVA_DOUBLE, value));
    return this;
  }

  /** A device pointer argument (a 64-bit CUdeviceptr). */
  KernelArgs pointer(long address) {
    return longValue(address);
  }

  /** A {@code JgShape} argument. */
  KernelArgs shape(int[] sizes) {
    MemorySegment s = arena.allocate(SHAPE_BYTES, 4);
    s.set(JAVA_INT, 0, sizes.length);
    for (int i = 0; i < sizes.length; i++) {
      s.set(JAVA_INT, 4L * (i + 1), sizes[i]);
    }
    values.add(s);
    return this;
  }

  /** A {@code JgStrides} argument. */
  KernelArgs strides(int[] strides) {
    MemorySegment s = arena.allocate(STRIDES_BYTES, 4);
    for (int i = 0; i < strides.length; i++) {
      s.set(JAVA_INT, 4L * i, strides[i]);
    }
    values.add(s);
    return this;
  }

  /** Number of arguments so far. */
  int count() {
    return values.size();
  }

  /** The argument at {@code index}, as written (for tests of the layout). */
  MemorySegment value(int index) {
    return values.get(index);
  }

  /** The {@code void*[]} array of argument addresses. */
  MemorySegment pack() {
    MemorySegment array = arena.allocate(ADDRESS, Math.max(1, values.size()));
    for (int i = 0; i < values.size(); i++) {
      array.setAtIndex(ADDRESS, i, values.get(i));
    }
    return array;
  }
}

package io.jgrad.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The host-side layout of kernel parameters matches the C structs in the prelude. */
class KernelArgsTest {
  @Test
  void structsAreIntArraysWithRankFirst() {
    try (Arena arena = Arena.ofConfined()) {
      KernelArgs args =
          new KernelArgs(arena)
              .longValue(12)
              .shape(new int[] {3, 4})
              .strides(new int[] {4, 1})
              .pointer(0xdead0000L)
              .doubleValue(2.5);
      assertThat(args.count()).isEqualTo(5);
      assertThat(args.value(0).get(JAVA_LONG, 0)).isEqualTo(12);
      MemorySegment shape = args.value(1);
      assertThat(shape.byteSize()).isEqualTo(36);
      assertThat(
              new int[] {
                shape.get(JAVA_INT, 0),
                shape.get(JAVA_INT, 4),
                shape.get(JAVA_INT, 8),
                shape.get(JAVA_INT, 12)
              })
          .containsExactly(2, 3, 4, 0);
      assertThat(args.value(2).byteSize()).isEqualTo(32);
      assertThat(args.value(2).get(JAVA_INT, 4)).isEqualTo(1);
      assertThat(args.value(3).get(JAVA_LONG, 0)).isEqualTo(0xdead0000L);
      assertThat(args.value(4).get(JAVA_DOUBLE, 0)).isEqualTo(2.5);
      MemorySegment packed = args.pack();
      assertThat(packed.getAtIndex(ADDRESS, 1).address()).isEqualTo(shape.address());
    }
  }
}

package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StridedGeometryTest {
  @Test
  void contiguousOperandsCollapseToOneDimension() {
    StridedGeometry g =
        StridedGeometry.of(new int[] {4, 5, 6}, new int[] {30, 6, 1}, new int[] {30, 6, 1});
    assertThat(g.sizes()).containsExactly(120);
    assertThat(g.isContiguous()).isTrue();
  }

  @Test
  void transposeKeepsTwoDimensions() {
    StridedGeometry g = StridedGeometry.of(new int[] {3, 2}, new int[] {1, 3}, new int[] {2, 1});
    assertThat(g.sizes()).containsExactly(3, 2);
    assertThat(g.strides()[0]).containsExactly(1, 3);
    assertThat(g.strides()[1]).containsExactly(2, 1);
    assertThat(g.isContiguous()).isFalse();
  }

  @Test
  void broadcastRowKeepsZeroStrideAndMergesTheRest() {
    // [2, 3, 4] + [4] broadcast: b has strides [0, 0, 1]; a and out contiguous.
    StridedGeometry g =
        StridedGeometry.of(
            new int[] {2, 3, 4}, new int[] {12, 4, 1}, new int[] {0, 0, 1}, new int[] {12, 4, 1});
    assertThat(g.sizes()).containsExactly(6, 4);
    assertThat(g.strides()[1]).containsExactly(0, 1);
  }

  @Test
  void sizeOneDimensionsAreDroppedAndScalarsHaveRankZero() {
    assertThat(StridedGeometry.of(new int[] {1, 5, 1}, new int[] {5, 1, 1}).sizes())
        .containsExactly(5);
    StridedGeometry scalar = StridedGeometry.of(new int[] {}, new int[] {});
    assertThat(scalar.rank()).isZero();
    assertThat(scalar.isContiguous()).isTrue();
  }

  @Test
  void tooManyUnmergeableDimensionsAreRejected() {
    int[] shape = {2, 2, 2, 2, 2, 2, 2, 2, 2};
    int[] strides = {1, 2, 4, 8, 16, 32, 64, 128, 256}; // reversed order: nothing merges
    assertThatThrownBy(() -> StridedGeometry.of(shape, strides))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 8 dimensions")
        .hasMessageContaining("keeps 9");
  }

  @Test
  void launchShapeUsesGridStrideCap() {
    assertThat(StridedGeometry.launchShape(1, 4224)).containsExactly(1, 256);
    assertThat(StridedGeometry.launchShape(1000, 4224)).containsExactly(4, 256);
    assertThat(StridedGeometry.launchShape(100_000_000L, 4224)).containsExactly(4224, 256);
    assertThat(StridedGeometry.reductionThreads(1)).isEqualTo(32);
    assertThat(StridedGeometry.reductionThreads(100)).isEqualTo(128);
    assertThat(StridedGeometry.reductionThreads(1 << 20)).isEqualTo(256);
  }
}

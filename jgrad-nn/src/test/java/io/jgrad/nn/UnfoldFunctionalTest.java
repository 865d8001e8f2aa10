package io.jgrad.nn;

import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.randn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** F.unfold / F.fold: parameter pairs, and convolution written by hand through them. */
class UnfoldFunctionalTest {
  @Test
  void unfoldThenMatmulIsConv2d() {
    manualSeed(5);
    Tensor x = randn(2, 3, 7, 6).to(DType.FLOAT64);
    Tensor w = randn(4, 3, 3, 2).to(DType.FLOAT64);
    int[] stride = {2, 1};
    int[] padding = {1, 0};
    int[] dilation = {1, 2};
    Tensor cols = F.unfold(x, new int[] {3, 2}, dilation, padding, stride);
    Tensor byHand = w.reshape(4, -1).matmul(cols).reshape(2, 4, 4, 4);
    Tensor conv = F.conv2d(x, w, Optional.empty(), stride, padding, dilation, 1);
    assertThat(byHand.allclose(conv, 1e-12, 1e-12)).isTrue();
  }

  @Test
  void foldOfUnfoldOfOnesCountsHowOftenEachPixelIsCovered() {
    Tensor ones = io.jgrad.JGrad.ones(1, 1, 3, 3);
    Tensor counts =
        F.fold(
            F.unfold(ones, 2),
            new int[] {3},
            new int[] {2},
            new int[] {1},
            new int[] {0},
            new int[] {1});
    assertThat(counts.toFloatArray()).containsExactly(1, 2, 1, 2, 4, 2, 1, 2, 1);
  }

  @Test
  void rejectsThreeValuedParameters() {
    assertThatThrownBy(
            () ->
                F.unfold(
                    randn(1, 1, 4, 4),
                    new int[] {2, 2, 2},
                    new int[] {1},
                    new int[] {0},
                    new int[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kernel_size must have 1 or 2 values");
  }
}

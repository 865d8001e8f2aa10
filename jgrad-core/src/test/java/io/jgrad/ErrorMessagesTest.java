package io.jgrad;

import static io.jgrad.JGrad.arange;
import static io.jgrad.JGrad.ones;
import static io.jgrad.JGrad.tensor;
import static io.jgrad.JGrad.zeros;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Caller errors throw at once with PyTorch's wording. */
class ErrorMessagesTest {

  @Test
  void matmulShapeMismatch() {
    assertThatThrownBy(() -> zeros(2, 3).matmul(zeros(4, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)");
    assertThatThrownBy(() -> zeros(2, 3).mm(zeros(4, 5)))
        .hasMessage("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)");
  }

  @Test
  void viewOfIncompatibleStrides() {
    assertThatThrownBy(() -> zeros(2, 3).t().view(6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("view size is not compatible with input tensor's size and stride");
  }

  @Test
  void viewOfWrongNumel() {
    assertThatThrownBy(() -> zeros(2, 3).view(4))
        .hasMessage("shape '[4]' is invalid for input of size 6");
  }

  @Test
  void dimensionOutOfRange() {
    assertThatThrownBy(() -> zeros(2, 3).sum(2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("Dimension out of range (expected to be in range of [-2, 1], but got 2)");
    assertThatThrownBy(() -> zeros(2, 3).softmax(-3))
        .hasMessage("Dimension out of range (expected to be in range of [-2, 1], but got -3)");
  }

  @Test
  void gatherIndexOutOfRange() {
    assertThatThrownBy(() -> zeros(2, 3).gather(1, tensor(new long[] {0, 3}, 2, 1)))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("gather(): index 3 is out of bounds for dimension 1 with size 3");
  }

  @Test
  void indexSelectIndexOutOfRange() {
    assertThatThrownBy(() -> zeros(2, 3).indexSelect(0, tensor(-1L)))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index_select(): index -1 is out of bounds for dimension 0 with size 2");
  }

  @Test
  void itemOfMultiElementTensor() {
    assertThatThrownBy(() -> ones(2).item())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a Tensor with 2 elements cannot be converted to Scalar");
  }

  @Test
  void selectIndexOutOfRange() {
    assertThatThrownBy(() -> arange(3).select(0, 3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("index 3 out of range");
  }

  @Test
  void mixedDtypesInMatmul() {
    assertThatThrownBy(() -> zeros(2, 2).mm(zeros(2, 2).to(DType.FLOAT64)))
        .hasMessageContaining("expected m1 and m2 to have the same dtype");
  }

  @Test
  void movingToAnUnavailableDeviceSaysWhy() {
    // Without a second backend on the test class path, a tensor on another device cannot be
    // built, so the mixed-device check of binary ops is not reachable here.
    assertThatThrownBy(() -> zeros(2).to(Device.of("cuda:0")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("CUDA not available: ");
  }

  @org.junit.jupiter.api.Test
  void inPlaceFloatResultIntoIntegerTensorIsRejected() {
    io.jgrad.Tensor ints = io.jgrad.JGrad.tensor(1L, 2L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ints.add_(2.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("result type float32 can't be cast to the desired output type int64");
    org.assertj.core.api.Assertions.assertThat(ints.add_(2).toLongArray()).containsExactly(3L, 4L);
  }
}

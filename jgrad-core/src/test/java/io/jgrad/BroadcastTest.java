package io.jgrad;

import static io.jgrad.JGrad.ones;
import static io.jgrad.JGrad.tensor;
import static io.jgrad.JGrad.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.ops.Shapes;
import org.junit.jupiter.api.Test;

/** Broadcasting shapes, gradient reduction to input shapes, and error messages. */
class BroadcastTest {

  @Test
  void trailingDimensionsAlign() {
    assertThat(Shapes.broadcast("mul", new int[] {3, 1}, new int[] {1, 3})).containsExactly(3, 3);
    assertThat(ones(2, 1, 4).add(ones(3, 1)).shape()).isEqualTo(Size.of(2, 3, 4));
    assertThat(ones(0, 3).add(ones(3)).shape()).isEqualTo(Size.of(0, 3));
    assertThat(ones(1).add(ones(0)).shape()).isEqualTo(Size.of(0));
  }

  @Test
  void mismatchNamesBothSizesAndTheDimension() {
    assertThatThrownBy(() -> zeros(2, 3).add(zeros(2, 4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "add: The size of tensor a (3) must match the size of tensor b (4) at "
                + "non-singleton dimension 1");
  }

  @Test
  void broadcastGradientsSumBackToTheInputShape() {
    Tensor a = ones(3, 1).requiresGrad_(true);
    Tensor b = ones(4).requiresGrad_(true);
    a.mul(b).sum().backward();
    assertThat(a.grad().shape()).isEqualTo(Size.of(3, 1));
    assertThat(a.grad().toFloatArray()).containsExactly(4f, 4f, 4f);
    assertThat(b.grad().toFloatArray()).containsExactly(3f, 3f, 3f, 3f);
  }

  @Test
  void expandRejectsANonSingletonMismatch() {
    assertThatThrownBy(() -> ones(3, 2).expand(3, 4))
        .hasMessageStartingWith(
            "The expanded size of the tensor (4) must match the existing size "
                + "(2) at non-singleton dimension 1.");
  }

  @Test
  void inPlaceOpCannotBroadcastTheDestination() {
    assertThatThrownBy(() -> ones(3).add_(tensor(new float[6], 2, 3)))
        .hasMessageContaining("doesn't match the broadcast shape");
  }
}

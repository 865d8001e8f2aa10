package io.jgrad.nn;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterTest {

  @Test
  void printsLikePyTorchInsideAList() {
    Parameter p = new Parameter(tensor(new float[][] {{1.7505f}}));
    assertThat(List.of(p).toString())
        .isEqualTo("[Parameter containing:\ntensor([[1.7505]], requires_grad=True)]");
  }

  @Test
  void aliasesTheDataItWrapsAndIsALeaf() {
    Tensor data = zeros(2);
    Parameter p = new Parameter(data);
    data.fill_(3);
    assertThat(p.toFloatArray()).containsExactly(3f, 3f);
    assertThat(p.isLeaf()).isTrue();
    assertThat(p.requiresGrad()).isTrue();
  }

  @Test
  void wrapsANonLeafByDetachingIt() {
    Tensor w = ones(2).requiresGrad_(true);
    Parameter p = new Parameter(w.mul(2));
    assertThat(p.isLeaf()).isTrue();
    assertThat(p.gradFn()).isEmpty();
    assertThat(p.toFloatArray()).containsExactly(2f, 2f);
  }

  @Test
  void frozenParameterDoesNotRequireGradAndPrintsWithoutFlag() {
    Parameter p = new Parameter(tensor(1f), false);
    assertThat(p.requiresGrad()).isFalse();
    assertThat(p.toString()).isEqualTo("Parameter containing:\ntensor([1.])");
  }

  @Test
  void integerDataCannotRequireGrad() {
    assertThatThrownBy(() -> new Parameter(tensor(1L, 2L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only Tensors of floating point dtype can require gradients");
  }
}

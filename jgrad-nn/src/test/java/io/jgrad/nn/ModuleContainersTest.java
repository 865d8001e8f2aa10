package io.jgrad.nn;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import org.junit.jupiter.api.Test;

class ModuleContainersTest {
  /** A residual stack whose blocks live in a ModuleList, as in PyTorch tutorials. */
  static final class Stack extends Module {
    final ModuleList blocks = new ModuleList(new Linear(4, 4), new Linear(4, 4));
    final ModuleDict heads =
        new ModuleDict().put("cls", new Linear(4, 3)).put("reg", new Linear(4, 1));

    @Override
    public Tensor forward(Tensor x) {
      for (Module block : blocks) {
        x = x.add(block.forward(x).relu());
      }
      return heads.get("cls").forward(x);
    }
  }

  @Test
  void moduleListAndDictRegisterTheirModulesWithPyTorchNames() {
    manualSeed(0);
    Stack model = new Stack();
    assertThat(model.stateDict().keySet())
        .containsExactly(
            "blocks.0.weight",
            "blocks.0.bias",
            "blocks.1.weight",
            "blocks.1.bias",
            "heads.cls.weight",
            "heads.cls.bias",
            "heads.reg.weight",
            "heads.reg.bias");
    assertThat(model.parameters()).hasSize(8);
    assertThat(model.forward(randn(2, 4)).shape().toString()).isEqualTo("Size([2, 3])");
    assertThat(model.blocks.size()).isEqualTo(2);
    assertThat(model.blocks.get(-1)).isSameAs(model.blocks.get(1));
    assertThat(model.heads.keys()).containsExactly("cls", "reg");
    assertThat(model.toString())
        .contains(
            "(blocks): ModuleList(",
            "(heads): ModuleDict(",
            "(cls): Linear(in_features=4, out_features=3, bias=True)");
  }

  @Test
  void containersHaveNoForwardAndClearLookupErrors() {
    ModuleList list = new ModuleList(new ReLU());
    assertThatThrownBy(() -> list.forward(zeros(1)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("iterate over it");
    assertThatThrownBy(() -> list.get(3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("index 3 is out of range for ModuleList of size 1");
    ModuleDict dict = new ModuleDict().put("a", new ReLU());
    assertThatThrownBy(() -> dict.get("b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ModuleDict has no module 'b'; keys: [a]");
    assertThat(dict.find("a")).isPresent();
  }

  @Test
  void sequentialIsAModuleListThatChainsForward() {
    Sequential seq = new Sequential(new ReLU()).add(new Tanh());
    assertThat(seq).isInstanceOf(ModuleList.class);
    assertThat(seq.forward(tensor(-1f, 2f)).toFloatArray())
        .containsExactly(0f, (float) Math.tanh(2.0));
  }
}

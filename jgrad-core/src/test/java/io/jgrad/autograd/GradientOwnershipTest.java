package io.jgrad.autograd;

import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.ones;
import static io.jgrad.JGrad.randn;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A leaf keeps a first gradient without copying it only when the backward pass made that buffer and
 * handed it to that leaf alone; every other gradient is copied, so no two {@code .grad}s, and no
 * {@code .grad} and user tensor, ever share memory. Shapes here are large enough (at least 4096
 * elements) for buffers to be numbered, which is when keeping is possible at all.
 */
class GradientOwnershipTest {
  private static Tensor leaf(int... shape) {
    return randn(shape).requiresGrad_(true);
  }

  @Test
  void aLinearWeightKeepsItsFreshGradientAsAPlainContiguousTensor() {
    manualSeed(1);
    Tensor x = randn(32, 128);
    Tensor w = leaf(64, 128);
    Tensor g = randn(32, 64);
    x.mm(w.t()).backward(g);
    Tensor grad = w.grad();
    assertThat(grad.isView()).isFalse();
    assertThat(grad.layout().isContiguous()).isTrue();
    assertThat(grad.toFloatArray()).containsExactly(g.t().mm(x).toFloatArray());
    assertThat(grad.storage()).isNotSameAs(g.storage()).isNotSameAs(x.storage());
    // A second backward adds into the kept buffer.
    x.mm(w.t()).backward(g);
    assertThat(w.grad().toFloatArray()).containsExactly(g.t().mm(x).mul(2).toFloatArray());
  }

  @Test
  void aFreshBufferHandedToOneLeafIsKeptNotCopied() {
    manualSeed(6);
    Tensor a = leaf(80, 80);
    Tensor[] made = new Tensor[1];
    Tensor out = a.detach().clone();
    Autograd.record(out, "FreshBackward", (g, needs) -> new Tensor[] {made[0] = g.mul(2.0)}, a);
    out.sum().backward();
    assertThat(a.grad().storage()).isSameAs(made[0].storage());
    assertThat(a.grad().toFloatArray()).containsOnly(2f);
  }

  @Test
  void oneGradientHandedToTwoLeavesIsCopiedForEach() {
    manualSeed(2);
    Tensor a = leaf(80, 80);
    Tensor b = leaf(80, 80);
    a.add(b).mul(3).sum().backward(); // AddBackward hands the same fresh buffer to a and b
    assertThat(a.grad().storage()).isNotSameAs(b.grad().storage());
    a.grad().add_(1.0);
    assertThat(b.grad().toFloatArray()).containsOnly(3f);
    assertThat(a.grad().toFloatArray()).containsOnly(4f);
  }

  @Test
  void theCallersGradientIsNeverKept() {
    manualSeed(3);
    Tensor a = leaf(80, 80);
    Tensor g = ones(80, 80);
    a.backward(g);
    assertThat(a.grad().storage()).isNotSameAs(g.storage());
    Tensor c = leaf(80, 80);
    c.add(0.0).backward(g); // a pass-through of the caller's buffer
    assertThat(c.grad().storage()).isNotSameAs(g.storage());
    a.grad().mul_(5.0);
    c.grad().mul_(7.0);
    assertThat(g.toFloatArray()).containsOnly(1f);
  }

  @Test
  void aRetainedGradientAndTheLeafsGradientAreSeparate() {
    manualSeed(4);
    Tensor a = leaf(80, 80);
    Tensor h = a.mul(2.0);
    h.retainGrad();
    h.mul(3.0).sum().backward();
    assertThat(h.grad().storage()).isNotSameAs(a.grad().storage());
    h.grad().zero_();
    assertThat(a.grad().toFloatArray()).containsOnly(6f);
  }

  @Test
  void aBufferThatExistedBeforeBackwardIsCopiedEvenFromACustomFunction() {
    manualSeed(5);
    Tensor a = leaf(80, 80);
    Tensor held = ones(80, 80).mul(9.0); // a tensor the custom backward returns as is
    Tensor out = a.detach().clone();
    Autograd.record(out, "HeldBackward", (g, needs) -> new Tensor[] {held}, a);
    out.sum().backward();
    assertThat(a.grad().storage()).isNotSameAs(held.storage());
    a.grad().zero_();
    assertThat(held.toFloatArray()).containsOnly(9f);
  }
}

package io.jgrad.autograd;

import static io.jgrad.JGrad.enableGrad;
import static io.jgrad.JGrad.linspace;
import static io.jgrad.JGrad.noGrad;
import static io.jgrad.JGrad.ones;
import static io.jgrad.JGrad.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Autograd behaviours and their error messages, checked against PyTorch's semantics. */
class AutogradTest {

  private static Tensor leaf(float... v) {
    return tensor(v).requiresGrad_(true);
  }

  @Test
  void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
    Tensor x = leaf(1f, 2f);
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    assertThat(x.grad().toFloatArray()).containsExactly(6f, 6f);
    x.grad().zero_();
    x.mul(x).sum().backward();
    assertThat(x.grad().toFloatArray()).containsExactly(2f, 4f);
  }

  @Test
  void retainGraphAllowsASecondBackward() {
    Tensor x = leaf(2f);
    Tensor y = x.mul(x).sum();
    y.backward(ones().view(), true, false);
    y.backward();
    assertThat(x.grad().toFloatArray()).containsExactly(8f);
  }

  @Test
  void backwardTwiceThroughAFreedGraphFails() {
    Tensor x = leaf(2f);
    Tensor y = x.mul(x).sum();
    y.backward();
    assertThatThrownBy(y::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Trying to backward through the graph a second time");
  }

  @Test
  void retainGradKeepsANonLeafGradient() {
    Tensor x = leaf(1f, 2f);
    Tensor y = x.mul(2).retainGrad();
    y.mul(y).sum().backward();
    assertThat(y.grad().toFloatArray()).containsExactly(4f, 8f);
    assertThat(x.grad().toFloatArray()).containsExactly(8f, 16f);
  }

  @Test
  void gradOfANonLeafWithoutRetainGradFails() {
    Tensor x = leaf(1f);
    Tensor y = x.mul(2);
    y.sum().backward();
    assertThatThrownBy(y::grad)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("The .grad attribute of a Tensor that is not a leaf Tensor");
  }

  @Test
  void backwardOnANonScalarNeedsAGradient() {
    Tensor y = leaf(1f, 2f).mul(2);
    assertThatThrownBy(y::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("grad can be implicitly created only for scalar outputs (got shape Size([2]))");
  }

  @Test
  void backwardOnATensorWithoutGradFails() {
    assertThatThrownBy(() -> tensor(1f).sum().backward())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("element 0 of tensors does not require grad and does not have a grad_fn");
  }

  @Test
  void modifyingASavedTensorInPlaceIsDetectedAtBackward() {
    Tensor x = leaf(1f, 2f);
    Tensor y = x.mul(2);
    Tensor z = y.mul(y).sum();
    y.add_(1);
    assertThatThrownBy(z::backward)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "one of the variables needed for gradient computation has been "
                + "modified by an inplace operation")
        .hasMessageContaining("is at version 1; expected version 0 instead.");
  }

  @Test
  void inPlaceOnALeafRequiringGradFailsOutsideNoGrad() {
    Tensor w = leaf(1f);
    assertThatThrownBy(() -> w.add_(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "a leaf Variable that requires grad is being used in an in-place " + "operation");
    try (var g = noGrad()) {
      w.add_(1);
    }
    assertThat(w.toFloatArray()).containsExactly(2f);
  }

  @Test
  void inPlaceOnANonLeafRebasesHistory() {
    Tensor x = leaf(1f, 2f, 3f);
    Tensor y = x.mul(2);
    y.add_(1);
    assertThat(y.gradFn().orElseThrow().name()).isEqualTo("AddBackward0");
    y.sum().backward();
    assertThat(x.grad().toFloatArray()).containsExactly(2f, 2f, 2f);
    Tensor x2 = leaf(1f, 2f);
    Tensor y2 = x2.mul(3);
    y2.mul_(x2);
    y2.sum().backward();
    assertThat(x2.grad().toFloatArray()).containsExactly(6f, 12f); // d(3x*x) = 6x
  }

  @Test
  void detachSharesStorageButNotHistory() {
    Tensor x = leaf(1f, 2f);
    Tensor y = x.mul(2);
    Tensor d = y.detach();
    assertThat(d.requiresGrad()).isFalse();
    assertThat(d.isLeaf()).isTrue();
    d.fill_(5);
    assertThat(y.toFloatArray()).containsExactly(5f, 5f);
    assertThat(y.version()).isEqualTo(1); // detach shares the version counter
  }

  @Test
  void dataWritesAreInvisibleToTheVersionCounter() {
    Tensor x = leaf(1f, 2f);
    Tensor y = x.mul(x);
    x.data().mul_(10);
    assertThat(x.version()).isZero();
    y.sum().backward();
    assertThat(x.grad().toFloatArray()).containsExactly(20f, 40f); // PyTorch reads the new data
  }

  @Test
  void noGradAndEnableGradNestAndRestore() {
    Tensor x = leaf(1f);
    try (var outer = noGrad()) {
      assertThat(x.mul(2).requiresGrad()).isFalse();
      try (var inner = enableGrad()) {
        assertThat(x.mul(2).requiresGrad()).isTrue();
      }
      assertThat(GradMode.isEnabled()).isFalse();
    }
    assertThat(GradMode.isEnabled()).isTrue();
  }

  @Test
  void gradModeIsPerThread() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    CompletableFuture<Boolean> other =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                inside.await();
                boolean recorded = leaf(1f).mul(2).requiresGrad();
                checked.countDown();
                return recorded;
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    try (var g = noGrad()) {
      inside.countDown();
      checked.await();
      assertThat(GradMode.isEnabled()).isFalse();
    }
    assertThat(other.get()).isTrue();
  }

  @Test
  void createGraphGivesTheSecondDerivative() {
    Tensor x = tensor(new double[] {0.5, -2.0, 3.0}, 3).requiresGrad_(true);
    Tensor y = x.pow(3).sum();
    y.backward(ones().view().to(io.jgrad.DType.FLOAT64), true, true);
    Tensor firstDerivative = x.grad();
    assertThat(firstDerivative.requiresGrad()).isTrue();
    assertThat(firstDerivative.toDoubleArray()).containsExactly(0.75, 12.0, 27.0);
    x.clearGrad();
    firstDerivative.sum().backward();
    assertThat(x.grad().toDoubleArray()).containsExactly(3.0, -12.0, 18.0); // 6x
  }

  @Test
  void diamondGraphSumsBothPaths() {
    Tensor x = leaf(2f);
    Tensor a = x.mul(3);
    Tensor b = x.exp();
    a.add(b).add(x).sum().backward();
    assertThat(x.grad().toFloatArray()[0]).isEqualTo(3f + (float) Math.exp(2) + 1f);
  }

  @Test
  void writesThroughASliceAreVisibleInTheBase() {
    Tensor base = tensor(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
    base.slice(1, 1, 3).select(0, 1).fill_(9);
    assertThat(base.toFloatArray()).containsExactly(0, 1, 2, 3, 9, 9);
    base.t().select(0, 0).add_(tensor(10f, 20f));
    assertThat(base.toFloatArray()).containsExactly(10, 1, 2, 23, 9, 9);
  }

  @Test
  void requiresGradOnIntegerTensorsIsRejected() {
    assertThatThrownBy(() -> tensor(1L, 2L).requiresGrad_(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only Tensors of floating point dtype can require gradients");
  }

  /** One step of the seed's sine fit: y = a + b x + c x^2 + d x^3 with manual SGD. */
  private static void sineStep(Tensor x, Tensor y, Tensor[] params) {
    Tensor pred =
        params[0].add(params[1].mul(x)).add(params[2].mul(x.pow(2))).add(params[3].mul(x.pow(3)));
    Tensor loss = pred.sub(y).pow(2).sum();
    loss.backward();
    try (var g = noGrad()) {
      for (Tensor p : params) {
        p.sub_(p.grad().mul(1e-6));
        p.clearGrad();
      }
    }
  }

  @Test
  void sineFitLoopFreesEachIterationsGraph() {
    Tensor x = linspace(-Math.PI, Math.PI, 2000);
    Tensor y = x.sin();
    Tensor[] params = new Tensor[4];
    for (int i = 0; i < 4; i++) {
      params[i] = tensor(0.1f * (i + 1)).view().requiresGrad_(true);
    }
    Tensor firstPred = params[0].add(params[1].mul(x));
    WeakReference<Node> firstNode = new WeakReference<>(firstPred.gradFn().orElseThrow());
    WeakReference<Tensor> firstTensor = new WeakReference<>(firstPred);
    firstPred.sum().backward();
    firstPred = null;
    for (Tensor p : params) {
      p.clearGrad();
    }
    for (int step = 0; step < 2000; step++) {
      sineStep(x, y, params);
    }
    for (int attempt = 0; attempt < 20 && firstNode.get() != null; attempt++) {
      System.gc();
    }
    assertThat(firstNode.get()).as("iteration 1's graph node is collected").isNull();
    assertThat(firstTensor.get()).as("iteration 1's output tensor is collected").isNull();
    for (Tensor p : params) {
      assertThat(p.isLeaf()).isTrue();
      assertThat(p.hasGrad()).isFalse();
    }
  }
}

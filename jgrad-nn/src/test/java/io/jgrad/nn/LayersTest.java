package io.jgrad.nn;

import static io.jgrad.JGrad.*;
import static io.jgrad.nn.Golden.assertExact;
import static io.jgrad.nn.Golden.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.autograd.GradCheck;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LayersTest {
  private static final Map<String, Supplier<Module>> ACTIVATIONS =
      Map.of(
          "relu",
          ReLU::new,
          "leaky_relu_0.2",
          () -> new LeakyReLU(0.2),
          "gelu",
          GELU::new,
          "gelu_tanh",
          () -> new GELU("tanh"),
          "silu",
          SiLU::new,
          "tanh",
          Tanh::new,
          "sigmoid",
          Sigmoid::new,
          "softmax_1",
          () -> new Softmax(1),
          "log_softmax_0",
          () -> new LogSoftmax(0));

  @Test
  void activationsMatchPyTorchForwardAndBackward() {
    Tensor g = Golden.get("act.g");
    ACTIVATIONS.forEach(
        (name, factory) -> {
          Tensor x = Golden.get("act.x").requiresGrad_(true);
          Tensor out = factory.get().forward(x);
          out.mul(g).sum().backward();
          assertGolden(out, "act." + name + ".out");
          assertGolden(x.grad(), "act." + name + ".grad");
        });
  }

  @Test
  void activationsPassGradcheckInFloat64() {
    manualSeed(3);
    // Offset from 0 so the finite differences never straddle ReLU's kink.
    Tensor x = randn(2, 3).to(DType.FLOAT64).add(0.05).requiresGrad_(true);
    ACTIVATIONS.forEach(
        (name, factory) -> {
          Module m = factory.get();
          assertThat(GradCheck.gradcheck(in -> m.forward(in[0]), x)).as(name).isTrue();
        });
  }

  @Test
  void identityFlattenAndUnflattenReshape() {
    Tensor x = arange(24).to(DType.FLOAT32).view(2, 3, 4);
    assertThat(new Identity().forward(x)).isSameAs(x);
    assertThat(new Flatten().forward(x).shape().toString()).isEqualTo("Size([2, 12])");
    assertThat(new Flatten(0, 1).forward(x).shape().toString()).isEqualTo("Size([6, 4])");
    Tensor u = new Unflatten(1, 2, -1).forward(new Flatten().forward(x));
    assertThat(u.shape().toString()).isEqualTo("Size([2, 2, 6])");
    assertThat(u.equal(x.view(2, 2, 6))).isTrue();
    assertThatThrownBy(() -> new Unflatten(3, 2).forward(x))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("but got 3");
    assertThatThrownBy(() -> new Unflatten(1, 2, 4).forward(zeros(3, 10)))
        .hasMessage(
            "unflatten: Provided sizes [2, 4] don't multiply up to the size of dim 1 (10) "
                + "in the input tensor");
  }

  @Test
  void layerNormMatchesPyTorch() {
    LayerNorm ln = new LayerNorm(4);
    try (var guard = noGrad()) {
      ln.getParameter("weight").copy_(tensor(1f, 2f, 0.5f, -1f));
      ln.getParameter("bias").copy_(tensor(0.1f, 0f, -0.2f, 0.3f));
    }
    Tensor x = Golden.get("act.x").requiresGrad_(true);
    Tensor out = ln.forward(x);
    out.mul(Golden.get("act.g")).sum().backward();
    assertGolden(out, "layernorm.out");
    Golden.assertClose(x.grad(), Golden.get("layernorm.grad_x"), 1e-4, 1e-5);
    assertGolden(ln.getParameter("weight").grad(), "layernorm.grad_weight");
    assertThatThrownBy(() -> ln.forward(zeros(3, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Given normalized_shape=[4], expected input with shape [*, 4], but got input "
                + "of size[3, 5]");
  }

  @Test
  void layerNormPassesGradcheck() {
    manualSeed(8);
    LayerNorm ln = new LayerNorm(3);
    ln.to(DType.FLOAT64);
    Tensor x = randn(2, 3).to(DType.FLOAT64).requiresGrad_(true);
    assertThat(
            GradCheck.gradcheck(
                in -> ln.forward(in[0]), x, ln.getParameter("weight"), ln.getParameter("bias")))
        .isTrue();
  }

  @Test
  void batchNormTrainsOnBatchStatsAndEvaluatesOnRunningStats() {
    BatchNorm1d bn = new BatchNorm1d(4);
    try (var guard = noGrad()) {
      bn.getParameter("weight").copy_(tensor(1f, 2f, 0.5f, -1f));
      bn.getParameter("bias").copy_(tensor(0.1f, 0f, -0.2f, 0.3f));
    }
    Tensor x = Golden.get("act.x").requiresGrad_(true);
    Tensor out = bn.forward(x);
    out.mul(Golden.get("act.g")).sum().backward();
    assertGolden(out, "batchnorm.train_out");
    Golden.assertClose(x.grad(), Golden.get("batchnorm.grad_x"), 1e-4, 1e-5);
    assertGolden(bn.getBuffer("running_mean"), "batchnorm.running_mean");
    assertGolden(bn.getBuffer("running_var"), "batchnorm.running_var");
    assertThat(bn.getBuffer("num_batches_tracked").toLongArray()).containsExactly(1L);
    assertThat(bn.stateDict().keySet())
        .containsExactly("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
    bn.eval();
    assertGolden(bn.forward(Golden.get("act.x")), "batchnorm.eval_out");
    assertThat(bn.getBuffer("num_batches_tracked").toLongArray()).containsExactly(1L);
  }

  @Test
  void batchNormOnThreeDimensionalInput() {
    BatchNorm1d bn = new BatchNorm1d(4);
    assertGolden(bn.forward(Golden.get("batchnorm3d.x")), "batchnorm3d.train_out");
    assertGolden(bn.getBuffer("running_var"), "batchnorm3d.running_var");
  }

  @Test
  void batchNormPassesGradcheckAndRejectsBadInput() {
    manualSeed(9);
    BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, true, false);
    bn.to(DType.FLOAT64);
    Tensor x = randn(4, 3).to(DType.FLOAT64).requiresGrad_(true);
    assertThat(GradCheck.gradcheck(in -> bn.forward(in[0]), x, bn.getParameter("weight"))).isTrue();
    assertThatThrownBy(() -> bn.forward(zeros(2, 3, 4, 5)))
        .hasMessage("expected 2D or 3D input (got 4D input)");
    assertThatThrownBy(() -> bn.forward(zeros(1, 3).to(DType.FLOAT64)))
        .hasMessageContaining("Expected more than 1 value per channel when training");
  }

  @Test
  void dropoutMaskIsPyTorchsForTheSameSeedAndOffInEval() {
    Dropout dropout = new Dropout(0.4);
    manualSeed(3);
    assertExact(dropout.forward(ones(4, 5)), Golden.get("dropout.p0.4_seed3"));
    dropout.eval();
    Tensor x = randn(4, 5);
    assertThat(dropout.forward(x)).isSameAs(x);
    assertThatThrownBy(() -> new Dropout(1.5))
        .hasMessage("dropout probability has to be between 0 and 1, but got 1.5");
  }

  @Test
  void dropoutGradientIsTheScaledMask() {
    manualSeed(3);
    Tensor x = ones(4, 5).requiresGrad_(true);
    Tensor out = new Dropout(0.4).forward(x);
    out.sum().backward();
    assertThat(x.grad().equal(out.detach())).isTrue();
  }

  @Test
  void embeddingInitLookupAndPaddingGradientMatchPyTorch() {
    manualSeed(5);
    Embedding emb = new Embedding(6, 3, 2);
    assertExact(emb.weight(), Golden.get("init.embedding_6_3_pad2_seed5.weight"));
    Tensor out = emb.forward(Golden.get("embedding.idx"));
    assertGolden(out, "embedding.out");
    out.mul(arange(12).to(DType.FLOAT32).view(2, 2, 3)).sum().backward();
    assertGolden(emb.weight().grad(), "embedding.grad_weight");
    assertThatThrownBy(() -> emb.forward(tensor(1f)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Long, Int");
    assertThatThrownBy(() -> new Embedding(3, 2, 3))
        .hasMessageContaining("Padding_idx must be within num_embeddings");
  }
}

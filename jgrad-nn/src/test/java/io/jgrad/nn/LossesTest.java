package io.jgrad.nn;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.autograd.GradCheck;
import io.jgrad.nn.functional.F;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LossesTest {
  private static final Map<String, Reduction> REDUCTIONS =
      Map.of("none", Reduction.NONE, "mean", Reduction.MEAN, "sum", Reduction.SUM);

  /** Checks loss and input gradient (of loss.sum()) against the golden case for each reduction. */
  private static void checkCase(
      String prefix, Function<Reduction, Loss> factory, Tensor input, Tensor target) {
    REDUCTIONS.forEach(
        (name, reduction) -> {
          Tensor x = input.detach().clone().requiresGrad_(true);
          Tensor out = factory.apply(reduction).forward(x, target);
          out.sum().backward();
          Golden.assertClose(out, Golden.get(prefix + "." + name + ".out"), 1e-5, 1e-6);
          Golden.assertClose(x.grad(), Golden.get(prefix + "." + name + ".grad"), 1e-4, 1e-6);
        });
  }

  @Test
  void regressionLossesMatchPyTorchForEachReduction() {
    Tensor input = Golden.get("loss.reg.input");
    Tensor target = Golden.get("loss.reg.target");
    checkCase("loss.reg.mse", MSELoss::new, input, target);
    checkCase("loss.reg.l1", L1Loss::new, input, target);
    checkCase("loss.reg.smooth_l1_0.5", r -> new SmoothL1Loss(r, 0.5), input, target);
    checkCase("loss.reg.huber_0.7", r -> new HuberLoss(r, 0.7), input, target);
  }

  @Test
  void crossEntropyWithIndicesWeightsIgnoreAndSmoothingMatchesPyTorch() {
    Tensor logits = Golden.get("loss.cls.logits");
    Tensor target = Golden.get("loss.cls.target");
    Optional<Tensor> weight = Optional.of(Golden.get("loss.cls.weight"));
    checkCase("loss.cls.ce", CrossEntropyLoss::new, logits, target);
    checkCase(
        "loss.cls.ce_weight_ignore1", r -> new CrossEntropyLoss(weight, 1, r, 0), logits, target);
    checkCase(
        "loss.cls.ce_weight_smooth0.1",
        r -> new CrossEntropyLoss(weight, -100, r, 0.1),
        logits,
        target);
    checkCase(
        "loss.cls.ce_ignore3_smooth0.2",
        r -> new CrossEntropyLoss(Optional.empty(), 3, r, 0.2),
        logits,
        target);
    checkCase(
        "loss.cls.ce_probs_weight_smooth0.1",
        r -> new CrossEntropyLoss(weight, -100, r, 0.1),
        logits,
        Golden.get("loss.cls.probs"));
    checkCase(
        "loss.cls3.ce_weight",
        r -> new CrossEntropyLoss(weight, -100, r, 0),
        Golden.get("loss.cls3.logits"),
        Golden.get("loss.cls3.target"));
  }

  @Test
  void nllLossWithWeightsMatchesPyTorch() {
    checkCase(
        "loss.cls.nll_weight",
        r -> new NLLLoss(Optional.of(Golden.get("loss.cls.weight")), -100, r),
        Golden.get("loss.cls.logp"),
        Golden.get("loss.cls.target"));
  }

  @Test
  void binaryLossesMatchPyTorchIncludingClampedLogsAndLargeLogits() {
    Tensor p = Golden.get("loss.bin.p");
    Tensor y = Golden.get("loss.bin.y");
    Tensor w = Golden.get("loss.bin.weight");
    REDUCTIONS.forEach(
        (name, r) ->
            Golden.assertClose(
                new BCELoss(Optional.of(w), r).forward(p, y),
                Golden.get("loss.bin.bce_weight." + name + ".out"),
                1e-5,
                1e-5));
    // Rows 1..2 only: PyTorch's BCE gradient at p = 0 or 1 uses its own epsilon formula.
    Tensor inner = p.narrow(0, 1, 2).clone().requiresGrad_(true);
    new BCELoss(Optional.of(w.narrow(0, 1, 2)), Reduction.MEAN)
        .forward(inner, y.narrow(0, 1, 2))
        .backward();
    Golden.assertClose(inner.grad(), Golden.get("loss.bin.bce_weight.rows12.grad"), 1e-4, 1e-6);
    Tensor z = Golden.get("loss.bin.z");
    checkCase("loss.bin.bcel", BCEWithLogitsLoss::new, z, y);
    checkCase(
        "loss.bin.bcel_weight_pos",
        r ->
            new BCEWithLogitsLoss(
                Optional.of(w), Optional.of(Golden.get("loss.bin.pos_weight")), r),
        z,
        y);
  }

  /**
   * The reduced MSE is one fused node (ATen's mse_loss): its value has the bits of the composed
   * {@code (x - t)^2} reduction, its backward is {@code norm * (x - t) * grad} for the input and
   * the negation for the target, and it still differentiates twice.
   */
  @Test
  void fusedMseEqualsTheComposedLossBitForBitAndDifferentiatesBothArgumentsTwice() {
    manualSeed(7);
    Tensor x = randn(1000, 3);
    Tensor t = randn(1000, 3);
    assertThat(F.mseLoss(x, t, Reduction.SUM).item()).isEqualTo(x.sub(t).pow(2).sum().item());
    assertThat(F.mseLoss(x, t, Reduction.MEAN).item()).isEqualTo(x.sub(t).pow(2).mean().item());
    assertThat(F.mseLoss(x, t, Reduction.SUM).gradFn()).isEmpty();
    Tensor big = randn((1 << 20) + 3); // past the per-thread scratch: its own buffer
    Tensor bigTarget = randn((1 << 20) + 3);
    assertThat(F.mseLoss(big, bigTarget, Reduction.SUM).item())
        .isEqualTo(big.sub(bigTarget).pow(2).sum().item());

    Tensor xg = x.clone().requiresGrad_(true);
    Tensor tg = t.clone().requiresGrad_(true);
    Tensor loss = F.mseLoss(xg, tg, Reduction.MEAN);
    assertThat(loss.gradFn().orElseThrow().name()).isEqualTo("MseLossBackward0");
    loss.backward();
    float norm = 2f / 3000;
    float[] d = x.sub(t).toFloatArray();
    float[] expected = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      expected[i] = norm * d[i] * 1f; // mse_loss_backward: value * (self - target) * grad
    }
    assertThat(xg.grad().toFloatArray()).containsExactly(expected);
    assertThat(tg.grad().toFloatArray()).containsExactly(xg.grad().neg().toFloatArray());

    // createGraph: d/dx sum(dL/dx) = sum over j of d(2 (x_j - t_j))/dx_i = 2 for SUM.
    Tensor x64 = x.to(DType.FLOAT64).requiresGrad_(true);
    Tensor sum = F.mseLoss(x64, t.to(DType.FLOAT64), Reduction.SUM);
    sum.backward(ones().to(DType.FLOAT64), false, true);
    Tensor first = x64.grad();
    x64.clearGrad();
    first.sum().backward();
    assertThat(x64.grad().toDoubleArray()).containsOnly(2.0);
  }

  @Test
  void lossesPassGradcheckInFloat64() {
    manualSeed(12);
    Tensor x = randn(3, 4).to(DType.FLOAT64).requiresGrad_(true);
    Tensor t = randn(3, 4).to(DType.FLOAT64);
    Tensor p = rand(3, 4).to(DType.FLOAT64).mul(0.8).add(0.1).requiresGrad_(true);
    Tensor cls = tensor(0L, 3L, 1L);
    Tensor w = tensor(0.5, 1.0, 2.0, 1.5);
    for (Reduction r : Reduction.values()) {
      assertThat(GradCheck.gradcheck(in -> F.mseLoss(in[0], t, r), x)).isTrue();
      assertThat(GradCheck.gradcheck(in -> F.l1Loss(in[0], t, r), x)).isTrue();
      assertThat(GradCheck.gradcheck(in -> F.huberLoss(in[0], t, r, 0.7), x)).isTrue();
      assertThat(GradCheck.gradcheck(in -> F.smoothL1Loss(in[0], t, r, 0.5), x)).isTrue();
      assertThat(
              GradCheck.gradcheck(in -> F.crossEntropy(in[0], cls, Optional.of(w), 1, r, 0.1), x))
          .isTrue();
      assertThat(
              GradCheck.gradcheck(
                  in -> F.crossEntropy(in[0], t.softmax(1), Optional.of(w), -100, r, 0.2), x))
          .isTrue();
      assertThat(
              GradCheck.gradcheck(
                  in -> F.binaryCrossEntropy(in[0], t.sigmoid(), Optional.empty(), r), p))
          .isTrue();
      assertThat(
              GradCheck.gradcheck(
                  in ->
                      F.binaryCrossEntropyWithLogits(
                          in[0],
                          t.sigmoid(),
                          Optional.empty(),
                          Optional.of(tensor(1.0, 2.0, 0.5, 3.0)),
                          r),
                  x))
          .isTrue();
    }
  }

  @Test
  void crossEntropyOnASingleSampleAndAllIgnoredMean() {
    Tensor logits = tensor(1f, 2f, 3f);
    double expected = -Math.log(Math.exp(1) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
    assertThat(F.crossEntropy(logits, scalar(0L)).item())
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(F.crossEntropy(logits, scalar(0L), Reduction.NONE).dim()).isZero();
    Tensor all = F.crossEntropy(zeros(2, 3), tensor(-100L, -100L));
    assertThat(Double.isNaN(all.item())).isTrue();
  }

  @Test
  void badLossInputsThrowWithPyTorchsWording() {
    assertThatThrownBy(() -> F.mseLoss(zeros(3), zeros(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 vs 4");
    assertThatThrownBy(() -> F.crossEntropy(zeros(2, 3), tensor(0L, 3L)))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("Target 3 is out of bounds.");
    assertThatThrownBy(() -> F.crossEntropy(zeros(2, 3), tensor(0L, 1L, 2L)))
        .hasMessageContaining("Expected input batch_size (2) to match target batch_size (3)");
    assertThatThrownBy(() -> new CrossEntropyLoss(Optional.empty(), -100, Reduction.MEAN, 1.5))
        .hasMessage("label_smoothing must be between 0.0 and 1.0. Got: 1.5");
    assertThatThrownBy(() -> F.nllLoss(zeros(2, 3), tensor(0f, 1f)))
        .hasMessageContaining("expected scalar type Long");
    assertThatThrownBy(() -> F.binaryCrossEntropy(zeros(2), zeros(3)))
        .hasMessageContaining(
            "Using a target size (Size([3])) that is different to the input " + "size (Size([2]))");
    assertThatThrownBy(() -> new HuberLoss(Reduction.MEAN, 0))
        .hasMessageContaining("non-positive values for delta");
    assertThatThrownBy(() -> new MSELoss().forward(zeros(1)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("'target'");
  }

  @Test
  void weightedLossesKeepWeightsAsBuffers() {
    CrossEntropyLoss ce =
        new CrossEntropyLoss(Optional.of(tensor(1f, 2f)), -100, Reduction.MEAN, 0);
    assertThat(ce.stateDict().keySet()).containsExactly("weight");
    assertThat(
            new BCEWithLogitsLoss(Optional.empty(), Optional.of(tensor(2f)), Reduction.SUM)
                .stateDict()
                .keySet())
        .containsExactly("pos_weight");
    assertThat(new MSELoss().stateDict()).isEmpty();
  }
}

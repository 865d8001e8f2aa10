package io.jgrad.nn.functional;

import static io.jgrad.JGrad.noGrad;

import io.jgrad.Tensor;
import java.util.Optional;

/** Batch normalisation, kept out of {@link F} because of its running-statistics bookkeeping. */
final class Normalization {
  private Normalization() {}

  static Tensor batchNorm(
      Tensor input,
      Optional<Tensor> runningMean,
      Optional<Tensor> runningVar,
      Optional<Tensor> weight,
      Optional<Tensor> bias,
      boolean training,
      double momentum,
      double eps) {
    if (input.dim() < 2) {
      throw new IllegalArgumentException(
          "batch_norm: expected input with at least 2 dims (N, C, ...), got shape "
              + input.shape());
    }
    int channels = input.size(1);
    int[] dims = new int[input.dim() - 1];
    int[] statShape = new int[input.dim()];
    int perChannel = 1;
    for (int d = 0, k = 0; d < input.dim(); d++) {
      statShape[d] = d == 1 ? channels : 1;
      if (d != 1) {
        dims[k++] = d;
        perChannel *= input.size(d);
      }
    }
    for (Optional<Tensor> stat : java.util.List.of(runningMean, runningVar, weight, bias)) {
      if (stat.isPresent() && stat.get().numel() != channels) {
        throw new IllegalArgumentException(
            "batch_norm: running_mean/var, weight and bias should "
                + "contain "
                + channels
                + " elements, got "
                + stat.get().numel());
      }
    }
    Tensor mean;
    Tensor var;
    if (training || runningMean.isEmpty() || runningVar.isEmpty()) {
      if (training && perChannel <= 1) {
        throw new IllegalArgumentException(
            "Expected more than 1 value per channel when "
                + "training, got input size "
                + input.shape());
      }
      if (!training && (runningMean.isPresent() != runningVar.isPresent())) {
        throw new IllegalArgumentException(
            "batch_norm: running_mean and running_var must both " + "be given or both be absent");
      }
      mean = input.mean(dims, true);
      var = input.var(dims, 0, true);
      if (training && runningMean.isPresent() && runningVar.isPresent()) {
        try (var g = noGrad()) {
          // The running variance uses the unbiased estimate, as ATen's batch_norm.
          Tensor unbiased = var.detach().mul((double) perChannel / (perChannel - 1));
          runningMean.get().mul_(1 - momentum).add_(mean.detach().view(channels).mul(momentum));
          runningVar.get().mul_(1 - momentum).add_(unbiased.view(channels).mul(momentum));
        }
      }
    } else {
      mean = runningMean.get().view(statShape);
      var = runningVar.get().view(statShape);
    }
    Tensor out = input.sub(mean).mul(var.add(eps).rsqrt());
    if (weight.isPresent()) {
      out = out.mul(weight.get().view(statShape));
    }
    if (bias.isPresent()) {
      out = out.add(bias.get().view(statShape));
    }
    return out;
  }
}

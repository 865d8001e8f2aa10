package io.jgrad.optim;

import static io.jgrad.JGrad.scalar;
import static io.jgrad.JGrad.zerosLike;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Map;

/** The single-tensor Adam/AdamW update of PyTorch's {@code _single_tensor_adam}. */
final class AdamUpdate {
  private AdamUpdate() {}

  static void apply(ParamGroup group, Tensor param, Tensor grad, Map<String, Object> state) {
    double lr = group.lr();
    List<?> betas = (List<?>) group.get("betas");
    double beta1 = ((Number) betas.get(0)).doubleValue();
    double beta2 = ((Number) betas.get(1)).doubleValue();
    double eps = group.getDouble("eps");
    double weightDecay = group.getDouble("weight_decay");
    boolean amsgrad = group.getBoolean("amsgrad");
    if (state.isEmpty()) {
      // PyTorch keeps "step" as a 0-d float32 tensor (the default scalar dtype).
      state.put("step", scalar(0f));
      state.put("exp_avg", zerosLike(param));
      state.put("exp_avg_sq", zerosLike(param));
    }
    Tensor g = group.getBoolean("maximize") ? grad.neg() : grad;
    Tensor stepTensor = (Tensor) state.get("step");
    Tensor expAvg = (Tensor) state.get("exp_avg");
    Tensor expAvgSq = (Tensor) state.get("exp_avg_sq");
    stepTensor.add_(1);
    if (weightDecay != 0) {
      if (group.has("decoupled_weight_decay") && group.getBoolean("decoupled_weight_decay")) {
        param.mul_(1 - lr * weightDecay);
      } else {
        g = g.add(param, weightDecay);
      }
    }
    expAvg.lerp_(g, 1 - beta1);
    expAvgSq.mul_(beta2).addcmul_(g, g, 1 - beta2);
    double step = stepTensor.item();
    double biasCorrection1 = 1 - Math.pow(beta1, step);
    double biasCorrection2 = 1 - Math.pow(beta2, step);
    double stepSize = lr / biasCorrection1;
    double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
    Tensor denom;
    if (amsgrad) {
      Tensor maxExpAvgSq =
          (Tensor) state.computeIfAbsent("max_exp_avg_sq", key -> zerosLike(param));
      maxExpAvgSq.copy_(maxExpAvgSq.maximum(expAvgSq));
      denom = maxExpAvgSq.sqrt().div(biasCorrection2Sqrt).add_(eps);
    } else {
      denom = expAvgSq.sqrt().div(biasCorrection2Sqrt).add_(eps);
    }
    param.addcdiv_(expAvg, denom, -stepSize);
  }
}

package io.jgrad.optim;

import static io.jgrad.JGrad.noGrad;
import static io.jgrad.JGrad.scalar;
import static io.jgrad.JGrad.stack;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.autograd.GradMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping, PyTorch's {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}.
 *
 * <p>{@code loss.backward(); ClipGrad.clipGradNorm_(model.parameters(), 1.0); opt.step();}
 */
public final class ClipGrad {
  private ClipGrad() {}

  /**
   * Scales all gradients together so their 2-norm is at most {@code maxNorm}; returns the norm
   * before clipping.
   *
   * <p>{@code ClipGrad.clipGradNorm_(params, 1.0).item()} is the total gradient norm.
   */
  public static Tensor clipGradNorm_(Iterable<? extends Tensor> params, double maxNorm) {
    return clipGradNorm_(params, maxNorm, 2.0, false);
  }

  /**
   * Scales all gradients together so their {@code normType}-norm is at most {@code maxNorm};
   * returns the total norm before clipping, a 0-d tensor.
   *
   * <p>{@code ClipGrad.clipGradNorm_(params, 0.5, Double.POSITIVE_INFINITY)} clips by the largest
   * absolute gradient entry.
   *
   * <p>As in PyTorch: the total norm is the norm of the per-tensor norms, and every gradient is
   * multiplied by {@code min(maxNorm / (total + 1e-6), 1)}. Parameters without a gradient are
   * skipped; with none at all the result is 0.
   */
  public static Tensor clipGradNorm_(
      Iterable<? extends Tensor> params, double maxNorm, double normType) {
    return clipGradNorm_(params, maxNorm, normType, false);
  }

  /**
   * As {@link #clipGradNorm_(Iterable, double, double)}, optionally failing on a NaN or infinite
   * total norm.
   *
   * <p>{@code ClipGrad.clipGradNorm_(params, 1.0, 2.0, true)}.
   *
   * @throws IllegalStateException with PyTorch's message if {@code errorIfNonfinite} and the total
   *     norm is NaN or infinite
   */
  public static Tensor clipGradNorm_(
      Iterable<? extends Tensor> params,
      double maxNorm,
      double normType,
      boolean errorIfNonfinite) {
    try (GradMode.Scope scope = noGrad()) {
      List<Tensor> grads = grads(params);
      if (grads.isEmpty()) {
        return scalar(0f);
      }
      DType dtype = DType.FLOAT32;
      List<Tensor> norms = new ArrayList<>();
      for (Tensor grad : grads) {
        norms.add(vectorNorm(grad, normType));
        if (grad.dtype() == DType.FLOAT64) {
          dtype = DType.FLOAT64;
        }
      }
      List<Tensor> promoted = new ArrayList<>();
      for (Tensor norm : norms) {
        promoted.add(norm.to(dtype).to(grads.get(0).device()));
      }
      Tensor total = vectorNorm(stack(promoted, 0), normType);
      double value = total.item();
      if (errorIfNonfinite && (Double.isNaN(value) || Double.isInfinite(value))) {
        throw new IllegalStateException(
            "The total norm of order "
                + normType
                + " for gradients from `parameters` is "
                + "non-finite, so it cannot be clipped. To disable this error and scale the "
                + "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
      }
      // PyTorch evaluates max_norm / (total + 1e-6) as reciprocal() * max_norm.
      Tensor coefficient = total.add(1e-6).reciprocal().mul(maxNorm).clampMax(1.0);
      for (Tensor grad : grads) {
        grad.mul_(coefficient.to(grad.dtype()).to(grad.device()));
      }
      return total;
    }
  }

  /**
   * Clamps every gradient entry into {@code [-clipValue, clipValue]} in place.
   *
   * <p>{@code ClipGrad.clipGradValue_(model.parameters(), 0.5)}.
   */
  public static void clipGradValue_(Iterable<? extends Tensor> params, double clipValue) {
    try (GradMode.Scope scope = noGrad()) {
      for (Tensor grad : grads(params)) {
        grad.clamp_(-clipValue, clipValue);
      }
    }
  }

  private static List<Tensor> grads(Iterable<? extends Tensor> params) {
    List<Tensor> grads = new ArrayList<>();
    for (Tensor param : params) {
      if (param.hasGrad()) {
        grads.add(param.grad());
      }
    }
    return grads;
  }

  /** {@code torch.linalg.vector_norm(x, ord)} over all elements. */
  private static Tensor vectorNorm(Tensor x, double ord) {
    Tensor abs = x.abs();
    if (ord == Double.POSITIVE_INFINITY) {
      return abs.max();
    }
    if (ord == Double.NEGATIVE_INFINITY) {
      return abs.min();
    }
    if (ord == 0) {
      return abs.ne(0).to(x.dtype()).sum();
    }
    if (ord == 1) {
      return abs.sum();
    }
    if (ord == 2) {
      return abs.mul(abs).sum().sqrt();
    }
    return abs.pow(ord).sum().pow(1.0 / ord);
  }
}

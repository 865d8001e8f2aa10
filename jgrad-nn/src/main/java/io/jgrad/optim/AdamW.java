package io.jgrad.optim;

import io.jgrad.Tensor;
import java.util.Map;

/**
 * AdamW, PyTorch's {@code torch.optim.AdamW}: Adam with decoupled weight decay, applied to the
 * parameter as {@code p *= 1 - lr * weight_decay} before the Adam update (default weight decay
 * 1e-2).
 *
 * <p>{@code new AdamW(model.parameters(), 1e-3)}.
 *
 * <p>Otherwise identical to {@link Adam}, whose {@link Adam.Options} it takes; start from {@link
 * #options(double)} to get AdamW's weight-decay default.
 */
public final class AdamW extends Optimizer {

  /**
   * AdamW's defaults with learning rate {@code lr}: Adam's plus weight decay 1e-2.
   *
   * <p>{@code AdamW.options(1e-3).amsgrad(true)}.
   */
  public static Adam.Options options(double lr) {
    return Adam.Options.of(lr).weightDecay(1e-2);
  }

  /**
   * AdamW with PyTorch's defaults (lr 1e-3, weight decay 1e-2).
   *
   * <p>{@code new AdamW(model.parameters())}.
   */
  public AdamW(Iterable<? extends Tensor> params) {
    this(params, options(1e-3));
  }

  /**
   * AdamW with learning rate {@code lr} and defaults otherwise.
   *
   * <p>{@code new AdamW(model.parameters(), 3e-4)}.
   */
  public AdamW(Iterable<? extends Tensor> params, double lr) {
    this(params, options(lr));
  }

  /**
   * AdamW with the given options (their weight decay is the decoupled one).
   *
   * <p>{@code new AdamW(params, AdamW.options(1e-3).weightDecay(0.1))}.
   *
   * @throws IllegalArgumentException as {@link Adam#Adam(Iterable, Adam.Options)} does
   */
  public AdamW(Iterable<? extends Tensor> params, Adam.Options options) {
    super(params, options.toMap(true));
  }

  @Override
  protected void update(ParamGroup group, Tensor param, Tensor grad, Map<String, Object> state) {
    AdamUpdate.apply(group, param, grad, state);
  }
}

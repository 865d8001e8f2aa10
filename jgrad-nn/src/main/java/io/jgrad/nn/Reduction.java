package io.jgrad.nn;

/**
 * How a loss combines its per-element values, as PyTorch's {@code reduction=} argument.
 *
 * <p>{@code new MSELoss(Reduction.SUM)} adds the squared errors.
 */
public enum Reduction {
  /** Keep one loss per element ({@code reduction='none'}). */
  NONE,
  /** Average ({@code reduction='mean'}, the default). */
  MEAN,
  /** Add up ({@code reduction='sum'}). */
  SUM
}

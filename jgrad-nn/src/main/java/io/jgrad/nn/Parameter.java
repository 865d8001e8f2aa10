package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * A tensor that a {@link Module} treats as a trainable parameter, as PyTorch's {@code
 * nn.Parameter}.
 *
 * <p>{@code Parameter w = new Parameter(zeros(3, 1));} prints {@code Parameter containing:} then
 * the tensor.
 *
 * <p>The parameter aliases the storage of the tensor it wraps (detached first, so it is always a
 * leaf); in-place writes to one are visible in the other.
 */
public final class Parameter extends Tensor {

  /**
   * A parameter over {@code data} that requires grad.
   *
   * <p>{@code new Parameter(randn(2, 3))}.
   *
   * @throws IllegalArgumentException if {@code data} is not floating point
   */
  public Parameter(Tensor data) {
    this(data, true);
  }

  /**
   * A parameter over {@code data}; {@code requiresGrad} false makes it frozen.
   *
   * <p>{@code new Parameter(ones(3), false)}.
   *
   * @throws IllegalArgumentException if {@code requiresGrad} and {@code data} is not floating point
   */
  public Parameter(Tensor data, boolean requiresGrad) {
    super(data.detach());
    requiresGrad_(requiresGrad);
  }

  @Override
  protected String reprPrefix() {
    return "Parameter containing:\n";
  }
}

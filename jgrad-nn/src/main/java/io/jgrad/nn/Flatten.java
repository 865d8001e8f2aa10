package io.jgrad.nn;

import io.jgrad.Tensor;

/**
 * Flattens dims startDim..endDim into one, as PyTorch's {@code nn.Flatten}.
 *
 * <p>{@code new Flatten(0, 1).forward(zeros(2000, 1))} has shape [2000].
 */
public class Flatten extends Module {
  private final int startDim;
  private final int endDim;

  /**
   * Keeps the batch dim: startDim 1, endDim -1.
   *
   * <p>{@code new Flatten()}.
   */
  public Flatten() {
    this(1, -1);
  }

  /**
   * Flattens {@code startDim} through {@code endDim} (inclusive).
   *
   * <p>{@code new Flatten(0, 1)}.
   */
  public Flatten(int startDim, int endDim) {
    this.startDim = startDim;
    this.endDim = endDim;
  }

  @Override
  public Tensor forward(Tensor input) {
    return input.flatten(startDim, endDim);
  }

  @Override
  public String extraRepr() {
    return "start_dim=" + startDim + ", end_dim=" + endDim;
  }
}

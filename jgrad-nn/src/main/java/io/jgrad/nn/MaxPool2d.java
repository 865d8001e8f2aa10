package io.jgrad.nn;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;

/**
 * 2-d max pooling, as PyTorch's {@code nn.MaxPool2d}: the maximum of each window; the gradient goes
 * to the window's first maximum, padding counts as -inf.
 *
 * <p>{@code new MaxPool2d(2).forward(x)} halves H and W.
 */
public class MaxPool2d extends Module {
  private final int kernelSize;
  private final int stride;
  private final int padding;

  /**
   * Stride equal to the kernel, no padding.
   *
   * <p>{@code new MaxPool2d(2)}.
   */
  public MaxPool2d(int kernelSize) {
    this(kernelSize, kernelSize, 0);
  }

  /**
   * Square windows with stride and padding; checked on the first forward, as in PyTorch.
   *
   * <p>{@code new MaxPool2d(3, 2, 1)}.
   */
  public MaxPool2d(int kernelSize, int stride, int padding) {
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
  }

  /** Window size. */
  public int kernelSize() {
    return kernelSize;
  }

  /** Step between windows. */
  public int stride() {
    return stride;
  }

  /** Implicit padding on each side. */
  public int padding() {
    return padding;
  }

  @Override
  public Tensor forward(Tensor input) {
    return F.maxPool2d(input, kernelSize, stride, padding);
  }

  @Override
  public String extraRepr() {
    return "kernel_size="
        + kernelSize
        + ", stride="
        + stride
        + ", padding="
        + padding
        + ", dilation=1, ceil_mode=False";
  }
}

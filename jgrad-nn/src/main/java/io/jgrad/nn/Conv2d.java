package io.jgrad.nn;

import static io.jgrad.JGrad.zeros;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import io.jgrad.nn.init.Init;
import java.util.Arrays;
import java.util.Optional;

/**
 * 2-d convolution layer, as PyTorch's {@code nn.Conv2d} (zero padding): weight [out, in/groups, kH,
 * kW], bias [out].
 *
 * <p>{@code new Conv2d(1, 8, 3).forward(x)} maps [N, 1, 28, 28] to [N, 8, 26, 26].
 *
 * <p>Initialised as PyTorch's {@code reset_parameters}: weight from {@code
 * kaiming_uniform_(a=sqrt(5))}, then bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), both from the
 * default generator, so {@code manualSeed(s)} gives PyTorch's numbers.
 */
public class Conv2d extends Module {
  private final int inChannels;
  private final int outChannels;
  private final int[] kernelSize;
  private final int[] stride;
  private final int[] padding;
  private final int[] dilation;
  private final int groups;
  private final boolean hasBias;

  /**
   * Square kernel, stride 1, no padding, with bias.
   *
   * <p>{@code new Conv2d(1, 8, 3)}.
   */
  public Conv2d(int inChannels, int outChannels, int kernelSize) {
    this(inChannels, outChannels, kernelSize, 1, 0);
  }

  /**
   * Square kernel with stride and padding, with bias.
   *
   * <p>{@code new Conv2d(3, 16, 3, 2, 1)}.
   */
  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
    this(inChannels, outChannels, kernelSize, stride, padding, 1, 1, true);
  }

  /**
   * Square kernel with every option.
   *
   * <p>{@code new Conv2d(4, 8, 3, 1, 2, 2, 2, false)}.
   */
  public Conv2d(
      int inChannels,
      int outChannels,
      int kernelSize,
      int stride,
      int padding,
      int dilation,
      int groups,
      boolean bias) {
    this(
        inChannels,
        outChannels,
        new int[] {kernelSize, kernelSize},
        new int[] {stride, stride},
        new int[] {padding, padding},
        new int[] {dilation, dilation},
        groups,
        bias);
  }

  /**
   * (h, w) kernel, stride, padding and dilation.
   *
   * <p>{@code new Conv2d(3, 8, new int[] {3, 5}, new int[] {1, 2}, new int[] {1, 2}, new int[] {1,
   * 1}, 1, true)}.
   *
   * @throws IllegalArgumentException for non-positive groups, channels not divisible by groups, or
   *     non-positive kernel, stride or dilation, or negative padding
   */
  public Conv2d(
      int inChannels,
      int outChannels,
      int[] kernelSize,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups,
      boolean bias) {
    if (groups <= 0) {
      throw new IllegalArgumentException("groups must be a positive integer");
    }
    if (inChannels % groups != 0) {
      throw new IllegalArgumentException("in_channels must be divisible by groups");
    }
    if (outChannels % groups != 0) {
      throw new IllegalArgumentException("out_channels must be divisible by groups");
    }
    for (int i = 0; i < 2; i++) {
      if (kernelSize[i] <= 0 || stride[i] <= 0 || dilation[i] <= 0 || padding[i] < 0) {
        throw new IllegalArgumentException(
            "Conv2d: kernel_size, stride and dilation must be positive and padding non-negative,"
                + " got kernel_size="
                + Arrays.toString(kernelSize)
                + ", stride="
                + Arrays.toString(stride)
                + ", padding="
                + Arrays.toString(padding)
                + ", dilation="
                + Arrays.toString(dilation));
      }
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize.clone();
    this.stride = stride.clone();
    this.padding = padding.clone();
    this.dilation = dilation.clone();
    this.groups = groups;
    this.hasBias = bias;
    registerParameter(
        "weight",
        new Parameter(zeros(outChannels, inChannels / groups, kernelSize[0], kernelSize[1])));
    if (bias) {
      registerParameter("bias", new Parameter(zeros(outChannels)));
    }
    resetParameters();
  }

  /** Re-draws weight and bias with PyTorch's default scheme. */
  public void resetParameters() {
    Init.kaimingUniform_(weight(), Math.sqrt(5));
    if (hasBias) {
      int fanIn = Init.calculateFanInAndFanOut(weight()).fanIn();
      double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      Init.uniform_(bias(), -bound, bound);
    }
  }

  /**
   * The weight [out, in/groups, kH, kW].
   *
   * <p>{@code conv.weight().grad()}.
   */
  public Parameter weight() {
    return getParameter("weight");
  }

  /**
   * The bias [out].
   *
   * <p>{@code conv.bias()}.
   *
   * @throws IllegalStateException when built with {@code bias=false}
   */
  public Parameter bias() {
    if (!hasBias) {
      throw new IllegalStateException("Conv2d: this layer was built with bias=false");
    }
    return getParameter("bias");
  }

  /** Whether the layer adds a bias. */
  public boolean hasBias() {
    return hasBias;
  }

  /** Input channels. */
  public int inChannels() {
    return inChannels;
  }

  /** Output channels. */
  public int outChannels() {
    return outChannels;
  }

  /** Kernel (h, w). */
  public int[] kernelSize() {
    return kernelSize.clone();
  }

  /** Stride (h, w). */
  public int[] stride() {
    return stride.clone();
  }

  /** Zero padding (h, w). */
  public int[] padding() {
    return padding.clone();
  }

  /** Dilation (h, w). */
  public int[] dilation() {
    return dilation.clone();
  }

  /** Number of channel groups. */
  public int groups() {
    return groups;
  }

  @Override
  public Tensor forward(Tensor input) {
    Optional<Tensor> b = hasBias ? Optional.of(bias()) : Optional.empty();
    return F.conv2d(input, weight(), b, stride, padding, dilation, groups);
  }

  @Override
  public String extraRepr() {
    StringBuilder s =
        new StringBuilder()
            .append(inChannels)
            .append(", ")
            .append(outChannels)
            .append(", kernel_size=")
            .append(Repr.pythonTuple(kernelSize))
            .append(", stride=")
            .append(Repr.pythonTuple(stride));
    if (padding[0] != 0 || padding[1] != 0) {
      s.append(", padding=").append(Repr.pythonTuple(padding));
    }
    if (dilation[0] != 1 || dilation[1] != 1) {
      s.append(", dilation=").append(Repr.pythonTuple(dilation));
    }
    if (groups != 1) {
      s.append(", groups=").append(groups);
    }
    if (!hasBias) {
      s.append(", bias=False");
    }
    return s.toString();
  }
}

package io.jgrad.nn.functional;

import static io.jgrad.JGrad.cat;
import static io.jgrad.JGrad.full;

import io.jgrad.Size;
import io.jgrad.Tensor;
import io.jgrad.TensorOptions;
import io.jgrad.ops.Unfold;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * 2-d convolution and pooling on {@link Unfold#unfold} (im2col): the sliding blocks become columns,
 * then one matmul per group (convolution) or a max/mean over the kernel axis (pooling). Unfold's
 * backward is fold (col2im), so the gradients need no hand-written code here.
 */
final class Convolution {
  private Convolution() {}

  static Tensor conv2d(
      Tensor input,
      Tensor weight,
      Optional<Tensor> bias,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups) {
    checkParams(stride, padding, dilation, groups);
    if (weight.dim() != 4) {
      throw new IllegalArgumentException(
          "conv2d: expected weight to be 4-dimensional [out, in/groups, kH, kW], but got weight of"
              + " size "
              + sizeText(weight)
              + " instead");
    }
    if (input.dim() != 3 && input.dim() != 4) {
      throw new IllegalArgumentException(
          "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: "
              + sizeText(input));
    }
    boolean unbatched = input.dim() == 3;
    Tensor x = unbatched ? input.unsqueeze(0) : input;
    int outChannels = weight.size(0);
    int kh = weight.size(2);
    int kw = weight.size(3);
    if (outChannels % groups != 0) {
      throw new IllegalArgumentException(
          "Given groups="
              + groups
              + ", expected weight to be divisible by "
              + groups
              + " at dimension 0, but got weight of size ["
              + sizeText(weight)
              + "] instead");
    }
    if (x.size(1) != weight.size(1) * groups) {
      throw new IllegalArgumentException(
          "Given groups="
              + groups
              + ", weight of size "
              + sizeText(weight)
              + ", expected input"
              + sizeText(x)
              + " to have "
              + weight.size(1) * groups
              + " channels, but got "
              + x.size(1)
              + " channels instead");
    }
    if (bias.isPresent() && (bias.get().dim() != 1 || bias.get().size(0) != outChannels)) {
      throw new IllegalArgumentException(
          "Given weight of size "
              + sizeText(weight)
              + ", expected bias to be 1-dimensional with "
              + outChannels
              + " elements, but got bias of size "
              + sizeText(bias.get())
              + " instead");
    }
    int paddedH = x.size(2) + 2 * padding[0];
    int paddedW = x.size(3) + 2 * padding[1];
    int effH = dilation[0] * (kh - 1) + 1;
    int effW = dilation[1] * (kw - 1) + 1;
    if (paddedH < effH || paddedW < effW) {
      throw new IllegalArgumentException(
          "Calculated padded input size per channel: ("
              + paddedH
              + " x "
              + paddedW
              + "). Kernel size: ("
              + effH
              + " x "
              + effW
              + "). Kernel size can't be greater than actual input size");
    }
    int n = x.size(0);
    int[] out = outSize(x, new int[] {kh, kw}, stride, padding, dilation);
    // One matmul per group over the whole batch: weight [G, O/G, C/G·kH·kW] times the columns
    // [N, G, C/G·kH·kW, L] broadcasts to [N, G, O/G, L], which is [N, O, oH, oW] in memory.
    Tensor cols = Unfold.unfold(x, new int[] {kh, kw}, dilation, padding, stride);
    int perGroup = weight.size(1) * kh * kw;
    int blocks = out[0] * out[1];
    Tensor y =
        groups == 1
            ? weight.reshape(outChannels, perGroup).matmul(cols)
            : weight
                .reshape(groups, outChannels / groups, perGroup)
                .matmul(cols.view(n, groups, perGroup, blocks));
    y = y.reshape(n, outChannels, out[0], out[1]);
    if (bias.isPresent()) {
      y = y.add(bias.get().view(1, outChannels, 1, 1));
    }
    return unbatched ? y.squeeze(0) : y;
  }

  static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
    return pool(input, kernel, stride, padding, true);
  }

  static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
    return pool(input, kernel, stride, padding, false);
  }

  private static Tensor pool(Tensor input, int[] kernel, int[] stride, int[] padding, boolean max) {
    String name = max ? "max_pool2d" : "avg_pool2d";
    for (int i = 0; i < 2; i++) {
      if (kernel[i] <= 0) {
        throw new IllegalArgumentException(
            name + ": kernel_size must be greater than zero, but got " + Arrays.toString(kernel));
      }
      if (stride[i] <= 0) {
        throw new IllegalArgumentException(
            name + ": stride must be greater than zero, but got " + Arrays.toString(stride));
      }
      if (padding[i] < 0 || padding[i] > kernel[i] / 2) {
        throw new IllegalArgumentException(
            "pad should be at most half of effective kernel size, but got pad="
                + padding[i]
                + ", kernel_size="
                + kernel[i]
                + " and dilation=1");
      }
    }
    if (input.dim() != 3 && input.dim() != 4) {
      throw new IllegalArgumentException(
          "non-empty 3D or 4D (batch mode) tensor expected for input, but got input of size: "
              + sizeText(input));
    }
    boolean unbatched = input.dim() == 3;
    Tensor x = unbatched ? input.unsqueeze(0) : input;
    int[] ones = {1, 1};
    int[] out = outSize(x, kernel, stride, padding, ones);
    if (out[0] < 1 || out[1] < 1) {
      throw new IllegalArgumentException(
          "Given input size: ("
              + x.size(1)
              + "x"
              + x.size(2)
              + "x"
              + x.size(3)
              + "). Calculated output size: ("
              + x.size(1)
              + "x"
              + out[0]
              + "x"
              + out[1]
              + "). Output size is too small");
    }
    // Max pads with -inf so padding never wins (unfold itself pads with zeros); avg keeps the zero
    // padding and divides by kH·kW (count_include_pad=True).
    Tensor source = max ? pad(x, padding, Double.NEGATIVE_INFINITY) : x;
    int[] unfoldPadding = max ? new int[] {0, 0} : padding;
    Tensor cols = Unfold.unfold(source, kernel, ones, unfoldPadding, stride);
    Tensor windows = cols.view(x.size(0), x.size(1), kernel[0] * kernel[1], out[0] * out[1]);
    // max(dim) sends the gradient to the first maximum (kernel offsets in row-major order), as
    // PyTorch's max_pool2d kernel.
    Tensor y =
        (max ? windows.max(2).values() : windows.mean(2))
            .view(x.size(0), x.size(1), out[0], out[1]);
    return unbatched ? y.squeeze(0) : y;
  }

  private static Tensor pad(Tensor x, int[] padding, double fill) {
    Tensor p = x;
    TensorOptions options = TensorOptions.of(x.dtype()).device(x.device());
    if (padding[1] > 0) {
      Tensor side = full(Size.of(p.size(0), p.size(1), p.size(2), padding[1]), fill, options);
      p = cat(List.of(side, p, side), 3);
    }
    if (padding[0] > 0) {
      Tensor side = full(Size.of(p.size(0), p.size(1), padding[0], p.size(3)), fill, options);
      p = cat(List.of(side, p, side), 2);
    }
    return p;
  }

  private static int[] outSize(
      Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
    int[] out = new int[2];
    for (int i = 0; i < 2; i++) {
      int eff = dilation[i] * (kernel[i] - 1) + 1;
      out[i] = Math.floorDiv(x.size(2 + i) + 2 * padding[i] - eff, stride[i]) + 1;
    }
    return out;
  }

  private static void checkParams(int[] stride, int[] padding, int[] dilation, int groups) {
    if (groups <= 0) {
      throw new IllegalArgumentException("non-positive groups is not supported");
    }
    for (int i = 0; i < 2; i++) {
      if (stride[i] <= 0) {
        throw new IllegalArgumentException("non-positive stride is not supported");
      }
      if (padding[i] < 0) {
        throw new IllegalArgumentException("negative padding is not supported");
      }
      if (dilation[i] <= 0) {
        throw new IllegalArgumentException(
            "dilation should be greater than zero, but got " + Arrays.toString(dilation));
      }
    }
  }

  private static String sizeText(Tensor t) {
    return Arrays.toString(t.shape().toIntArray());
  }
}

package io.jgrad.ops;

import io.jgrad.Tensor;
import io.jgrad.autograd.Autograd;
import io.jgrad.backend.UnfoldGeometry;
import java.util.Arrays;

/**
 * Sliding-block extraction (im2col) and its adjoint (col2im), as PyTorch's {@code
 * torch.nn.functional.unfold} and {@code fold}. Each is the other's derivative, so both are
 * differentiable to any order. Kernel, dilation, padding and stride are (h, w) pairs.
 *
 * <p>{@code Unfold.unfold(x, new int[] {3, 3}, ones, zeros, ones)} maps [N, C, H, W] to [N, C·9,
 * L].
 */
public final class Unfold {
  private Unfold() {}

  /**
   * The blocks of {@code input} [N, C, H, W] (or unbatched [C, H, W]) as columns: [N, C·kH·kW, L]
   * with L the number of block positions, zero padded; row {@code (c·kH + i)·kW + j}.
   *
   * <p>{@code Unfold.unfold(x, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0}, new int[] {2,
   * 2})}.
   *
   * @throws IllegalArgumentException for a bad shape or parameter, with PyTorch's message
   */
  public static Tensor unfold(
      Tensor input, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
    checkParams(kernelSize, dilation, padding, stride);
    int[] shape = input.layout().shape();
    boolean unbatched = shape.length == 3;
    if ((shape.length != 3 && shape.length != 4)
        || Arrays.stream(shape, unbatched ? 0 : 1, shape.length).anyMatch(s -> s == 0)) {
      throw new IllegalArgumentException(
          "Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero"
              + " dimensions for input, but got: "
              + Arrays.toString(shape));
    }
    Tensor x = unbatched ? input.unsqueeze(0) : input;
    int[] imageShape = x.layout().shape();
    UnfoldGeometry g = UnfoldGeometry.of(imageShape, kernelSize, dilation, padding, stride);
    int blocksH = blocks(g.height(), g.paddingH(), g.dilationH(), g.kernelH(), g.strideH());
    int blocksW = blocks(g.width(), g.paddingW(), g.dilationW(), g.kernelW(), g.strideW());
    if (blocksH < 1 || blocksW < 1) {
      throw new IllegalArgumentException(
          String.format(
              "Given input with spatial size (%d, %d), kernel_size=(%d, %d), dilation=(%d, %d),"
                  + " padding=(%d, %d), calculated shape of the array of sliding blocks as (%d,"
                  + " %d), but its components must be at least one.",
              g.height(),
              g.width(),
              g.kernelH(),
              g.kernelW(),
              g.dilationH(),
              g.dilationW(),
              g.paddingH(),
              g.paddingW(),
              blocksH,
              blocksW));
    }
    Tensor out =
        Elementwise.uninitialized(
            new int[] {g.batch(), g.channels() * g.kernelH() * g.kernelW(), blocksH * blocksW},
            x.dtype(),
            x.device());
    out.backend().unfold(x.detach(), g, out);
    if (Autograd.needsGrad(x)) {
      int[] size = {g.height(), g.width()};
      Autograd.record(
          out,
          "Im2ColBackward0",
          (grad, needs) -> new Tensor[] {fold(grad, size, kernelSize, dilation, padding, stride)},
          x);
    }
    return unbatched ? out.squeeze(0) : out;
  }

  /**
   * Sums columns {@code input} [N, C·kH·kW, L] (or unbatched [C·kH·kW, L]) back into an image [N,
   * C, outputSize[0], outputSize[1]]; overlapping blocks add up and padding is dropped.
   *
   * <p>{@code Unfold.fold(cols, new int[] {4, 4}, new int[] {2, 2}, ones, zeros, ones)}.
   *
   * @throws IllegalArgumentException for a bad shape or parameter, with PyTorch's message
   */
  public static Tensor fold(
      Tensor input,
      int[] outputSize,
      int[] kernelSize,
      int[] dilation,
      int[] padding,
      int[] stride) {
    checkParams(kernelSize, dilation, padding, stride);
    Checks.checkArgument(
        outputSize.length == 2 && outputSize[0] > 0 && outputSize[1] > 0,
        "output_size should be greater than zero, but got %s",
        Arrays.toString(outputSize));
    int[] shape = input.layout().shape();
    boolean unbatched = shape.length == 2;
    if ((shape.length != 2 && shape.length != 3)
        || Arrays.stream(shape, unbatched ? 0 : 1, shape.length).anyMatch(s -> s == 0)) {
      throw new IllegalArgumentException(
          "Expected 2D or 3D (batch mode) tensor for input with possibly 0 batch size and non-zero"
              + " dimensions for input, but got: "
              + Arrays.toString(shape));
    }
    Tensor cols = unbatched ? input.unsqueeze(0) : input;
    int rows = cols.size(1);
    int kk = kernelSize[0] * kernelSize[1];
    if (rows % kk != 0) {
      throw new IllegalArgumentException(
          String.format(
              "Expected size of input's dimension 1 to be divisible by the product of"
                  + " kernel_size, but got input.size(1)=%d and kernel_size=(%d, %d).",
              rows, kernelSize[0], kernelSize[1]));
    }
    int[] imageShape = {cols.size(0), rows / kk, outputSize[0], outputSize[1]};
    UnfoldGeometry g = UnfoldGeometry.of(imageShape, kernelSize, dilation, padding, stride);
    int blocksH = blocks(g.height(), g.paddingH(), g.dilationH(), g.kernelH(), g.strideH());
    int blocksW = blocks(g.width(), g.paddingW(), g.dilationW(), g.kernelW(), g.strideW());
    if (blocksH < 1 || blocksW < 1 || cols.size(2) != blocksH * blocksW) {
      throw new IllegalArgumentException(
          String.format(
              "Given output_size=(%d, %d), kernel_size=(%d, %d), dilation=(%d, %d),"
                  + " padding=(%d, %d), stride=(%d, %d), expected size of input's dimension 2 to"
                  + " match the calculated number of sliding blocks %d * %d = %d, but got"
                  + " input.size(2)=%d.",
              g.height(),
              g.width(),
              g.kernelH(),
              g.kernelW(),
              g.dilationH(),
              g.dilationW(),
              g.paddingH(),
              g.paddingW(),
              g.strideH(),
              g.strideW(),
              blocksH,
              blocksW,
              blocksH * blocksW,
              cols.size(2)));
    }
    Tensor out = Elementwise.empty(imageShape, cols.dtype(), cols.device());
    out.backend().fold(cols.detach(), g, out);
    if (Autograd.needsGrad(cols)) {
      Autograd.record(
          out,
          "Col2ImBackward0",
          (grad, needs) -> new Tensor[] {unfold(grad, kernelSize, dilation, padding, stride)},
          cols);
    }
    return unbatched ? out.squeeze(0) : out;
  }

  /** Block positions along one axis; below 1 when the kernel does not fit. */
  private static int blocks(int size, int padding, int dilation, int kernel, int stride) {
    return Math.floorDiv(size + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
  }

  private static void checkParams(int[] kernel, int[] dilation, int[] padding, int[] stride) {
    for (int[] pair : new int[][] {kernel, dilation, padding, stride}) {
      Checks.checkArgument(
          pair.length == 2, "unfold/fold: expected (h, w) pairs, got %s", Arrays.toString(pair));
    }
    Checks.checkArgument(
        kernel[0] > 0 && kernel[1] > 0,
        "kernel size should be greater than zero, but got kernel_height: %d kernel_width: %d",
        kernel[0],
        kernel[1]);
    Checks.checkArgument(
        stride[0] > 0 && stride[1] > 0,
        "stride should be greater than zero, but got dH: %d dW: %d",
        stride[0],
        stride[1]);
    Checks.checkArgument(
        dilation[0] > 0 && dilation[1] > 0,
        "dilation should be greater than zero, but got dilation_height: %d dilation_width: %d",
        dilation[0],
        dilation[1]);
    Checks.checkArgument(
        padding[0] >= 0 && padding[1] >= 0,
        "padding should be non-negative, but got pad_height: %d pad_width: %d",
        padding[0],
        padding[1]);
  }
}

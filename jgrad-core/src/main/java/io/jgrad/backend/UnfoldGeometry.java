package io.jgrad.backend;

/**
 * The sizes of an unfold (im2col) or fold (col2im): image [batch, channels, height, width], kernel,
 * dilation, padding and stride as (h, w) pairs, and the grid of sliding blocks they give.
 *
 * <p>{@code UnfoldGeometry.of(new int[] {2, 3, 5, 5}, new int[] {3, 3}, ones, zeros, ones)} has a 3
 * x 3 grid.
 *
 * @param batch images
 * @param channels channels per image
 * @param height image height (unpadded)
 * @param width image width (unpadded)
 * @param kernelH kernel height
 * @param kernelW kernel width
 * @param dilationH dilation along h
 * @param dilationW dilation along w
 * @param paddingH zero padding on top and bottom
 * @param paddingW zero padding left and right
 * @param strideH stride along h
 * @param strideW stride along w
 */
public record UnfoldGeometry(
    int batch,
    int channels,
    int height,
    int width,
    int kernelH,
    int kernelW,
    int dilationH,
    int dilationW,
    int paddingH,
    int paddingW,
    int strideH,
    int strideW) {

  /**
   * The geometry of a [N, C, H, W] image with (h, w) kernel, dilation, padding and stride.
   *
   * <p>{@code UnfoldGeometry.of(x.layout().shape(), kernel, dilation, padding, stride)}.
   */
  public static UnfoldGeometry of(
      int[] imageShape, int[] kernel, int[] dilation, int[] padding, int[] stride) {
    return new UnfoldGeometry(
        imageShape[0],
        imageShape[1],
        imageShape[2],
        imageShape[3],
        kernel[0],
        kernel[1],
        dilation[0],
        dilation[1],
        padding[0],
        padding[1],
        stride[0],
        stride[1]);
  }

  /**
   * Rows of the block grid.
   *
   * <p>{@code g.outH()}.
   */
  public int outH() {
    return (height + 2 * paddingH - dilationH * (kernelH - 1) - 1) / strideH + 1;
  }

  /**
   * Columns of the block grid.
   *
   * <p>{@code g.outW()}.
   */
  public int outW() {
    return (width + 2 * paddingW - dilationW * (kernelW - 1) - 1) / strideW + 1;
  }
}

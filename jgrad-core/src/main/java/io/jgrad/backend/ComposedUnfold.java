package io.jgrad.backend;

import io.jgrad.Tensor;
import io.jgrad.ops.BinaryOp;

/**
 * The default {@link Backend#unfold} and {@link Backend#fold}, composed from the backend's own
 * strided {@code fill}, {@code copy} and {@code binary(ADD)}: one strided block per kernel offset,
 * clipped to the rows and columns that land inside the unpadded image.
 */
final class ComposedUnfold {
  private ComposedUnfold() {}

  static void unfold(Backend backend, Tensor x, UnfoldGeometry g, Tensor out) {
    backend.fill(out, 0.0);
    for (int ki = 0; ki < g.kernelH(); ki++) {
      for (int kj = 0; kj < g.kernelW(); kj++) {
        Layout[] pair = blocks(g, x.layout(), out.layout(), ki, kj);
        if (pair != null) {
          backend.copy(
              Tensor.fromStorage(x.storage(), pair[0]), Tensor.fromStorage(out.storage(), pair[1]));
        }
      }
    }
  }

  static void fold(Backend backend, Tensor cols, UnfoldGeometry g, Tensor out) {
    for (int ki = 0; ki < g.kernelH(); ki++) {
      for (int kj = 0; kj < g.kernelW(); kj++) {
        Layout[] pair = blocks(g, out.layout(), cols.layout(), ki, kj);
        if (pair != null) {
          // Within one kernel offset the image positions are distinct, so an elementwise add
          // into the strided image view never reads a position it has already written.
          Tensor image = Tensor.fromStorage(out.storage(), pair[0]);
          backend.binary(BinaryOp.ADD, image, Tensor.fromStorage(cols.storage(), pair[1]), image);
        }
      }
    }
  }

  /**
   * For kernel offset (ki, kj): the [N, C, rows, cols] view of the image and the matching view of
   * the columns tensor, or null when the offset only ever reads padding.
   */
  private static Layout[] blocks(UnfoldGeometry g, Layout image, Layout cols, int ki, int kj) {
    int[] h = validRange(g.outH(), g.strideH(), g.paddingH() - ki * g.dilationH(), g.height());
    int[] w = validRange(g.outW(), g.strideW(), g.paddingW() - kj * g.dilationW(), g.width());
    if (h[1] <= h[0] || w[1] <= w[0]) {
      return null;
    }
    int[] is = image.strides();
    int hi0 = h[0] * g.strideH() - g.paddingH() + ki * g.dilationH();
    int wi0 = w[0] * g.strideW() - g.paddingW() + kj * g.dilationW();
    int[] shape = {g.batch(), g.channels(), h[1] - h[0], w[1] - w[0]};
    Layout imageBlock =
        new Layout(
            shape,
            new int[] {is[0], is[1], is[2] * g.strideH(), is[3] * g.strideW()},
            image.offset() + hi0 * is[2] + wi0 * is[3]);
    // cols is [N, C·kH·kW, L]: row (c·kH + ki)·kW + kj, column ho·oW + wo.
    int[] cs = cols.strides();
    int row = ki * g.kernelW() + kj;
    Layout colsBlock =
        new Layout(
            shape.clone(),
            new int[] {cs[0], cs[1] * g.kernelH() * g.kernelW(), cs[2] * g.outW(), cs[2]},
            cols.offset() + row * cs[1] + (h[0] * g.outW() + w[0]) * cs[2]);
    return new Layout[] {imageBlock, colsBlock};
  }

  /**
   * The output positions [first, end) whose input index {@code o·stride - shift} is in [0, size).
   */
  private static int[] validRange(int outSize, int stride, int shift, int size) {
    int first = shift <= 0 ? 0 : (shift + stride - 1) / stride;
    int last = Math.floorDiv(size - 1 + shift, stride);
    return new int[] {first, Math.min(outSize, last + 1)};
  }
}

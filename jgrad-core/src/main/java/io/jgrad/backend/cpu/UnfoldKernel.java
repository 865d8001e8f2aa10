package io.jgrad.backend.cpu;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Storage;
import io.jgrad.backend.UnfoldGeometry;
import java.util.Arrays;

/**
 * Direct im2col / col2im loops over float32 and float64 arrays. Each (image, channel) plane is
 * independent, so large calls split the planes over {@link CpuThreads}. Fold accumulates in the
 * order of PyTorch's {@code col2im} (column row, then block row, then block column).
 */
final class UnfoldKernel {
  /** Elements below which a call stays on the calling thread. */
  private static final int PARALLEL_MIN = 1 << 15;

  private UnfoldKernel() {}

  /** Whether the direct loops handle this dtype. */
  static boolean supports(DType dtype) {
    return dtype == DType.FLOAT32 || dtype == DType.FLOAT64;
  }

  static void unfold(Tensor x, UnfoldGeometry g, Tensor out) {
    Storage in = CpuBackend.contiguousCopy(x.storage(), x.layout());
    int inOffset = in == x.storage() ? x.layout().offset() : 0;
    int outOffset = out.layout().offset();
    Object src = in.data();
    Object dst = out.storage().data();
    planes(
        g,
        out.layout().numel(),
        plane -> {
          if (src instanceof float[] s) {
            unfoldPlane(s, (float[]) dst, g, plane, inOffset, outOffset);
          } else {
            unfoldPlane((double[]) src, (double[]) dst, g, plane, inOffset, outOffset);
          }
        });
  }

  static void fold(Tensor cols, UnfoldGeometry g, Tensor out) {
    Storage in = CpuBackend.contiguousCopy(cols.storage(), cols.layout());
    int inOffset = in == cols.storage() ? cols.layout().offset() : 0;
    int outOffset = out.layout().offset();
    Object src = in.data();
    Object dst = out.storage().data();
    planes(
        g,
        cols.layout().numel(),
        plane -> {
          if (src instanceof float[] s) {
            foldPlane(s, (float[]) dst, g, plane, inOffset, outOffset);
          } else {
            foldPlane((double[]) src, (double[]) dst, g, plane, inOffset, outOffset);
          }
        });
  }

  private static void planes(UnfoldGeometry g, int work, java.util.function.IntConsumer plane) {
    int count = g.batch() * g.channels();
    int tasks = work < PARALLEL_MIN ? 1 : Math.min(count, CpuThreads.threads());
    CpuThreads.parallelFor(
        tasks,
        t -> {
          for (int p = (int) ((long) count * t / tasks); p < (long) count * (t + 1) / tasks; p++) {
            plane.accept(p);
          }
        });
  }

  /** First block index whose input index {@code o·stride - shift} is at least 0. */
  private static int first(int stride, int shift) {
    return shift <= 0 ? 0 : (shift + stride - 1) / stride;
  }

  /** One past the last block index whose input index {@code o·stride - shift} is below size. */
  private static int end(int outSize, int stride, int shift, int size) {
    return Math.max(0, Math.min(outSize, Math.floorDiv(size - 1 + shift, stride) + 1));
  }

  /**
   * One row of blocks for a kernel offset: {@code cols} is where the row starts in the column
   * matrix, {@code image} where block column 0 would read in the image, and {@code [w0, w1)} the
   * block columns that fall inside the image (empty for rows entirely in the padding).
   */
  @FunctionalInterface
  private interface BlockRow {
    void visit(int cols, int image, int w0, int w1);
  }

  /**
   * Visits every block row of one (image, channel) plane, kernel offset by kernel offset and top to
   * bottom: the order of PyTorch's col2im, which fold's accumulation must keep.
   */
  private static void forEachBlockRow(
      UnfoldGeometry g, int plane, int imageOffset, int colsOffset, BlockRow visitor) {
    int h = g.height();
    int w = g.width();
    int oh = g.outH();
    int ow = g.outW();
    int sh = g.strideH();
    int sw = g.strideW();
    int kk = g.kernelH() * g.kernelW();
    int image = imageOffset + plane * h * w;
    int cols = colsOffset + plane * kk * oh * ow;
    for (int ki = 0; ki < g.kernelH(); ki++) {
      int shiftH = g.paddingH() - ki * g.dilationH();
      int h0 = Math.min(oh, first(sh, shiftH));
      int h1 = Math.max(h0, end(oh, sh, shiftH, h));
      for (int kj = 0; kj < g.kernelW(); kj++, cols += oh * ow) {
        int shiftW = g.paddingW() - kj * g.dilationW();
        int w0 = Math.min(ow, first(sw, shiftW));
        int w1 = Math.max(w0, end(ow, sw, shiftW, w));
        for (int o = 0; o < oh; o++) {
          boolean inside = o >= h0 && o < h1;
          visitor.visit(
              cols + o * ow,
              image + (o * sh - shiftH) * w - shiftW,
              inside ? w0 : 0,
              inside ? w1 : 0);
        }
      }
    }
  }

  private static void unfoldPlane(
      float[] src, float[] dst, UnfoldGeometry g, int plane, int inOffset, int outOffset) {
    int ow = g.outW();
    int sw = g.strideW();
    forEachBlockRow(
        g,
        plane,
        inOffset,
        outOffset,
        (d, s, w0, w1) -> {
          Arrays.fill(dst, d, d + w0, 0f);
          Arrays.fill(dst, d + w1, d + ow, 0f);
          if (sw == 1 && w1 > w0) {
            System.arraycopy(src, s + w0, dst, d + w0, w1 - w0);
          } else {
            for (int q = w0; q < w1; q++) {
              dst[d + q] = src[s + q * sw];
            }
          }
        });
  }

  private static void unfoldPlane(
      double[] src, double[] dst, UnfoldGeometry g, int plane, int inOffset, int outOffset) {
    int ow = g.outW();
    int sw = g.strideW();
    forEachBlockRow(
        g,
        plane,
        inOffset,
        outOffset,
        (d, s, w0, w1) -> {
          Arrays.fill(dst, d, d + w0, 0.0);
          Arrays.fill(dst, d + w1, d + ow, 0.0);
          if (sw == 1 && w1 > w0) {
            System.arraycopy(src, s + w0, dst, d + w0, w1 - w0);
          } else {
            for (int q = w0; q < w1; q++) {
              dst[d + q] = src[s + q * sw];
            }
          }
        });
  }

  private static void foldPlane(
      float[] src, float[] dst, UnfoldGeometry g, int plane, int inOffset, int outOffset) {
    int sw = g.strideW();
    forEachBlockRow(
        g,
        plane,
        outOffset,
        inOffset,
        (s, d, w0, w1) -> {
          for (int q = w0; q < w1; q++) {
            dst[d + q * sw] += src[s + q];
          }
        });
  }

  private static void foldPlane(
      double[] src, double[] dst, UnfoldGeometry g, int plane, int inOffset, int outOffset) {
    int sw = g.strideW();
    forEachBlockRow(
        g,
        plane,
        outOffset,
        inOffset,
        (s, d, w0, w1) -> {
          for (int q = w0; q < w1; q++) {
            dst[d + q * sw] += src[s + q];
          }
        });
  }
}

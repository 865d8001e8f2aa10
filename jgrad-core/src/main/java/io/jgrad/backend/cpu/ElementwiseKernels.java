package io.jgrad.backend.cpu;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.CompareOp;
import io.jgrad.ops.UnaryOp;

/**
 * Strided elementwise kernels on the CPU: float32 and float64 have their own loops; other dtypes go
 * through a generic long/double path, which is exact for integers up to 2^53.
 */
final class ElementwiseKernels {
  private ElementwiseKernels() {}

  static void copy(Tensor src, Tensor dst) {
    Layout s = src.layout();
    Layout d = dst.layout();
    Storage ss = src.storage();
    Storage ds = dst.storage();
    StridedLoop loop = StridedLoop.of(d.shape(), s.strides(), d.strides());
    int sStride = loop.innerStride(0);
    int dStride = loop.innerStride(1);
    int[] base = {s.offset(), d.offset()};
    if (ss.dtype() == DType.FLOAT32 && ds.dtype() == DType.FLOAT32) {
      float[] sa = (float[]) ss.data();
      float[] da = (float[]) ds.data();
      if (copyTransposed(s, sa, d, da)) {
        return;
      }
      loop.forEachRow(
          base,
          (o, n) -> {
            if (sStride == 1 && dStride == 1) {
              System.arraycopy(sa, o[0], da, o[1], n);
            } else {
              for (int i = 0; i < n; i++) {
                da[o[1] + i * dStride] = sa[o[0] + i * sStride];
              }
            }
          });
    } else if (ss.dtype() == DType.FLOAT64 && ds.dtype() == DType.FLOAT64) {
      double[] sa = (double[]) ss.data();
      double[] da = (double[]) ds.data();
      loop.forEachRow(
          base,
          (o, n) -> {
            for (int i = 0; i < n; i++) {
              da[o[1] + i * dStride] = sa[o[0] + i * sStride];
            }
          });
    } else if (ss.dtype().isFloatingPoint() || ds.dtype().isFloatingPoint()) {
      loop.forEachRow(
          base,
          (o, n) -> {
            for (int i = 0; i < n; i++) {
              ds.setDouble(o[1] + i * dStride, ss.getDouble(o[0] + i * sStride));
            }
          });
    } else {
      loop.forEachRow(
          base,
          (o, n) -> {
            for (int i = 0; i < n; i++) {
              ds.setLong(o[1] + i * dStride, ss.getLong(o[0] + i * sStride));
            }
          });
    }
  }

  /** Side of the square tiles of {@link #copyTransposed}: 32 source lines stay in L1 per tile. */
  private static final int TRANSPOSE_TILE = 32;

  /**
   * Copies a transposed 2-d source (strides (1, ld), as a weight gradient {@code (x^T g)^T}
   * arrives) into a contiguous destination tile by tile; walking the source down its columns would
   * touch a new cache line for every element.
   *
   * @return false, copying nothing, for any other pair of layouts
   */
  private static boolean copyTransposed(Layout s, float[] sa, Layout d, float[] da) {
    int[] shape = d.shape();
    if (shape.length != 2
        || !d.isContiguous()
        || s.strides()[0] != 1
        || shape[0] < TRANSPOSE_TILE
        || shape[1] < TRANSPOSE_TILE) {
      return false;
    }
    int rows = shape[0];
    int columns = shape[1];
    int ld = s.strides()[1];
    int so = s.offset();
    int dOff = d.offset();
    for (int r0 = 0; r0 < rows; r0 += TRANSPOSE_TILE) {
      int r1 = Math.min(rows, r0 + TRANSPOSE_TILE);
      for (int c0 = 0; c0 < columns; c0 += TRANSPOSE_TILE) {
        int c1 = Math.min(columns, c0 + TRANSPOSE_TILE);
        for (int r = r0; r < r1; r++) {
          int row = dOff + r * columns;
          for (int c = c0; c < c1; c++) {
            da[row + c] = sa[so + r + c * ld];
          }
        }
      }
    }
    return true;
  }

  static void fill(Tensor dst, double value) {
    Layout d = dst.layout();
    Storage ds = dst.storage();
    StridedLoop loop = StridedLoop.of(d.shape(), d.strides());
    int stride = loop.innerStride(0);
    switch (ds.dtype()) {
      case FLOAT32 -> {
        float[] a = (float[]) ds.data();
        float v = (float) value;
        loop.forEachRow(
            new int[] {d.offset()},
            (o, n) -> {
              for (int i = 0; i < n; i++) {
                a[o[0] + i * stride] = v;
              }
            });
      }
      case FLOAT64 -> {
        double[] a = (double[]) ds.data();
        loop.forEachRow(
            new int[] {d.offset()},
            (o, n) -> {
              for (int i = 0; i < n; i++) {
                a[o[0] + i * stride] = value;
              }
            });
      }
      default ->
          loop.forEachRow(
              new int[] {d.offset()},
              (o, n) -> {
                for (int i = 0; i < n; i++) {
                  ds.setDouble(o[0] + i * stride, value);
                }
              });
    }
  }

  static void unary(UnaryOp op, Tensor x, Tensor out) {
    Layout xl = x.layout();
    Layout ol = out.layout();
    StridedLoop loop = StridedLoop.of(ol.shape(), xl.strides(), ol.strides());
    int xs = loop.innerStride(0);
    int os = loop.innerStride(1);
    int[] base = {xl.offset(), ol.offset()};
    Storage xst = x.storage();
    Storage ost = out.storage();
    switch (ost.dtype()) {
      case FLOAT32 -> {
        float[] xa = (float[]) xst.data();
        float[] oa = (float[]) ost.data();
        loop.forEachRow(base, (o, n) -> FloatRows.unary(op, xa, o[0], xs, oa, o[1], os, n));
      }
      case FLOAT64 -> {
        double[] xa = (double[]) xst.data();
        double[] oa = (double[]) ost.data();
        loop.forEachRow(
            base,
            (o, n) -> {
              for (int i = 0; i < n; i++) {
                oa[o[1] + i * os] = op.apply(xa[o[0] + i * xs]);
              }
            });
      }
      default ->
          loop.forEachRow(
              base,
              (o, n) -> {
                for (int i = 0; i < n; i++) {
                  long v = xst.getLong(o[0] + i * xs);
                  long r =
                      switch (op) {
                        case NEG -> -v;
                        case ABS -> Math.abs(v);
                        case SIGN -> Long.signum(v);
                        case RELU -> Math.max(v, 0);
                        default -> v; // FLOOR, CEIL, ROUND are the identity on integers
                      };
                  ost.setLong(o[1] + i * os, r);
                }
              });
    }
  }

  static void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
    Layout al = a.layout();
    Layout bl = b.layout();
    Layout ol = out.layout();
    StridedLoop loop = StridedLoop.of(ol.shape(), al.strides(), bl.strides(), ol.strides());
    int as = loop.innerStride(0);
    int bs = loop.innerStride(1);
    int os = loop.innerStride(2);
    int[] base = {al.offset(), bl.offset(), ol.offset()};
    Storage ast = a.storage();
    Storage bst = b.storage();
    Storage ost = out.storage();
    switch (ost.dtype()) {
      case FLOAT32 -> {
        float[] aa = (float[]) ast.data();
        float[] ba = (float[]) bst.data();
        float[] oa = (float[]) ost.data();
        loop.forEachRow(
            base, (o, n) -> FloatRows.binary(op, aa, o[0], as, ba, o[1], bs, oa, o[2], os, n));
      }
      case FLOAT64 -> {
        double[] aa = (double[]) ast.data();
        double[] ba = (double[]) bst.data();
        double[] oa = (double[]) ost.data();
        loop.forEachRow(
            base,
            (o, n) -> {
              for (int i = 0; i < n; i++) {
                oa[o[2] + i * os] = op.apply(aa[o[0] + i * as], ba[o[1] + i * bs]);
              }
            });
      }
      case BOOL ->
          loop.forEachRow(
              base,
              (o, n) -> {
                for (int i = 0; i < n; i++) {
                  boolean x = ast.getLong(o[0] + i * as) != 0;
                  boolean y = bst.getLong(o[1] + i * bs) != 0;
                  boolean r =
                      switch (op) {
                        case ADD, MAXIMUM -> x || y;
                        case MUL, MINIMUM -> x && y;
                        case SUB ->
                            throw new IllegalArgumentException(
                                "Subtraction, the `-` operator, with two bool tensors is not supported. "
                                    + "Use the `^` or `logical_xor()` operator instead.");
                        default -> op.apply(x ? 1L : 0L, y ? 1L : 0L) != 0;
                      };
                  ost.setLong(o[2] + i * os, r ? 1 : 0);
                }
              });
      default ->
          loop.forEachRow(
              base,
              (o, n) -> {
                for (int i = 0; i < n; i++) {
                  ost.setLong(
                      o[2] + i * os,
                      op.apply(ast.getLong(o[0] + i * as), bst.getLong(o[1] + i * bs)));
                }
              });
    }
  }

  static void compare(CompareOp op, Tensor a, Tensor b, Tensor out) {
    Layout al = a.layout();
    Layout bl = b.layout();
    Layout ol = out.layout();
    StridedLoop loop = StridedLoop.of(ol.shape(), al.strides(), bl.strides(), ol.strides());
    int as = loop.innerStride(0);
    int bs = loop.innerStride(1);
    int os = loop.innerStride(2);
    Storage ast = a.storage();
    Storage bst = b.storage();
    byte[] oa = (byte[]) out.storage().data();
    boolean floating = ast.dtype().isFloatingPoint();
    if (ast.dtype() == DType.FLOAT32 && bst.dtype() == DType.FLOAT32) {
      float[] fa = (float[]) ast.data();
      float[] fb = (float[]) bst.data();
      loop.forEachRow(
          new int[] {al.offset(), bl.offset(), ol.offset()},
          (o, n) -> {
            for (int i = 0; i < n; i++) {
              oa[o[2] + i * os] = (byte) (op.test(fa[o[0] + i * as], fb[o[1] + i * bs]) ? 1 : 0);
            }
          });
      return;
    }
    loop.forEachRow(
        new int[] {al.offset(), bl.offset(), ol.offset()},
        (o, n) -> {
          for (int i = 0; i < n; i++) {
            boolean r =
                floating
                    ? op.test(ast.getDouble(o[0] + i * as), bst.getDouble(o[1] + i * bs))
                    : op.test(ast.getLong(o[0] + i * as), bst.getLong(o[1] + i * bs));
            oa[o[2] + i * os] = (byte) (r ? 1 : 0);
          }
        });
  }

  static void where(Tensor condition, Tensor a, Tensor b, Tensor out) {
    Layout cl = condition.layout();
    Layout al = a.layout();
    Layout bl = b.layout();
    Layout ol = out.layout();
    StridedLoop loop =
        StridedLoop.of(ol.shape(), cl.strides(), al.strides(), bl.strides(), ol.strides());
    int cs = loop.innerStride(0);
    int as = loop.innerStride(1);
    int bs = loop.innerStride(2);
    int os = loop.innerStride(3);
    Storage cst = condition.storage();
    Storage ast = a.storage();
    Storage bst = b.storage();
    Storage ost = out.storage();
    boolean floating = ost.dtype().isFloatingPoint();
    if (ost.dtype() == DType.FLOAT32
        && ast.dtype() == DType.FLOAT32
        && bst.dtype() == DType.FLOAT32
        && cst.dtype() == DType.BOOL) {
      byte[] c = (byte[]) cst.data();
      float[] fa = (float[]) ast.data();
      float[] fb = (float[]) bst.data();
      float[] fo = (float[]) ost.data();
      loop.forEachRow(
          new int[] {cl.offset(), al.offset(), bl.offset(), ol.offset()},
          (o, n) -> {
            for (int i = 0; i < n; i++) {
              fo[o[3] + i * os] = c[o[0] + i * cs] != 0 ? fa[o[1] + i * as] : fb[o[2] + i * bs];
            }
          });
      return;
    }
    loop.forEachRow(
        new int[] {cl.offset(), al.offset(), bl.offset(), ol.offset()},
        (o, n) -> {
          for (int i = 0; i < n; i++) {
            boolean c = cst.getLong(o[0] + i * cs) != 0;
            int at = c ? o[1] + i * as : o[2] + i * bs;
            Storage from = c ? ast : bst;
            if (floating) {
              ost.setDouble(o[3] + i * os, from.getDouble(at));
            } else {
              ost.setLong(o[3] + i * os, from.getLong(at));
            }
          }
        });
  }
}

package io.jgrad.backend.cpu;

import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;

/** Gather/scatter style kernels; indices are validated here since only the kernel reads them. */
final class IndexKernels {
  private IndexKernels() {}

  static void indexSelect(Tensor x, int dim, Tensor index, Tensor out) {
    Layout xl = x.layout();
    Layout ol = out.layout();
    Storage is = index.storage();
    Layout il = index.layout();
    int size = xl.shape()[dim];
    for (int i = 0; i < il.numel(); i++) {
      long idx = is.getLong(il.offset() + i * (il.dim() == 0 ? 0 : il.strides()[0]));
      checkIndex("index_select", idx, size, dim);
      ElementwiseKernels.copy(
          CpuBackend.view(x.storage(), select(xl, dim, (int) idx)),
          CpuBackend.view(out.storage(), select(ol, dim, i)));
    }
  }

  static void indexAdd(Tensor out, int dim, Tensor index, Tensor src) {
    Layout ol = out.layout();
    Layout sl = src.layout();
    Storage is = index.storage();
    Layout il = index.layout();
    int size = ol.shape()[dim];
    for (int i = 0; i < il.numel(); i++) {
      long idx = is.getLong(il.offset() + i * (il.dim() == 0 ? 0 : il.strides()[0]));
      checkIndex("index_add", idx, size, dim);
      Tensor target = CpuBackend.view(out.storage(), select(ol, dim, (int) idx));
      Tensor addend = CpuBackend.view(src.storage(), select(sl, dim, i));
      ElementwiseKernels.binary(io.jgrad.ops.BinaryOp.ADD, target, addend, target);
    }
  }

  static void gather(Tensor x, int dim, Tensor index, Tensor out) {
    walk(
        index,
        dim,
        (indexValue, position, counters) -> {
          int xo = x.layout().offset();
          int oo = out.layout().offset();
          for (int d = 0; d < counters.length; d++) {
            int c = d == dim ? indexValue : counters[d];
            xo += c * x.layout().strides()[d];
            oo += counters[d] * out.layout().strides()[d];
          }
          copyElement(x.storage(), xo, out.storage(), oo);
        },
        x.layout().shape()[dim],
        "gather");
  }

  static void scatterAdd(Tensor out, int dim, Tensor index, Tensor src) {
    walk(
        index,
        dim,
        (indexValue, position, counters) -> {
          int oo = out.layout().offset();
          int so = src.layout().offset();
          for (int d = 0; d < counters.length; d++) {
            int c = d == dim ? indexValue : counters[d];
            oo += c * out.layout().strides()[d];
            so += counters[d] * src.layout().strides()[d];
          }
          Storage os = out.storage();
          if (os.dtype().isFloatingPoint()) {
            os.setDouble(oo, os.getDouble(oo) + src.storage().getDouble(so));
          } else {
            os.setLong(oo, os.getLong(oo) + src.storage().getLong(so));
          }
        },
        out.layout().shape()[dim],
        "scatter_add");
  }

  @FunctionalInterface
  private interface IndexVisitor {
    void visit(int indexValue, int position, int[] counters);
  }

  /** Visits every element of {@code index} with its multi-index and checked value. */
  private static void walk(Tensor index, int dim, IndexVisitor visitor, int size, String op) {
    Layout il = index.layout();
    Storage is = index.storage();
    int rank = il.dim();
    int[] counters = new int[rank];
    int n = il.numel();
    for (int position = 0; position < n; position++) {
      int io = il.offset();
      for (int d = 0; d < rank; d++) {
        io += counters[d] * il.strides()[d];
      }
      long value = is.getLong(io);
      checkIndex(op, value, size, dim);
      visitor.visit((int) value, position, counters);
      for (int d = rank - 1; d >= 0; d--) {
        if (++counters[d] < il.shape()[d]) {
          break;
        }
        counters[d] = 0;
      }
    }
  }

  private static void copyElement(Storage from, int fromIndex, Storage to, int toIndex) {
    if (to.dtype().isFloatingPoint()) {
      to.setDouble(toIndex, from.getDouble(fromIndex));
    } else {
      to.setLong(toIndex, from.getLong(fromIndex));
    }
  }

  private static void checkIndex(String op, long idx, int size, int dim) {
    if (idx < 0 || idx >= size) {
      throw new IndexOutOfBoundsException(
          op
              + "(): index "
              + idx
              + " is out of bounds for dimension "
              + dim
              + " with size "
              + size);
    }
  }

  /** The layout of {@code layout} with dimension {@code dim} fixed at {@code i}. */
  static Layout select(Layout layout, int dim, int i) {
    int rank = layout.dim();
    int[] shape = new int[rank - 1];
    int[] strides = new int[rank - 1];
    for (int d = 0, j = 0; d < rank; d++) {
      if (d != dim) {
        shape[j] = layout.shape()[d];
        strides[j++] = layout.strides()[d];
      }
    }
    return new Layout(shape, strides, layout.offset() + i * layout.strides()[dim]);
  }
}

package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.autograd.Autograd;
import java.util.Arrays;

/**
 * Index-based selection and accumulation: {@code indexSelect}, {@code gather}, {@code scatterAdd},
 * {@code indexAdd}, with their derivatives.
 *
 * <p>{@code x.gather(1, idx)} picks {@code x[i][idx[i][j]]}.
 */
public final class Indexing {
  private Indexing() {}

  private static void checkIndexType(String op, Tensor index) {
    Checks.checkArgument(
        index.dtype() == DType.INT64 || index.dtype() == DType.INT32,
        "%s(): Expected dtype int32/int64 for index but got %s",
        op,
        index.dtype());
  }

  /** Rows (or other slices) of {@code x} along {@code dim} at the 1-d {@code index}. */
  public static Tensor indexSelect(Tensor x, int dim, Tensor index) {
    checkIndexType("index_select", index);
    Checks.checkArgument(index.dim() <= 1, "index_select(): Index is supposed to be a vector");
    int d = x.dim() == 0 ? 0 : Checks.wrapDim(dim, x.dim());
    Tensor source = x.dim() == 0 ? x.reshape(1) : x;
    int[] shape = source.layout().shape().clone();
    shape[d] = index.numel();
    Tensor out = Elementwise.empty(shape, x.dtype(), x.device());
    out.backend().indexSelect(source.detach(), d, index, out);
    if (x.dim() == 0) {
      out = out.view();
    }
    if (Autograd.needsGrad(x)) {
      int[] inputShape = source.layout().shape();
      boolean scalar = x.dim() == 0;
      Autograd.record(
          out,
          "IndexSelectBackward0",
          (g, needs) -> {
            Tensor grad =
                indexAdd(
                    Elementwise.empty(inputShape, g.dtype(), g.device()),
                    d,
                    index,
                    scalar ? g.reshape(1) : g);
            return new Tensor[] {scalar ? grad.view() : grad};
          },
          x);
    }
    return out;
  }

  private static void checkGatherShapes(String op, Tensor x, int d, Tensor index) {
    Checks.checkArgument(
        index.dim() == x.dim(),
        "%s(): Index tensor must have the same number of dimensions as input tensor",
        op);
    for (int i = 0; i < x.dim(); i++) {
      if (i != d && index.layout().shape()[i] > x.layout().shape()[i]) {
        throw new IllegalArgumentException(
            String.format(
                "Size does not match at dimension %d expected index %s to be smaller than self %s "
                    + "apart from dimension %d",
                i,
                Arrays.toString(index.layout().shape()),
                Arrays.toString(x.layout().shape()),
                d));
      }
    }
  }

  /** {@code out[i][j] = x[i][index[i][j]]} for dim 1 (likewise for other dims). */
  public static Tensor gather(Tensor x, int dim, Tensor index) {
    checkIndexType("gather", index);
    int d = Checks.wrapDim(dim, x.dim());
    checkGatherShapes("gather", x, d, index);
    Tensor out = Elementwise.empty(index.layout().shape(), x.dtype(), x.device());
    out.backend().gather(x.detach(), d, index, out);
    if (Autograd.needsGrad(x)) {
      int[] inputShape = x.layout().shape();
      Autograd.record(
          out,
          "GatherBackward0",
          (g, needs) ->
              new Tensor[] {
                scatterAdd(Elementwise.empty(inputShape, g.dtype(), g.device()), d, index, g)
              },
          x);
    }
    return out;
  }

  /** A copy of {@code self} with {@code src} added at {@code index} along {@code dim}. */
  public static Tensor scatterAdd(Tensor self, int dim, Tensor index, Tensor src) {
    checkIndexType("scatter_add", index);
    int d = Checks.wrapDim(dim, self.dim());
    checkGatherShapes("scatter_add", self, d, index);
    Tensor out = Elementwise.contiguousCopy(self);
    out.backend().scatterAdd(out, d, index, src.detach().to(self.dtype()));
    if (Autograd.needsGrad(self, src)) {
      Autograd.record(
          out,
          "ScatterAddBackward0",
          (g, needs) -> new Tensor[] {needs[0] ? g : null, needs[1] ? gather(g, d, index) : null},
          self,
          src);
    }
    return out;
  }

  /** A copy of {@code self} with slices of {@code src} added at 1-d {@code index} along dim. */
  public static Tensor indexAdd(Tensor self, int dim, Tensor index, Tensor src) {
    checkIndexType("index_add", index);
    int d = Checks.wrapDim(dim, self.dim());
    Tensor out = Elementwise.contiguousCopy(self);
    out.backend().indexAdd(out, d, index, src.detach().to(self.dtype()));
    if (Autograd.needsGrad(self, src)) {
      Autograd.record(
          out,
          "IndexAddBackward0",
          (g, needs) ->
              new Tensor[] {needs[0] ? g : null, needs[1] ? indexSelect(g, d, index) : null},
          self,
          src);
    }
    return out;
  }
}

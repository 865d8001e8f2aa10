package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.SavedTensor;
import java.util.Arrays;

/**
 * Matrix products with PyTorch's {@code matmul} dispatch rules.
 *
 * <p>{@code a.matmul(b)}: 1-d·1-d is a dot product, 2-d·2-d a matrix product, and batch dimensions
 * broadcast.
 */
public final class LinearAlgebra {
  private LinearAlgebra() {}

  /** PyTorch's {@code matmul}. */
  public static Tensor matmul(Tensor a, Tensor b) {
    int da = a.dim();
    int db = b.dim();
    Checks.checkArgument(
        da > 0 && db > 0,
        "both arguments to matmul need to be at least 1D, but they are %sD and %sD",
        da,
        db);
    if (da == 1 && db == 1) {
      return dot(a, b);
    }
    if (da == 2 && db == 1) {
      return mv(a, b);
    }
    if (da == 1 && db == 2) {
      return mm(a.unsqueeze(0), b).squeeze(0);
    }
    if (da == 2 && db == 2) {
      return mm(a, b);
    }
    // Batched: promote 1-d operands, broadcast batch dims, multiply, then drop promoted dims.
    Tensor a3 = da == 1 ? a.unsqueeze(0) : a;
    Tensor b3 = db == 1 ? b.unsqueeze(1) : b;
    int[] aShape = a3.layout().shape();
    int[] bShape = b3.layout().shape();
    int[] aBatch = Arrays.copyOf(aShape, aShape.length - 2);
    int[] bBatch = Arrays.copyOf(bShape, bShape.length - 2);
    int[] batch = Shapes.broadcast("matmul", aBatch, bBatch);
    int m = aShape[aShape.length - 2];
    int k = aShape[aShape.length - 1];
    int n = bShape[bShape.length - 1];
    checkInner(a3, b3, k, bShape[bShape.length - 2]);
    int batchSize = Shapes.numel(batch);
    Tensor aFlat = a3.expand(concat(batch, m, k)).reshape(batchSize, m, k);
    Tensor bFlat = b3.expand(concat(batch, k, n)).reshape(batchSize, k, n);
    Tensor out = bmm(aFlat, bFlat).view(concat(batch, m, n));
    if (da == 1) {
      out = out.squeeze(-2);
    }
    if (db == 1) {
      out = out.squeeze(-1);
    }
    return out;
  }

  private static int[] concat(int[] batch, int x, int y) {
    int[] out = Arrays.copyOf(batch, batch.length + 2);
    out[batch.length] = x;
    out[batch.length + 1] = y;
    return out;
  }

  private static void checkInner(Tensor a, Tensor b, int k, int kb) {
    if (k != kb) {
      throw new IllegalArgumentException(
          String.format("mat1 and mat2 shapes cannot be multiplied (%s and %s)", dims(a), dims(b)));
    }
  }

  private static String dims(Tensor t) {
    int[] s = t.layout().shape();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length; i++) {
      sb.append(i == 0 ? "" : "x").append(s[i]);
    }
    return sb.toString();
  }

  private static void checkMatmulTypes(String op, Tensor a, Tensor b) {
    if (a.dtype() != b.dtype()) {
      throw new IllegalArgumentException(
          String.format(
              "%s: expected m1 and m2 to have the same dtype, but got: %s != %s",
              op, a.dtype(), b.dtype()));
    }
    if (!a.device().equals(b.device())) {
      throw new IllegalArgumentException(
          String.format(
              "%s: Expected all tensors to be on the same device, but found at least two devices, %s and %s!",
              op, a.device(), b.device()));
    }
  }

  /** Matrix product of two 2-d tensors. */
  public static Tensor mm(Tensor a, Tensor b) {
    Checks.checkArgument(a.dim() == 2, "self must be a matrix (got %s-d)", a.dim());
    Checks.checkArgument(b.dim() == 2, "mat2 must be a matrix (got %s-d)", b.dim());
    checkInner(a, b, a.size(1), b.size(0));
    checkMatmulTypes("mm", a, b);
    Tensor out = rawProduct(a, b);
    if (Autograd.needsGrad(a, b)) {
      SavedTensor sa = SavedTensor.save(a, "MmBackward0");
      SavedTensor sb = SavedTensor.save(b, "MmBackward0");
      // d(AB) = dA B + A dB  =>  gA = g B^T, gB = A^T g
      Autograd.record(
          out,
          "MmBackward0",
          (g, needs) ->
              new Tensor[] {
                needs[0] ? mat1Grad(g, sa.get(), sb.get()) : null,
                needs[1] ? mat2Grad(g, sa.get(), sb.get()) : null
              },
          new SavedTensor[] {sa, sb},
          a,
          b);
    }
    return out;
  }

  /**
   * {@code bias + a b}, bias broadcast to [m, n]: PyTorch's {@code addmm} with beta = alpha = 1.
   * The bias is added in place to the product's buffer, so a Linear forward writes one [m, n]
   * tensor and records one node.
   *
   * <p>{@code LinearAlgebra.addmm(bias, x, weight.t())}.
   */
  public static Tensor addmm(Tensor bias, Tensor a, Tensor b) {
    Checks.checkArgument(a.dim() == 2, "mat1 must be a matrix, got %s-D tensor", a.dim());
    Checks.checkArgument(b.dim() == 2, "mat2 must be a matrix, got %s-D tensor", b.dim());
    checkInner(a, b, a.size(1), b.size(0));
    checkMatmulTypes("addmm", a, b);
    checkMatmulTypes("addmm", bias, a);
    int[] shape = {a.size(0), b.size(1)};
    int[] biasShape = bias.layout().shape();
    if (!Shapes.canExpand(biasShape, shape)) {
      throw new IllegalArgumentException(
          String.format(
              "The expanded size of the tensor (%s) must match the existing size of self %s for"
                  + " addmm with mat1 %s and mat2 %s",
              Arrays.toString(shape), Arrays.toString(biasShape), dims(a), dims(b)));
    }
    Tensor out = rawProduct(a, b);
    Elementwise.binaryInPlace(BinaryOp.ADD, out, bias.detach());
    if (Autograd.needsGrad(bias, a, b)) {
      SavedTensor sa = SavedTensor.save(a, "AddmmBackward0");
      SavedTensor sb = SavedTensor.save(b, "AddmmBackward0");
      DType biasType = bias.dtype();
      Autograd.record(
          out,
          "AddmmBackward0",
          (g, needs) ->
              new Tensor[] {
                needs[0] ? Elementwise.reduceGrad(g, biasShape, biasType) : null,
                needs[1] ? mat1Grad(g, sa.get(), sb.get()) : null,
                needs[2] ? mat2Grad(g, sa.get(), sb.get()) : null
              },
          new SavedTensor[] {sa, sb},
          bias,
          a,
          b);
    }
    return out;
  }

  /**
   * The gradient of mat1 in {@code mat1 mat2}, {@code g mat2^T}, laid out like mat1 as PyTorch's
   * mm_mat1_backward does: column-major when mat1 is, so a leaf's gradient needs no transposing
   * copy. Both orders give the same bits (each element is one in-order fma chain).
   */
  private static Tensor mat1Grad(Tensor g, Tensor mat1, Tensor mat2) {
    return isColumnMajor(mat1) ? mm(mat2, g.t()).t() : mm(g, mat2.t());
  }

  /**
   * The gradient of mat2, {@code mat1^T g}, laid out like mat2 (PyTorch's mm_mat2_backward): a
   * Linear layer multiplies by weight.t(), so its weight gradient comes out contiguous.
   */
  private static Tensor mat2Grad(Tensor g, Tensor mat1, Tensor mat2) {
    return isColumnMajor(mat2) ? mm(g.t(), mat1).t() : mm(mat1.t(), g);
  }

  private static boolean isColumnMajor(Tensor t) {
    int[] shape = t.layout().shape();
    int[] strides = t.layout().strides();
    return strides[0] == 1 && strides[1] == shape[0] && shape[1] > 1 && shape[0] > 1;
  }

  /** Batched matrix product of two 3-d tensors with equal batch size. */
  public static Tensor bmm(Tensor a, Tensor b) {
    Checks.checkArgument(a.dim() == 3, "batch1 must be a 3D tensor (got %s-d)", a.dim());
    Checks.checkArgument(b.dim() == 3, "batch2 must be a 3D tensor (got %s-d)", b.dim());
    Checks.checkArgument(
        a.size(0) == b.size(0),
        "batch1 and batch2 must have same number of batches, got %s and %s",
        a.size(0),
        b.size(0));
    checkInner(a, b, a.size(2), b.size(1));
    checkMatmulTypes("bmm", a, b);
    Tensor out = raw(a.detach(), b.detach());
    if (Autograd.needsGrad(a, b)) {
      SavedTensor sa = SavedTensor.save(a, "BmmBackward0");
      SavedTensor sb = SavedTensor.save(b, "BmmBackward0");
      Autograd.record(
          out,
          "BmmBackward0",
          (g, needs) ->
              new Tensor[] {
                needs[0] ? bmm(g, sb.get().transpose(1, 2)) : null,
                needs[1] ? bmm(sa.get().transpose(1, 2), g) : null
              },
          new SavedTensor[] {sa, sb},
          a,
          b);
    }
    return out;
  }

  /** The [m, n] product of two 2-d tensors, without history. */
  private static Tensor rawProduct(Tensor a, Tensor b) {
    return raw(a.unsqueeze(0).detach(), b.unsqueeze(0).detach()).view(a.size(0), b.size(1));
  }

  private static Tensor raw(Tensor a, Tensor b) {
    int[] shape = {a.size(0), a.size(1), b.size(2)};
    DType dtype = a.dtype();
    boolean writesAll = a.size(2) > 0; // an empty inner dimension leaves the zeros
    Tensor out =
        writesAll
            ? Elementwise.uninitialized(shape, dtype, a.device())
            : Elementwise.empty(shape, dtype, a.device());
    if (out.numel() > 0 && writesAll) {
      out.backend().matmul(a, b, out);
    }
    return out;
  }

  /** Matrix-vector product. */
  public static Tensor mv(Tensor a, Tensor v) {
    Checks.checkArgument(
        a.dim() == 2 && v.dim() == 1,
        "vector + matrix @ vector expected, got %s, %s, %s",
        1,
        a.dim(),
        v.dim());
    if (a.size(1) != v.size(0)) {
      throw new IllegalArgumentException(
          String.format(
              "size mismatch, got input (%d), mat (%dx%d), vec (%d)",
              a.size(0), a.size(0), a.size(1), v.size(0)));
    }
    return mm(a, v.unsqueeze(1)).squeeze(1);
  }

  /** Dot product of two 1-d tensors of equal length. */
  public static Tensor dot(Tensor a, Tensor b) {
    Checks.checkArgument(
        a.dim() == 1 && b.dim() == 1,
        "1D tensors expected, but got %sD and %sD tensors",
        a.dim(),
        b.dim());
    Checks.checkArgument(
        a.size(0) == b.size(0),
        "inconsistent tensor size, expected tensor [%s] and src [%s] to have the same number of "
            + "elements, but got %s and %s elements respectively",
        a.size(0),
        b.size(0),
        a.size(0),
        b.size(0));
    checkMatmulTypes("dot", a, b);
    return mm(a.unsqueeze(0), b.unsqueeze(1)).view();
  }

  /** Outer product of two 1-d tensors. */
  public static Tensor outer(Tensor a, Tensor b) {
    Checks.checkArgument(
        a.dim() == 1 && b.dim() == 1,
        "outer: expected 1D tensors, but got %sD and %sD tensors",
        a.dim(),
        b.dim());
    return a.unsqueeze(1).mul(b.unsqueeze(0));
  }
}

package io.jgrad.ops;

import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.autograd.Autograd;
import io.jgrad.backend.Backends;
import io.jgrad.backend.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Shape ops. Views share storage with their input and are differentiable; {@code reshape} copies
 * only when no view is possible, {@code cat}/{@code stack} always copy.
 *
 * <p>Reached through {@code Tensor} methods: {@code x.unsqueeze(-1)}, {@code x.t()}.
 */
public final class Views {
  private Views() {}

  /** Resolves one {@code -1} in {@code shape} against {@code numel}. */
  public static int[] inferShape(int[] shape, int numel, String op) {
    int[] out = shape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == -1) {
        Checks.checkArgument(infer < 0, "%s: only one dimension can be inferred", op);
        infer = i;
      } else {
        Checks.checkArgument(out[i] >= 0, "%s: invalid shape dimension %s", op, out[i]);
        known *= out[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || numel % known != 0) {
        throw new IllegalArgumentException(
            "shape '" + Arrays.toString(shape) + "' is invalid for input of size " + numel);
      }
      out[infer] = (int) (numel / known);
    } else {
      if (known != numel) {
        throw new IllegalArgumentException(
            "shape '" + Arrays.toString(shape) + "' is invalid for input of size " + numel);
      }
    }
    return out;
  }

  /** Strides for viewing {@code layout} as {@code shape} without copying, or null if impossible. */
  static int[] viewStrides(Layout layout, int[] shape) {
    if (layout.isContiguous()) {
      return Layout.contiguousStrides(shape);
    }
    // PyTorch's computeStride: walk chunks of old dims that are contiguous among themselves.
    int[] oldShape = layout.shape();
    int[] oldStrides = layout.strides();
    int[] newStrides = new int[shape.length];
    if (layout.numel() == 0) {
      return Layout.contiguousStrides(shape);
    }
    int viewD = shape.length - 1;
    long chunkBase = oldStrides.length == 0 ? 1 : oldStrides[oldStrides.length - 1];
    long tensorNumel = 1;
    long viewNumel = 1;
    for (int d = oldShape.length - 1; d >= 0; d--) {
      tensorNumel *= oldShape[d];
      if (d == 0 || (oldShape[d - 1] != 1 && oldStrides[d - 1] != tensorNumel * chunkBase)) {
        while (viewD >= 0 && (viewNumel < tensorNumel || shape[viewD] == 1)) {
          newStrides[viewD] = (int) (viewNumel * chunkBase);
          viewNumel *= shape[viewD];
          viewD--;
        }
        if (viewNumel != tensorNumel) {
          return null;
        }
        if (d > 0) {
          chunkBase = oldStrides[d - 1];
          tensorNumel = 1;
          viewNumel = 1;
        }
      }
    }
    return viewD == -1 ? newStrides : null;
  }

  private static Tensor viewOf(Tensor x, Layout layout, String name) {
    Tensor out = x.asStrided(layout);
    if (Autograd.needsGrad(x)) {
      int[] inputShape = x.layout().shape();
      Autograd.record(out, name, (g, needs) -> new Tensor[] {g.reshape(inputShape)}, x);
    }
    return out;
  }

  /** A view with another shape; fails when the strides do not allow it. */
  public static Tensor view(Tensor x, int[] shape) {
    int[] resolved = inferShape(shape, x.numel(), "view");
    int[] strides = viewStrides(x.layout(), resolved);
    if (strides == null) {
      throw new IllegalArgumentException(
          "view size is not compatible with input tensor's size and stride (at least one "
              + "dimension spans across two contiguous subspaces). Use .reshape(...) instead.");
    }
    return viewOf(x, new Layout(resolved, strides, x.layout().offset()), "ViewBackward0");
  }

  /** A view when possible, else a copy, with another shape. */
  public static Tensor reshape(Tensor x, int[] shape) {
    int[] resolved = inferShape(shape, x.numel(), "reshape");
    if (Arrays.equals(resolved, x.layout().shape())) {
      return x;
    }
    int[] strides = viewStrides(x.layout(), resolved);
    if (strides != null) {
      return viewOf(x, new Layout(resolved, strides, x.layout().offset()), "ViewBackward0");
    }
    return view(x.clone(), resolved);
  }

  /** Reorders dimensions: new dimension i is old dimension {@code order[i]}. */
  public static Tensor permute(Tensor x, int[] order) {
    int rank = x.dim();
    Checks.checkArgument(
        order.length == rank,
        "permute(sparse_coo): number of dimensions in the tensor input does not match the length "
            + "of the desired ordering of dimensions i.e. input.dim() = %s is not equal to "
            + "len(dims) = %s",
        rank,
        order.length);
    int[] resolved = new int[rank];
    boolean[] seen = new boolean[rank];
    for (int i = 0; i < rank; i++) {
      resolved[i] = Checks.wrapDim(order[i], rank);
      Checks.checkArgument(!seen[resolved[i]], "permute(): duplicate dims are not allowed.");
      seen[resolved[i]] = true;
    }
    Tensor out = x.asStrided(x.layout().permute(resolved));
    if (Autograd.needsGrad(x)) {
      int[] inverse = new int[rank];
      for (int i = 0; i < rank; i++) {
        inverse[resolved[i]] = i;
      }
      Autograd.record(out, "PermuteBackward0", (g, needs) -> new Tensor[] {permute(g, inverse)}, x);
    }
    return out;
  }

  /** Swaps two dimensions. */
  public static Tensor transpose(Tensor x, int dim0, int dim1) {
    int rank = x.dim();
    if (rank == 0) {
      return x;
    }
    int a = Checks.wrapDim(dim0, rank);
    int b = Checks.wrapDim(dim1, rank);
    int[] order = new int[rank];
    for (int i = 0; i < rank; i++) {
      order[i] = i;
    }
    order[a] = b;
    order[b] = a;
    return permute(x, order);
  }

  /** Inserts a size-1 dimension at {@code dim} (which may be {@code dim()} or negative). */
  public static Tensor unsqueeze(Tensor x, int dim) {
    int rank = x.dim();
    int d = Checks.wrapDim(dim, rank + 1);
    int[] shape = new int[rank + 1];
    int[] strides = new int[rank + 1];
    for (int i = 0, j = 0; i <= rank; i++) {
      if (i == d) {
        shape[i] = 1;
        strides[i] = j < rank ? x.layout().strides()[j] * x.layout().shape()[j] : 1;
      } else {
        shape[i] = x.layout().shape()[j];
        strides[i] = x.layout().strides()[j++];
      }
    }
    return viewOf(x, new Layout(shape, strides, x.layout().offset()), "UnsqueezeBackward0");
  }

  /** Removes the given size-1 dimensions (all size-1 dimensions when none are given). */
  public static Tensor squeeze(Tensor x, int... dims) {
    int rank = x.dim();
    boolean[] drop = new boolean[rank];
    if (dims.length == 0) {
      for (int i = 0; i < rank; i++) {
        drop[i] = x.layout().shape()[i] == 1;
      }
    } else {
      for (int dim : dims) {
        if (rank == 0) {
          Checks.wrapDim(dim, 0);
          continue;
        }
        int d = Checks.wrapDim(dim, rank);
        drop[d] = x.layout().shape()[d] == 1;
      }
    }
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      if (!drop[i]) {
        kept.add(i);
      }
    }
    int[] shape = new int[kept.size()];
    int[] strides = new int[kept.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = x.layout().shape()[kept.get(i)];
      strides[i] = x.layout().strides()[kept.get(i)];
    }
    return viewOf(x, new Layout(shape, strides, x.layout().offset()), "SqueezeBackward0");
  }

  /** Broadcasts to {@code shape} without copying ({@code -1} keeps a dimension). */
  public static Tensor expand(Tensor x, int[] shape) {
    int[] target = shape.clone();
    int lead = target.length - x.dim();
    Checks.checkArgument(
        lead >= 0,
        "expand: the number of sizes provided (%s) must be greater or equal to the number of "
            + "dimensions in the tensor (%s)",
        target.length,
        x.dim());
    for (int i = 0; i < target.length; i++) {
      if (target[i] == -1) {
        Checks.checkArgument(
            i >= lead, "expand: -1 is not allowed in a leading, non-existing dimension");
        target[i] = x.layout().shape()[i - lead];
      }
    }
    if (Arrays.equals(target, x.layout().shape())) {
      return x;
    }
    if (!Shapes.canExpand(x.layout().shape(), target)) {
      for (int i = 0; i < x.dim(); i++) {
        int have = x.layout().shape()[i];
        int want = target[i + lead];
        if (have != want && have != 1) {
          throw new IllegalArgumentException(
              String.format(
                  "The expanded size of the tensor (%d) must match the existing size (%d) at "
                      + "non-singleton dimension %d.  Target sizes: %s.  Tensor sizes: %s",
                  want,
                  have,
                  i + lead,
                  Arrays.toString(target),
                  Arrays.toString(x.layout().shape())));
        }
      }
    }
    Tensor out = x.asStrided(x.layout().broadcastTo(target));
    if (Autograd.needsGrad(x)) {
      int[] inputShape = x.layout().shape();
      Autograd.record(
          out, "ExpandBackward0", (g, needs) -> new Tensor[] {Shapes.sumTo(g, inputShape)}, x);
    }
    return out;
  }

  /** Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code dim}, step 1. */
  public static Tensor slice(Tensor x, int dim, int start, int end, int step) {
    Checks.checkArgument(x.dim() > 0, "slice() cannot be applied to a 0-dim tensor.");
    Checks.checkArgument(step > 0, "slice step must be positive, got %s", step);
    int d = Checks.wrapDim(dim, x.dim());
    int size = x.layout().shape()[d];
    int s = clampIndex(start, size);
    int e = Math.max(clampIndex(end, size), s);
    int[] shape = x.layout().shape().clone();
    int[] strides = x.layout().strides().clone();
    shape[d] = (e - s + step - 1) / step;
    strides[d] *= step;
    Layout layout = new Layout(shape, strides, x.layout().offset() + s * x.layout().strides()[d]);
    Tensor out = x.asStrided(layout);
    if (Autograd.needsGrad(x)) {
      int[] inputShape = x.layout().shape();
      Autograd.record(
          out,
          "SliceBackward0",
          (g, needs) -> {
            Tensor grad = Elementwise.empty(inputShape, g.dtype(), g.device());
            slice(grad, d, s, e, step).copy_(g);
            return new Tensor[] {grad};
          },
          x);
    }
    return out;
  }

  private static int clampIndex(int index, int size) {
    int i = index < 0 ? index + size : index;
    return Math.max(0, Math.min(i, size));
  }

  /** {@code length} elements from {@code start} along {@code dim}; a view. */
  public static Tensor narrow(Tensor x, int dim, int start, int length) {
    int d = Checks.wrapDim(dim, x.dim());
    int size = x.layout().shape()[d];
    int s = start < 0 ? start + size : start;
    Checks.checkArgument(
        s >= 0 && length >= 0 && s + length <= size,
        "start (%s) + length (%s) exceeds dimension size (%s).",
        start,
        length,
        size);
    return slice(x, d, s, s + length, 1);
  }

  /** The slice at {@code index} along {@code dim}, with that dimension removed. */
  public static Tensor select(Tensor x, int dim, int index) {
    Checks.checkArgument(x.dim() > 0, "select() cannot be applied to a 0-dim tensor.");
    int d = Checks.wrapDim(dim, x.dim());
    int size = x.layout().shape()[d];
    if (index < -size || index >= size) {
      throw new IndexOutOfBoundsException(
          String.format(
              "select(): index %d out of range for tensor of size %s at dimension %d",
              index, Arrays.toString(x.layout().shape()), d));
    }
    int i = index < 0 ? index + size : index;
    Layout layout = x.layout();
    int[] shape = new int[layout.dim() - 1];
    int[] strides = new int[layout.dim() - 1];
    for (int k = 0, j = 0; k < layout.dim(); k++) {
      if (k != d) {
        shape[j] = layout.shape()[k];
        strides[j++] = layout.strides()[k];
      }
    }
    Tensor out = x.asStrided(new Layout(shape, strides, layout.offset() + i * layout.strides()[d]));
    if (Autograd.needsGrad(x)) {
      int[] inputShape = layout.shape();
      Autograd.record(
          out,
          "SelectBackward0",
          (g, needs) -> {
            Tensor grad = Elementwise.empty(inputShape, g.dtype(), g.device());
            select(grad, d, i).copy_(g);
            return new Tensor[] {grad};
          },
          x);
    }
    return out;
  }

  /** Flattens dimensions {@code start..end} (inclusive) into one. */
  public static Tensor flatten(Tensor x, int start, int end) {
    if (x.dim() == 0) {
      return reshape(x, new int[] {1});
    }
    int s = Checks.wrapDim(start, x.dim());
    int e = Checks.wrapDim(end, x.dim());
    Checks.checkArgument(s <= e, "flatten() has invalid args: start_dim cannot come after end_dim");
    int[] old = x.layout().shape();
    int[] shape = new int[old.length - (e - s)];
    int j = 0;
    for (int i = 0; i < s; i++) {
      shape[j++] = old[i];
    }
    int merged = 1;
    for (int i = s; i <= e; i++) {
      merged *= old[i];
    }
    shape[j++] = merged;
    for (int i = e + 1; i < old.length; i++) {
      shape[j++] = old[i];
    }
    return reshape(x, shape);
  }

  /** Concatenates along an existing dimension. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    Checks.checkArgument(!tensors.isEmpty(), "torch.cat(): expected a non-empty list of Tensors");
    Tensor first = tensors.get(0);
    int d = Checks.wrapDim(dim, first.dim());
    Checks.checkArgument(
        first.dim() > 0, "zero-dimensional tensor (at position 0) cannot be concatenated");
    int[] shape = first.layout().shape().clone();
    io.jgrad.DType dtype = first.dtype();
    int total = 0;
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      Checks.checkArgument(
          t.dim() == first.dim(),
          "Tensors must have same number of dimensions: got %s and %s",
          first.dim(),
          t.dim());
      Checks.checkArgument(
          t.device().equals(first.device()),
          "Expected all tensors to be on the same device, but found %s and %s",
          first.device(),
          t.device());
      for (int k = 0; k < shape.length; k++) {
        if (k != d && t.layout().shape()[k] != shape[k]) {
          throw new IllegalArgumentException(
              String.format(
                  "Sizes of tensors must match except in dimension %d. Expected size %d but got size "
                      + "%d for tensor number %d in the list.",
                  d, shape[k], t.layout().shape()[k], i));
        }
      }
      total += t.layout().shape()[d];
      dtype = io.jgrad.DType.promote(dtype, t.dtype());
    }
    shape[d] = total;
    Tensor out = Elementwise.empty(shape, dtype, first.device());
    int[] sizes = new int[tensors.size()];
    int offset = 0;
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      sizes[i] = t.layout().shape()[d];
      Tensor target = out.asStrided(slice(out.detach(), d, offset, offset + sizes[i], 1).layout());
      out.backend().copy(t, target);
      offset += sizes[i];
    }
    Tensor[] inputs = tensors.toArray(new Tensor[0]);
    if (Autograd.needsGrad(inputs)) {
      io.jgrad.DType[] types = new io.jgrad.DType[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        types[i] = inputs[i].dtype();
      }
      Autograd.record(
          out,
          "CatBackward0",
          (g, needs) -> {
            Tensor[] grads = new Tensor[inputs.length];
            int start = 0;
            for (int i = 0; i < inputs.length; i++) {
              if (needs[i]) {
                grads[i] = slice(g, d, start, start + sizes[i], 1).to(types[i]);
              }
              start += sizes[i];
            }
            return grads;
          },
          inputs);
    }
    return out;
  }

  /** Stacks equal-shaped tensors along a new dimension. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    Checks.checkArgument(!tensors.isEmpty(), "stack expects a non-empty TensorList");
    int[] shape = tensors.get(0).layout().shape();
    int d = Checks.wrapDim(dim, shape.length + 1);
    List<Tensor> expanded = new ArrayList<>(tensors.size());
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = tensors.get(i);
      if (!Arrays.equals(t.layout().shape(), shape)) {
        throw new IllegalArgumentException(
            String.format(
                "stack expects each tensor to be equal size, but got %s at entry 0 and %s at entry %d",
                Arrays.toString(shape), Arrays.toString(t.layout().shape()), i));
      }
      expanded.add(unsqueeze(t, d));
    }
    return cat(expanded, d);
  }

  /** Splits into pieces of {@code splitSize} along {@code dim} (the last may be smaller); views. */
  public static List<Tensor> split(Tensor x, int splitSize, int dim) {
    int d = Checks.wrapDim(dim, x.dim());
    Checks.checkArgument(
        splitSize > 0 || x.layout().shape()[d] == 0,
        "split_size can only be 0 if dimension size is 0, but got dimension size of %s",
        x.layout().shape()[d]);
    List<Tensor> parts = new ArrayList<>();
    int size = x.layout().shape()[d];
    for (int start = 0; start < size; start += splitSize) {
      parts.add(narrow(x, d, start, Math.min(splitSize, size - start)));
    }
    if (parts.isEmpty()) {
      parts.add(x);
    }
    return parts;
  }

  /** Splits into pieces with the given lengths along {@code dim}. */
  public static List<Tensor> split(Tensor x, int[] sizes, int dim) {
    int d = Checks.wrapDim(dim, x.dim());
    int total = 0;
    for (int s : sizes) {
      total += s;
    }
    Checks.checkArgument(
        total == x.layout().shape()[d],
        "split_with_sizes expects split_sizes to sum exactly to %s (input tensor's size at "
            + "dimension %s), but got split_sizes=%s",
        x.layout().shape()[d],
        d,
        Arrays.toString(sizes));
    List<Tensor> parts = new ArrayList<>();
    int start = 0;
    for (int s : sizes) {
      parts.add(narrow(x, d, start, s));
      start += s;
    }
    return parts;
  }

  /** Splits into {@code chunks} nearly equal pieces along {@code dim}, PyTorch's rule. */
  public static List<Tensor> chunk(Tensor x, int chunks, int dim) {
    Checks.checkArgument(
        chunks > 0, "chunk expects `chunks` to be greater than 0, got: %s", chunks);
    int d = Checks.wrapDim(dim, x.dim());
    int size = x.layout().shape()[d];
    int splitSize = (size + chunks - 1) / chunks;
    return split(x, Math.max(splitSize, size == 0 ? 0 : 1), d);
  }

  /** Copies to another device (itself when already there); differentiable. */
  public static Tensor toDevice(Tensor x, Device device) {
    if (x.device().equals(device)) {
      return x;
    }
    Tensor source = x.contiguous();
    Tensor out =
        io.jgrad.Tensor.fromStorage(
            Backends.of(device).allocate(x.dtype(), x.numel()),
            Layout.contiguous(x.layout().shape()));
    // The target backend owns the transfer: it knows how to read host arrays and device memory.
    Backends.of(device.isCpu() ? x.device() : device).copy(source.detach(), out);
    if (Autograd.needsGrad(x)) {
      Device original = x.device();
      Autograd.record(out, "ToCopyBackward0", (g, needs) -> new Tensor[] {g.to(original)}, x);
    }
    return out;
  }
}

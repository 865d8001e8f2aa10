package io.jgrad.ops;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.autograd.Autograd;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;

/**
 * Differentiable reads and writes of a strided region of a tensor, the building blocks of PyTorch's
 * {@code AsStridedBackward0} and {@code CopySlices} (autograd through in-place ops on views).
 *
 * <p>Geometry is given in storage coordinates relative to the whole tensor: {@code whole} is the
 * whole tensor's layout with offset 0, {@code region} the view's layout with the whole tensor's
 * offset subtracted. {@code StridedRegions.gather(g, whole, region)} reads the view's elements out
 * of a gradient {@code g} shaped like the whole tensor.
 */
public final class StridedRegions {
  private StridedRegions() {}

  /**
   * The geometry of {@code whole} relative to its own first element.
   *
   * <p>{@code StridedRegions.wholeGeometry(base)} has {@code base}'s shape and strides, offset 0.
   */
  public static Layout wholeGeometry(Tensor whole) {
    Layout l = whole.layout();
    return new Layout(l.shape(), l.strides(), 0);
  }

  /**
   * The geometry of {@code view} relative to the first element of {@code whole}, whose storage it
   * shares.
   *
   * <p>{@code StridedRegions.regionGeometry(base, base.select(0, 1))}.
   */
  public static Layout regionGeometry(Tensor whole, Tensor view) {
    Layout l = view.layout();
    return new Layout(l.shape(), l.strides(), l.offset() - whole.layout().offset());
  }

  /**
   * A view of {@code base}'s storage with the absolute layout {@code view}, recorded as PyTorch's
   * {@code AsStridedBackward0}: its gradient is scattered back into {@code base}'s shape.
   *
   * <p>{@code StridedRegions.asStrided(base, base.select(0, 1).layout())}.
   */
  public static Tensor asStrided(Tensor base, Layout view) {
    Tensor out = base.asStrided(view);
    if (Autograd.needsGrad(base)) {
      Layout whole = wholeGeometry(base);
      Layout region =
          new Layout(view.shape(), view.strides(), view.offset() - base.layout().offset());
      Autograd.record(
          out, "AsStridedBackward0", (g, needs) -> new Tensor[] {scatter(g, whole, region)}, base);
    }
    return out;
  }

  /**
   * A contiguous copy of the {@code region} elements of {@code t}, a tensor shaped like {@code
   * whole}; differentiable (its derivative is {@link #scatter}).
   *
   * <p>{@code gather(g, whole, region)} has {@code region}'s shape.
   */
  public static Tensor gather(Tensor t, Layout whole, Layout region) {
    Tensor out = rawGather(t.detach(), whole, region);
    if (Autograd.needsGrad(t)) {
      Autograd.record(
          out, "AsStridedBackward0", (g, needs) -> new Tensor[] {scatter(g, whole, region)}, t);
    }
    return out;
  }

  /**
   * A tensor shaped like {@code whole}, zero except at {@code region}, where {@code g}'s elements
   * are added (overlapping positions of a broadcast region sum); differentiable (its derivative is
   * {@link #gather}).
   *
   * <p>{@code scatter(g, whole, region)} has {@code whole}'s shape.
   */
  public static Tensor scatter(Tensor g, Layout whole, Layout region) {
    Tensor out = rawScatter(g.detach(), whole, region);
    if (Autograd.needsGrad(g)) {
      Autograd.record(
          out,
          "AsStridedScatterBackward0",
          (gg, needs) -> new Tensor[] {gather(gg, whole, region)},
          g);
    }
    return out;
  }

  /**
   * A tensor shaped like {@code whole} holding 1 outside {@code region} and 0 inside it:
   * multiplying a gradient by it drops the part that an in-place write into the region overwrote.
   *
   * <p>{@code grad.mul(outsideMask(whole, region, grad.dtype(), grad.device()))}.
   */
  public static Tensor outsideMask(Layout whole, Layout region, DType dtype, Device device) {
    Tensor buffer = buffer(whole, region, dtype, device);
    buffer.backend().fill(buffer, 1);
    Tensor inside = Tensor.fromStorage(buffer.storage(), region);
    buffer.backend().fill(inside, 0);
    return readWhole(buffer.storage(), whole);
  }

  /**
   * Whether {@code layout} maps two elements to one storage position through a broadcast (zero
   * stride) dimension; writing into such a view is ill-defined.
   */
  public static boolean hasBroadcastOverlap(Layout layout) {
    for (int i = 0; i < layout.dim(); i++) {
      if (layout.strides()[i] == 0 && layout.shape()[i] > 1) {
        return true;
      }
    }
    return false;
  }

  private static Tensor rawGather(Tensor t, Layout whole, Layout region) {
    if (t.isContiguous() && whole.isContiguous()) {
      // Same element order: the region can be read straight out of t's storage.
      int base = t.layout().offset();
      Layout shifted = new Layout(region.shape(), region.strides(), region.offset() + base);
      return Elementwise.contiguousCopy(Tensor.fromStorage(t.storage(), shifted));
    }
    Tensor buffer = buffer(whole, region, t.dtype(), t.device());
    t.backend().copy(t, Tensor.fromStorage(buffer.storage(), whole));
    return Elementwise.contiguousCopy(Tensor.fromStorage(buffer.storage(), region));
  }

  private static Tensor rawScatter(Tensor g, Layout whole, Layout region) {
    // Broadcast dimensions write every element to one position: their gradients add up there.
    int[] shape = region.shape().clone();
    int[] summed = new int[shape.length];
    int count = 0;
    for (int i = 0; i < shape.length; i++) {
      if (region.strides()[i] == 0 && shape[i] > 1) {
        summed[count++] = i;
        shape[i] = 1;
      }
    }
    Tensor values =
        count == 0 ? g : Reductions.sum(g, java.util.Arrays.copyOf(summed, count), true);
    Tensor buffer = buffer(whole, region, g.dtype(), g.device());
    Layout target = new Layout(shape, region.strides(), region.offset());
    g.backend().copy(values, Tensor.fromStorage(buffer.storage(), target));
    return readWhole(buffer.storage(), whole);
  }

  /** A zeroed flat buffer covering both geometries. */
  private static Tensor buffer(Layout whole, Layout region, DType dtype, Device device) {
    int size = Math.max(whole.storageExtent(), region.storageExtent());
    return Elementwise.empty(new int[] {size}, dtype, device);
  }

  private static Tensor readWhole(Storage storage, Layout whole) {
    Tensor view = Tensor.fromStorage(storage, whole);
    if (whole.isContiguous() && storage.size() == whole.numel()) {
      return view;
    }
    return Elementwise.contiguousCopy(view);
  }
}

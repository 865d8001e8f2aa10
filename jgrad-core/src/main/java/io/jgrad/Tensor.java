package io.jgrad;

import io.jgrad.autograd.AccumulateGrad;
import io.jgrad.autograd.Autograd;
import io.jgrad.autograd.GradMode;
import io.jgrad.autograd.Node;
import io.jgrad.backend.Backend;
import io.jgrad.backend.Backends;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import io.jgrad.ops.Checks;
import io.jgrad.ops.Elementwise;
import io.jgrad.ops.Views;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An n-dimensional array with autograd: a strided view of a {@link Storage}, PyTorch style.
 *
 * <p>{@code Tensor x = linspace(-Math.PI, Math.PI, 2000); Tensor y = x.sin();}
 *
 * <p>The operation surface is spread over {@link TensorMath}, {@link TensorReductions}, {@link
 * TensorShapes} and {@link TensorIndexing}; this class holds the state: layout, storage, version
 * counter and autograd history. It is open for subclassing only so that {@code nn.Parameter} can be
 * a tensor, as in PyTorch; subclasses alias an existing tensor through {@link #Tensor(Tensor)}.
 */
public non-sealed class Tensor
    implements TensorMath, TensorReductions, TensorShapes, TensorIndexing {
  private final Storage storage;
  private final Layout layout;

  /** Shared by all views of one storage, so in-place writes through any view are detected. */
  private final int[] version;

  /** The tensor this one is a view of, or null. */
  private final Tensor base;

  /**
   * The tensor whose history an in-place write through this view rebases (PyTorch's {@code _base}),
   * or null: unlike {@link #base} it is null for {@code detach()} and {@code data()}.
   */
  private final Tensor viewBase;

  /**
   * Whether this view was made with grad mode off (PyTorch's {@code CreationMeta::NO_GRAD_MODE}).
   */
  private final boolean viewCreatedInNoGrad;

  /** The version at which this view's history was last set; a mismatch means it is stale. */
  private int attrVersion;

  private boolean requiresGrad;
  private Node gradFn;
  private AccumulateGrad gradAccumulator;
  private Tensor grad;
  private boolean retainsGrad;

  private Tensor(Storage storage, Layout layout, int[] version, Tensor base) {
    this(storage, layout, version, base, null, false);
  }

  private Tensor(
      Storage storage,
      Layout layout,
      int[] version,
      Tensor base,
      Tensor viewBase,
      boolean viewCreatedInNoGrad) {
    this.storage = storage;
    this.layout = layout;
    this.version = version;
    this.base = base;
    this.viewBase = viewBase;
    this.viewCreatedInNoGrad = viewCreatedInNoGrad;
    this.attrVersion = version[0];
  }

  /**
   * A leaf alias of {@code data}: same storage, layout and version counter, no history. For tensor
   * subclasses such as {@code nn.Parameter}.
   */
  protected Tensor(Tensor data) {
    this(data.storage, data.layout, data.version, data.base);
  }

  /** Text printed before the {@code tensor(...)} repr; {@code nn.Parameter} overrides it. */
  protected String reprPrefix() {
    return "";
  }

  /**
   * A tensor over {@code storage} with {@code layout}; no autograd history.
   *
   * <p>For backends and io code: {@code Tensor.fromStorage(Storage.cpu(FLOAT32, 6),
   * Layout.contiguous(2, 3))}.
   *
   * @throws IllegalArgumentException if the layout reaches past the storage
   */
  public static Tensor fromStorage(Storage storage, Layout layout) {
    if (layout.storageExtent() <= storage.size()) {
      return new Tensor(storage, layout, new int[1], null);
    }
    // The message is built only on failure: formatting shapes per op cost ~4% of small loops.
    throw new IllegalArgumentException(
        String.format(
            "setStorage: sizes %s, strides %s, storage offset %s require %s elements but the storage "
                + "holds %s",
            java.util.Arrays.toString(layout.shape()),
            java.util.Arrays.toString(layout.strides()),
            layout.offset(),
            layout.storageExtent(),
            storage.size()));
  }

  /**
   * A view of this tensor's storage with another layout (used by view ops; no history).
   *
   * <p>{@code x.asStrided(Layout.contiguous(4))} views the first four elements of x's storage.
   */
  public Tensor asStrided(Layout newLayout) {
    int extent = newLayout.storageExtent();
    if (extent > storage.size()) {
      throw new IllegalArgumentException(
          "as_strided: view needs " + extent + " elements but the storage holds " + storage.size());
    }
    return new Tensor(
        storage,
        newLayout,
        version,
        base == null ? this : base,
        viewBase == null ? this : viewBase,
        viewCreatedInNoGrad || !GradMode.isEnabled());
  }

  // ---- metadata -------------------------------------------------------------------------------

  /**
   * The shape.
   *
   * <p>{@code ones(3, 1).shape()} prints {@code Size([3, 1])}.
   */
  public Size shape() {
    return Size.of(layout.shape());
  }

  /** Length of dimension {@code dim} (negative counts from the end). */
  public int size(int dim) {
    return layout.shape()[Checks.wrapDim(dim, layout.dim())];
  }

  /** Number of dimensions; 0 for a scalar. */
  public int dim() {
    return layout.dim();
  }

  /** Number of elements. */
  public int numel() {
    return layout.numel();
  }

  /** Element type. */
  public DType dtype() {
    return storage.dtype();
  }

  /** Where the storage lives. */
  public Device device() {
    return storage.device();
  }

  /**
   * Strides in elements.
   *
   * <p>{@code zeros(2, 3).stride()} is {@code [3, 1]}.
   */
  public long[] stride() {
    long[] s = new long[layout.dim()];
    for (int i = 0; i < s.length; i++) {
      s[i] = layout.strides()[i];
    }
    return s;
  }

  /** Stride of dimension {@code dim}. */
  public long stride(int dim) {
    return layout.strides()[Checks.wrapDim(dim, layout.dim())];
  }

  /** Index of the first element in the storage. */
  public long storageOffset() {
    return layout.offset();
  }

  /** Whether the elements are row-major without gaps. */
  public boolean isContiguous() {
    return layout.isContiguous();
  }

  /** The strided layout (for kernels). */
  public Layout layout() {
    return layout;
  }

  /** The underlying buffer (for kernels and io). */
  public Storage storage() {
    return storage;
  }

  /** The backend of this tensor's device. */
  public Backend backend() {
    return Backends.of(storage.device());
  }

  /** The in-place version counter, as PyTorch's {@code _version}. */
  public int version() {
    return version[0];
  }

  /** Records an in-place write; ops call this after modifying the storage. */
  public void bumpVersion() {
    version[0]++;
  }

  /** Whether this tensor is a view of another tensor's storage. */
  public boolean isView() {
    return base != null;
  }

  // ---- autograd -------------------------------------------------------------------------------

  /** Whether gradients are computed for this tensor. */
  public boolean requiresGrad() {
    if (viewBase == null) {
      return requiresGrad;
    }
    if (attrVersion != version[0]) {
      ViewAutograd.regenerate(this);
    }
    // As PyTorch's DifferentiableViewMeta: a view made in no_grad mode has no history, yet requires
    // grad with its base, so that writing into it with grad mode on is caught.
    return requiresGrad || (viewCreatedInNoGrad && viewBase.requiresGrad());
  }

  /**
   * This tensor's history; for a view whose base was modified in place since, a fresh {@code
   * AsStridedBackward0} of the base's new history first (PyTorch regenerates it lazily too).
   */
  private Node currentGradFn() {
    if (viewBase != null && attrVersion != version[0]) {
      ViewAutograd.regenerate(this);
    }
    return gradFn;
  }

  /** The tensor an in-place write through this view rebases, or null when not a view. */
  Tensor viewBase() {
    return viewBase;
  }

  /** Whether this view was created with grad mode off. */
  boolean viewCreatedInNoGrad() {
    return viewCreatedInNoGrad;
  }

  /** Whether a history node is set, without refreshing a stale view (for {@link ViewAutograd}). */
  boolean hasRecordedHistory() {
    return gradFn != null;
  }

  /** Marks this view's history as current for its version (for {@link ViewAutograd}). */
  void markViewCurrent() {
    attrVersion = version[0];
  }

  /** Replaces this view's history without touching the version (for {@link ViewAutograd}). */
  void resetViewHistory(Node node) {
    gradFn = node;
    requiresGrad = node != null;
    attrVersion = version[0];
  }

  /**
   * Sets whether autograd records operations on this leaf.
   *
   * <p>{@code w.requiresGrad_(true)}.
   *
   * @throws IllegalStateException on a non-leaf, or for integer dtypes
   */
  public Tensor requiresGrad_(boolean requiresGrad) {
    if (currentGradFn() != null) {
      throw new IllegalStateException(
          "you can only change requires_grad flags of leaf variables. If you want to use a "
              + "computed variable in a subgraph that doesn't require differentiation use "
              + "var_no_grad = var.detach().");
    }
    Checks.checkArgument(
        !requiresGrad || dtype().isFloatingPoint(),
        "only Tensors of floating point dtype can require gradients (got %s)",
        dtype());
    this.requiresGrad = requiresGrad;
    return this;
  }

  /** Same as {@code requiresGrad_(true)}. */
  public Tensor requiresGrad_() {
    return requiresGrad_(true);
  }

  /** True for tensors not produced by a recorded operation. */
  public boolean isLeaf() {
    return currentGradFn() == null;
  }

  /** The node that produced this tensor, if it was recorded. */
  public Optional<Node> gradFn() {
    return Optional.ofNullable(currentGradFn());
  }

  /** Whether a gradient has been accumulated (PyTorch: {@code x.grad is not None}). */
  public boolean hasGrad() {
    return grad != null;
  }

  /**
   * The accumulated gradient.
   *
   * <p>{@code w.grad().zero_()}.
   *
   * @throws IllegalStateException when there is none yet, or this is a non-leaf without {@link
   *     #retainGrad()}
   */
  public Tensor grad() {
    if (grad == null) {
      if (!isLeaf() && !retainsGrad) {
        throw new IllegalStateException(
            "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its "
                + ".grad attribute won't be populated during autograd.backward(). If you indeed "
                + "want the .grad field to be populated for a non-leaf Tensor, use .retainGrad() "
                + "on the non-leaf Tensor.");
      }
      throw new IllegalStateException(
          "grad is None: no gradient has been accumulated into this tensor yet (call backward() "
              + "first, or check hasGrad())");
    }
    return grad;
  }

  /** Replaces the gradient (PyTorch: {@code x.grad = g}). */
  public void setGrad(Tensor newGrad) {
    Checks.checkArgument(
        newGrad.shape().equals(shape()),
        "assigned grad has data of a different size: %s vs %s",
        newGrad.shape(),
        shape());
    this.grad = newGrad;
  }

  /** Drops the gradient (PyTorch: {@code x.grad = None}). */
  public void clearGrad() {
    this.grad = null;
  }

  /** Keeps this non-leaf's gradient after backward. */
  public Tensor retainGrad() {
    if (currentGradFn() != null && !retainsGrad) {
      retainsGrad = true;
      Autograd.retainGrad(this, gradFn);
    }
    return this;
  }

  /**
   * Adds {@code incoming} to the gradient, for the autograd engine, which passes {@code exclusive}
   * when no other tensor shares incoming's buffer: a first gradient is then kept, not copied.
   *
   * <p>{@code leaf.accumulateGrad(g, false)}.
   */
  public void accumulateGrad(Tensor incoming, boolean exclusive) {
    Layout l = incoming.layout;
    if (exclusive
        && grad == null
        && !GradMode.isEnabled()
        && incoming.dtype() == dtype()
        && incoming.device().equals(device())
        && l.isContiguous()
        && l.offset() == 0
        && l.numel() == incoming.storage.size()
        && java.util.Arrays.equals(l.shape(), layout.shape())) {
      // Nobody else holds the buffer: keep it, as PyTorch's AccumulateGrad steals a gradient
      // whose use count is 1. A view is rewrapped so that .grad is a plain tensor.
      grad = incoming.isView() ? fromStorage(incoming.storage, l) : incoming;
      return;
    }
    accumulateGrad(incoming);
  }

  /**
   * Adds {@code incoming} into this leaf's gradient, copying it when there is none yet.
   *
   * <p>For the autograd engine; {@code x.accumulateGrad(g)}.
   */
  public void accumulateGrad(Tensor incoming) {
    Tensor g = incoming.dtype() == dtype() ? incoming : incoming.to(dtype());
    if (grad == null) {
      // A fresh copy: the engine may pass the same tensor to several leaves.
      grad = GradMode.isEnabled() ? g.clone() : Elementwise.contiguousCopy(g);
    } else if (GradMode.isEnabled()) {
      grad = grad.add(g);
    } else {
      grad.add_(g);
    }
  }

  /** This leaf's gradient sink (created on first use). */
  public AccumulateGrad gradAccumulator() {
    if (gradAccumulator == null) {
      gradAccumulator = Autograd.newGradAccumulator(this);
    }
    return gradAccumulator;
  }

  /** Sets this fresh result's history (for op implementations). */
  public void setHistory(Node node) {
    this.gradFn = node;
    this.requiresGrad = true;
    this.attrVersion = version[0];
  }

  /**
   * Computes gradients of this scalar with respect to graph leaves.
   *
   * <p>{@code loss.backward()}.
   */
  public void backward() {
    Checks.checkState(
        numel() == 1,
        "grad can be implicitly created only for scalar outputs (got shape %s)",
        shape());
    backward(Elementwise.onesLike(this), false, false);
  }

  /** Backward with an explicit output gradient (for non-scalar outputs). */
  public void backward(Tensor gradient) {
    backward(gradient, false, false);
  }

  /**
   * Backward with all options.
   *
   * @param retainGraph keep the graph for another backward
   * @param createGraph record the backward pass, for higher-order gradients
   */
  public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
    if (!requiresGrad()) {
      throw new IllegalStateException(
          "element 0 of tensors does not require grad and does not have a grad_fn");
    }
    Checks.checkArgument(
        gradient.shape().equals(shape()),
        "Mismatch in shape: grad_output[0] has a shape of %s and output[0] has a shape of %s.",
        gradient.shape(),
        shape());
    Autograd.backward(this, gradient, retainGraph, createGraph);
  }

  /** A tensor sharing storage and version counter, cut from the graph. */
  public Tensor detach() {
    return new Tensor(storage, layout, version, base);
  }

  /** Cuts this tensor from the graph, making it a leaf. */
  public Tensor detach_() {
    gradFn = null;
    requiresGrad = false;
    return this;
  }

  /**
   * The same data without autograd tracking and with its own version counter (PyTorch's {@code
   * .data}); in-place writes through it are invisible to autograd.
   *
   * <p>{@code x.data().sub_(x.grad().mul(lr))}.
   */
  public Tensor data() {
    return new Tensor(storage, layout, new int[1], base);
  }

  /** An alias with this tensor's current history, for in-place ops that rebase history. */
  Tensor aliasWithHistory() {
    Tensor alias = new Tensor(storage, layout, version, base);
    alias.gradFn = currentGradFn();
    alias.requiresGrad = requiresGrad;
    alias.gradAccumulator = gradAccumulator();
    return alias;
  }

  /**
   * Replaces this tensor's contents with {@code compute(alias)} and, under autograd, its history
   * with the result's (PyTorch's in-place semantics); on a view, its base's history is rebased onto
   * a {@code CopySlices} node instead (see {@link ViewAutograd}). Ops' in-place methods go through
   * here.
   */
  public Tensor applyInPlace(String opName, UnaryOperator<Tensor> compute) {
    boolean recording = GradMode.isEnabled();
    boolean selfRequiresGrad = requiresGrad(); // also refreshes a stale view's history
    if (recording && viewBase != null) {
      ViewAutograd.checkInPlace(this, opName, selfRequiresGrad);
    } else if (recording && selfRequiresGrad && gradFn == null) {
      throw new IllegalStateException(
          "a leaf Variable that requires grad is being used in an in-place operation ("
              + opName
              + "_). Wrap the update in noGrad() or update .data().");
    }
    Tensor result;
    if (recording && selfRequiresGrad) {
      // The op may save its input for backward (mul_, div_, pow_ read the old self) and the copy
      // below overwrites this storage; PyTorch saves the original self for such formulas, so we
      // compute from a differentiable snapshot.
      result = compute.apply(aliasWithHistory().clone());
    } else {
      result = compute.apply(this);
      if (recording && result.requiresGrad && result != this) {
        result = compute.apply(Elementwise.contiguousCopy(this)); // same reason, rare path
      }
    }
    Checks.checkArgument(
        result.shape().equals(shape()),
        "%s_: output with shape %s doesn't match the broadcast shape %s",
        opName,
        shape(),
        result.shape());
    Checks.checkArgument(
        dtype().isFloatingPoint() || !result.dtype().isFloatingPoint(),
        "%s_: result type %s can't be cast to the desired output type %s",
        opName,
        result.dtype(),
        dtype());
    boolean rebase = recording && result.requiresGrad && result != this;
    if (rebase && viewBase != null) {
      ViewAutograd.checkRebase(this, opName);
    }
    if (result != this) {
      backend().copy(result, this);
      bumpVersion();
    }
    if (rebase) {
      if (viewBase != null) {
        ViewAutograd.rebase(this, result);
      } else {
        setHistory(result.gradFn);
      }
    }
    return this;
  }

  // ---- conversion -----------------------------------------------------------------------------

  /**
   * The value of a one-element tensor as a double.
   *
   * <p>{@code loss.item()}.
   */
  public double item() {
    Checks.checkArgument(
        numel() == 1, "a Tensor with %s elements cannot be converted to Scalar", numel());
    return hostCopy(this).storage().getDouble(0);
  }

  /**
   * A fresh contiguous CPU copy of {@code t}: kernels' arrays are only readable on the host, so a
   * device tensor is downloaded (a sync point) instead of copied on its device.
   */
  private static Tensor hostCopy(Tensor t) {
    Tensor detached = t.detach();
    return detached.device().isCpu()
        ? Elementwise.contiguousCopy(detached)
        : detached.to(Device.CPU);
  }

  /** The elements in row-major order as floats. */
  public float[] toFloatArray() {
    return (float[]) hostCopy(to(DType.FLOAT32)).storage().data();
  }

  /** The elements in row-major order as doubles. */
  public double[] toDoubleArray() {
    return (double[]) hostCopy(to(DType.FLOAT64)).storage().data();
  }

  /** The elements in row-major order as longs. */
  public long[] toLongArray() {
    return (long[]) hostCopy(to(DType.INT64)).storage().data();
  }

  /** This tensor converted to {@code dtype} (itself when already of that type). */
  public Tensor to(DType dtype) {
    return Elementwise.toDType(this, dtype);
  }

  /** This tensor moved to {@code device} (itself when already there). */
  public Tensor to(Device device) {
    return Views.toDevice(this, device);
  }

  /** A row-major copy, or this tensor when already contiguous. */
  public Tensor contiguous() {
    return isContiguous() ? this : clone();
  }

  /** A copy with its own storage; differentiable. */
  @Override
  public Tensor clone() {
    return Elementwise.cloneTensor(this);
  }

  /** Prints like PyTorch: {@code tensor([1.2000, 3.4000], requires_grad=True)}. */
  @Override
  public String toString() {
    return TensorFormatter.format(this);
  }
}

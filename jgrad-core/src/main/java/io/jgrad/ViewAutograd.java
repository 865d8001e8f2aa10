package io.jgrad;

import io.jgrad.autograd.Autograd;
import io.jgrad.backend.Layout;
import io.jgrad.ops.StridedRegions;

/**
 * Autograd through in-place ops on views, as PyTorch's {@code rebase_history}: writing through a
 * view rebases the history of the view's base onto a {@code CopySlices} node, and views whose base
 * changed get a fresh {@code AsStridedBackward0} history the next time they are used.
 *
 * <p>{@code y = x.mul(2); y.select(0, 1).mul_(3);} leaves {@code y.gradFn()} named {@code
 * CopySlices}.
 */
final class ViewAutograd {
  private ViewAutograd() {}

  /** Checks made before an in-place op with grad mode on computes anything, as PyTorch's. */
  static void checkInPlace(Tensor view, String opName, boolean viewRequiresGrad) {
    Tensor base = view.viewBase();
    if (view.viewCreatedInNoGrad() && (viewRequiresGrad || base.requiresGrad())) {
      throw noGradViewError(opName);
    }
    // PyTorch's check_inplace: the base need not require grad itself, e.g. a leaf made by
    // tensor(...).reshape(2, 2).requiresGrad_(true) is a view of a plain tensor.
    if (viewRequiresGrad && base.isLeaf()) {
      throw new IllegalStateException(
          "a view of a leaf Variable that requires grad is being used in an in-place operation. ("
              + opName
              + "_; wrap the update in noGrad() or update the leaf's .data())");
    }
  }

  /** Checks made once the in-place result is known to carry history, before anything is written. */
  static void checkRebase(Tensor view, String opName) {
    if (view.viewCreatedInNoGrad()) {
      throw noGradViewError(opName);
    }
    if (StridedRegions.hasBroadcastOverlap(view.layout())) {
      throw new IllegalArgumentException(
          "unsupported operation: more than one element of the written-to tensor refers to a "
              + "single memory location. Please clone() the tensor before performing the "
              + "operation. ("
              + opName
              + "_ on a view of shape "
              + view.shape()
              + " with strides "
              + java.util.Arrays.toString(view.layout().strides())
              + ")");
    }
  }

  private static IllegalStateException noGradViewError(String opName) {
    return new IllegalStateException(
        "A view was created in no_grad mode and is being modified inplace with grad mode enabled. "
            + "Given that this use case is ambiguous and error-prone, it is forbidden. You can "
            + "clarify your code by moving both the view and the inplace either both inside the "
            + "no_grad block (if you don't want the inplace to be tracked) or both outside (if you "
            + "want the inplace to be tracked). ("
            + opName
            + "_)");
  }

  /**
   * Makes {@code view}'s base the output of a {@code CopySlices} node after {@code result} was
   * written into {@code view}: the base's gradient flows to its old history outside the view's
   * region and to {@code result}'s history inside it.
   */
  static void rebase(Tensor view, Tensor result) {
    Tensor base = view.viewBase();
    Layout whole = StridedRegions.wholeGeometry(base);
    Layout region = StridedRegions.regionGeometry(base, view);
    // PyTorch's CopySlices wraps the in-place op's node and feeds it the region's gradient; edging
    // to the result's node instead gives the same gradients for any composite in-place formula.
    Autograd.record(
        base,
        "CopySlices",
        (g, needs) ->
            new Tensor[] {
              needs[0]
                  ? g.mul(StridedRegions.outsideMask(whole, region, g.dtype(), g.device()))
                  : null,
              needs[1] ? StridedRegions.gather(g, whole, region) : null
            },
        base,
        result);
    regenerate(view);
  }

  /**
   * Refreshes a view whose version moved since its history was set: the base (or another view of
   * it) was written in place, so the view's values now come from the base's current history.
   */
  static void regenerate(Tensor view) {
    Tensor base = view.viewBase();
    if (view.viewCreatedInNoGrad() || (!base.requiresGrad() && !view.hasRecordedHistory())) {
      // No-grad views keep what they had (PyTorch forbids tracking through them), and so do views
      // of a base without history: there is nothing to view.
      view.markViewCurrent();
      return;
    }
    if (!base.requiresGrad()) {
      view.resetViewHistory(null);
      return;
    }
    Layout whole = StridedRegions.wholeGeometry(base);
    Layout region = StridedRegions.regionGeometry(base, view);
    Autograd.record(
        view,
        "AsStridedBackward0",
        (g, needs) -> new Tensor[] {StridedRegions.scatter(g, whole, region)},
        base);
  }
}

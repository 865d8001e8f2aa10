package io.jgrad.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Sets each group's learning rate to its initial value times a function of the epoch, PyTorch's
 * {@code LambdaLR}.
 *
 * <p>{@code new LambdaLR(opt, epoch -> Math.pow(0.95, epoch))}.
 *
 * <p>The functions are not part of {@link #stateDict()} (PyTorch saves none for plain functions
 * either).
 */
public final class LambdaLR extends LRScheduler {
  private final List<IntToDoubleFunction> lambdas;

  /**
   * One factor function shared by every group.
   *
   * <p>{@code new LambdaLR(opt, epoch -> 1.0 / (epoch + 1))}.
   */
  public LambdaLR(Optimizer optimizer, IntToDoubleFunction lambda) {
    this.lambdas = Collections.nCopies(optimizer.paramGroups().size(), lambda);
    super(optimizer);
  }

  /**
   * One factor function per group.
   *
   * <p>{@code new LambdaLR(opt, List.of(e -> 1.0, e -> 0.9))}.
   *
   * @throws IllegalArgumentException with PyTorch's message if the counts differ
   */
  public LambdaLR(Optimizer optimizer, List<IntToDoubleFunction> lambdas) {
    if (lambdas.size() != optimizer.paramGroups().size()) {
      throw new IllegalArgumentException(
          "Expected " + optimizer.paramGroups().size() + " lr_lambdas, but got " + lambdas.size());
    }
    this.lambdas = List.copyOf(lambdas);
    super(optimizer);
  }

  @Override
  protected List<Double> getLr() {
    List<Double> lrs = new ArrayList<>();
    for (int i = 0; i < lambdas.size(); i++) {
      lrs.add(baseLrs().get(i) * lambdas.get(i).applyAsDouble(lastEpoch()));
    }
    return lrs;
  }
}

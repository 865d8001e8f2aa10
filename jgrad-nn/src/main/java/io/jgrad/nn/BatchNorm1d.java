package io.jgrad.nn;

import static io.jgrad.JGrad.ones;
import static io.jgrad.JGrad.scalar;
import static io.jgrad.JGrad.zeros;

import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import java.util.Optional;

/**
 * Batch normalisation over inputs [N, C] or [N, C, L], as PyTorch's {@code nn.BatchNorm1d}.
 *
 * <p>{@code new BatchNorm1d(3).forward(randn(8, 3))}
 *
 * <p>Training normalises with the batch mean and biased variance and updates the buffers {@code
 * running_mean}, {@code running_var} (with the unbiased variance) and {@code num_batches_tracked};
 * evaluation uses the running statistics. Buffer names are PyTorch's, so state dicts interchange.
 */
public class BatchNorm1d extends Module {
  private final int numFeatures;
  private final double eps;
  private final double momentum;
  private final boolean affine;
  private final boolean trackRunningStats;

  /**
   * eps 1e-5, momentum 0.1, affine, tracking running stats.
   *
   * <p>{@code new BatchNorm1d(16)}.
   */
  public BatchNorm1d(int numFeatures) {
    this(numFeatures, 1e-5, 0.1, true, true);
  }

  /**
   * A batch norm with every option.
   *
   * <p>{@code new BatchNorm1d(16, 1e-5, 0.1, false, true)}.
   */
  public BatchNorm1d(
      int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    if (affine) {
      registerParameter("weight", new Parameter(ones(numFeatures)));
      registerParameter("bias", new Parameter(zeros(numFeatures)));
    }
    if (trackRunningStats) {
      registerBuffer("running_mean", zeros(numFeatures));
      registerBuffer("running_var", ones(numFeatures));
      registerBuffer("num_batches_tracked", scalar(0L));
    }
  }

  /**
   * Normalises {@code input} [N, C] or [N, C, L].
   *
   * @throws IllegalArgumentException for other ranks or a channel count other than numFeatures
   */
  @Override
  public Tensor forward(Tensor input) {
    if (input.dim() != 2 && input.dim() != 3) {
      throw new IllegalArgumentException(
          "expected 2D or 3D input (got " + input.dim() + "D input)");
    }
    if (input.size(1) != numFeatures) {
      throw new IllegalArgumentException(
          "BatchNorm1d: expected "
              + numFeatures
              + " channels at dim 1, got input of shape "
              + input.shape());
    }
    if (isTraining() && trackRunningStats) {
      Tensor tracked = getBuffer("num_batches_tracked");
      try (var g = io.jgrad.JGrad.noGrad()) {
        tracked.add_(scalar(1L));
      }
    }
    boolean useBatchStats = isTraining() || !trackRunningStats;
    Optional<Tensor> runningMean =
        trackRunningStats && (isTraining() || !useBatchStats)
            ? Optional.of(getBuffer("running_mean"))
            : Optional.empty();
    Optional<Tensor> runningVar =
        runningMean.isPresent() ? Optional.of(getBuffer("running_var")) : Optional.empty();
    Optional<Tensor> weight = affine ? Optional.of(getParameter("weight")) : Optional.empty();
    Optional<Tensor> bias = affine ? Optional.of(getParameter("bias")) : Optional.empty();
    return F.batchNorm(input, runningMean, runningVar, weight, bias, useBatchStats, momentum, eps);
  }

  @Override
  public String extraRepr() {
    return numFeatures
        + ", eps="
        + Repr.pythonFloat(eps)
        + ", momentum="
        + Repr.pythonFloat(momentum)
        + ", affine="
        + Repr.pythonBool(affine)
        + ", track_running_stats="
        + Repr.pythonBool(trackRunningStats);
  }
}

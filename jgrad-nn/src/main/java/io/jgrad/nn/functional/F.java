package io.jgrad.nn.functional;

import static io.jgrad.JGrad.where;

import io.jgrad.Tensor;
import io.jgrad.nn.Reduction;
import io.jgrad.ops.Unfold;
import java.util.Arrays;
import java.util.Optional;

/**
 * Functional forms of layers and losses, as PyTorch's {@code torch.nn.functional}.
 *
 * <p>{@code Tensor loss = F.crossEntropy(model.forward(x), y);}
 */
public final class F {
  private F() {}

  // ---- activations ----------------------------------------------------------------------------

  /**
   * max(x, 0).
   *
   * <p>{@code F.relu(tensor(-1f, 2f))} is [0, 2].
   */
  public static Tensor relu(Tensor input) {
    return input.relu();
  }

  /**
   * x for x ≥ 0, slope·x otherwise.
   *
   * <p>{@code F.leakyRelu(x, 0.01)}.
   */
  public static Tensor leakyRelu(Tensor input, double negativeSlope) {
    return where(input.gt(0), input, input.mul(negativeSlope));
  }

  /**
   * Exact GELU: x·Φ(x) = 0.5·x·(1 + erf(x/√2)).
   *
   * <p>{@code F.gelu(x)}.
   */
  public static Tensor gelu(Tensor input) {
    return gelu(input, "none");
  }

  /**
   * GELU, exact ({@code "none"}) or the tanh approximation ({@code "tanh"}).
   *
   * <p>{@code F.gelu(x, "tanh")}.
   *
   * @throws IllegalArgumentException for another approximation name
   */
  public static Tensor gelu(Tensor input, String approximate) {
    return switch (approximate) {
      case "none" -> input.mul(0.5).mul(input.mul(Math.sqrt(0.5)).erf().add(1));
      case "tanh" -> {
        // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
        Tensor inner = input.add(input.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
        yield input.mul(0.5).mul(inner.tanh().add(1));
      }
      default ->
          throw new IllegalArgumentException(
              "gelu: approximate argument must be either none or tanh, got " + approximate);
    };
  }

  /**
   * x·sigmoid(x) (swish).
   *
   * <p>{@code F.silu(x)}.
   */
  public static Tensor silu(Tensor input) {
    return input.mul(input.sigmoid());
  }

  /**
   * Softmax along {@code dim}.
   *
   * <p>{@code F.softmax(logits, 1)}.
   */
  public static Tensor softmax(Tensor input, int dim) {
    return input.softmax(dim);
  }

  /**
   * Log-softmax along {@code dim}.
   *
   * <p>{@code F.logSoftmax(logits, 1)}.
   */
  public static Tensor logSoftmax(Tensor input, int dim) {
    return input.logSoftmax(dim);
  }

  /**
   * Zeroes elements with probability p and scales the rest by 1/(1-p) when {@code training};
   * identity otherwise. The mask is drawn with {@code bernoulli_(1 - p)} from the default
   * generator, as PyTorch's CPU dropout.
   *
   * <p>{@code F.dropout(x, 0.5, true)}.
   *
   * @throws IllegalArgumentException unless 0 ≤ p ≤ 1
   */
  public static Tensor dropout(Tensor input, double p, boolean training) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          "dropout probability has to be between 0 and 1, but got " + p);
    }
    if (p == 0 || !training || input.numel() == 0) {
      return input;
    }
    if (p == 1) {
      return input.mul(0);
    }
    Tensor noise = io.jgrad.JGrad.zerosLike(input).bernoulli_(1 - p);
    noise.div_(1 - p);
    return input.mul(noise);
  }

  // ---- layers ---------------------------------------------------------------------------------

  /**
   * x·Wᵀ.
   *
   * <p>{@code F.linear(x, weight)} for x [N, in], weight [out, in] gives [N, out].
   */
  public static Tensor linear(Tensor input, Tensor weight) {
    return input.matmul(weight.t());
  }

  /**
   * x·Wᵀ + b.
   *
   * <p>{@code F.linear(x, weight, bias)}.
   */
  public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
    if (input.dim() == 2) {
      return bias.addmm(input, weight.t()); // as PyTorch: one node, the bias added in place
    }
    return input.matmul(weight.t()).add(bias);
  }

  /**
   * Rows of {@code weight} picked by the integer {@code indices}; the result has shape
   * indices.shape + [embedding_dim].
   *
   * <p>{@code F.embedding(tensor(1L, 3L), table)}.
   */
  public static Tensor embedding(Tensor indices, Tensor weight) {
    int[] shape = Arrays.copyOf(indices.shape().toIntArray(), indices.dim() + 1);
    shape[indices.dim()] = weight.size(1);
    return weight.indexSelect(0, indices.flatten()).view(shape);
  }

  /**
   * Embedding lookup whose rows at {@code paddingIdx} get no gradient, as PyTorch's {@code
   * padding_idx}.
   *
   * <p>{@code F.embedding(idx, table, 0)}.
   */
  public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
    Tensor out = embedding(indices, weight);
    Tensor isPadding = indices.eq(paddingIdx).unsqueeze(-1);
    // Detached rows keep the value but stop the gradient, like embedding_backward's padding skip.
    return where(isPadding, out.detach(), out);
  }

  /**
   * Normalises over the trailing {@code normalizedShape} dims: (x-mean)/sqrt(var+eps)·w + b, with
   * biased variance.
   *
   * <p>{@code F.layerNorm(x, new int[] {10}, Optional.of(w), Optional.of(b), 1e-5)}.
   *
   * @throws IllegalArgumentException if the input's trailing dims differ from normalizedShape
   */
  public static Tensor layerNorm(
      Tensor input,
      int[] normalizedShape,
      Optional<Tensor> weight,
      Optional<Tensor> bias,
      double eps) {
    int k = normalizedShape.length;
    int[] shape = input.shape().toIntArray();
    boolean ok =
        shape.length >= k
            && Arrays.equals(
                Arrays.copyOfRange(shape, shape.length - k, shape.length), normalizedShape);
    if (!ok) {
      throw new IllegalArgumentException(
          "Given normalized_shape="
              + Arrays.toString(normalizedShape)
              + ", expected input with shape [*, "
              + Arrays.toString(normalizedShape).substring(1)
              + ", but got input of size"
              + Arrays.toString(shape));
    }
    int[] dims = new int[k];
    for (int i = 0; i < k; i++) {
      dims[i] = shape.length - k + i;
    }
    Tensor mean = input.mean(dims, true);
    Tensor var = input.var(dims, 0, true);
    Tensor out = input.sub(mean).mul(var.add(eps).rsqrt());
    if (weight.isPresent()) {
      out = out.mul(weight.get());
    }
    if (bias.isPresent()) {
      out = out.add(bias.get());
    }
    return out;
  }

  /**
   * Batch normalisation over all dims but 1 (channels). In training it normalises with the batch
   * mean and biased variance and, when running stats are given, updates them in place with the
   * unbiased variance: r = (1-momentum)·r + momentum·stat. In evaluation it uses the running stats.
   *
   * <p>{@code F.batchNorm(x, rm, rv, w, b, true, 0.1, 1e-5)}.
   *
   * @throws IllegalArgumentException when running stats are missing in evaluation, the input has
   *     fewer than 2 dims, or a training batch has one value per channel
   */
  public static Tensor batchNorm(
      Tensor input,
      Optional<Tensor> runningMean,
      Optional<Tensor> runningVar,
      Optional<Tensor> weight,
      Optional<Tensor> bias,
      boolean training,
      double momentum,
      double eps) {
    return Normalization.batchNorm(
        input, runningMean, runningVar, weight, bias, training, momentum, eps);
  }

  // ---- convolution and pooling ----------------------------------------------------------------

  /**
   * 2-d cross-correlation with stride 1, no padding and no bias.
   *
   * <p>{@code F.conv2d(x, w)} maps [N, C, H, W] with w [O, C, kH, kW] to [N, O, H-kH+1, W-kW+1].
   */
  public static Tensor conv2d(Tensor input, Tensor weight) {
    return conv2d(input, weight, Optional.empty(), 1, 0);
  }

  /**
   * 2-d cross-correlation with square stride and padding.
   *
   * <p>{@code F.conv2d(x, w, Optional.of(b), 2, 1)}.
   */
  public static Tensor conv2d(
      Tensor input, Tensor weight, Optional<Tensor> bias, int stride, int padding) {
    return conv2d(
        input,
        weight,
        bias,
        new int[] {stride, stride},
        new int[] {padding, padding},
        new int[] {1, 1},
        1);
  }

  /**
   * 2-d cross-correlation as PyTorch's {@code F.conv2d}: input [N, C, H, W] (or unbatched [C, H,
   * W]), weight [O, C/groups, kH, kW], optional bias [O]; stride, padding and dilation are (h, w)
   * pairs. Computed as unfold (im2col) + one matmul per group.
   *
   * <p>{@code F.conv2d(x, w, Optional.empty(), new int[] {1, 1}, new int[] {2, 2}, new int[] {2,
   * 2}, 1)}.
   *
   * @throws IllegalArgumentException for bad shapes or parameters, with PyTorch's messages
   */
  public static Tensor conv2d(
      Tensor input,
      Tensor weight,
      Optional<Tensor> bias,
      int[] stride,
      int[] padding,
      int[] dilation,
      int groups) {
    return Convolution.conv2d(
        input,
        weight,
        bias,
        pair("stride", stride),
        pair("padding", padding),
        pair("dilation", dilation),
        groups);
  }

  /**
   * Max pooling with stride = kernel and no padding.
   *
   * <p>{@code F.maxPool2d(x, 2)} halves H and W.
   */
  public static Tensor maxPool2d(Tensor input, int kernelSize) {
    return maxPool2d(input, kernelSize, kernelSize, 0);
  }

  /**
   * Max pooling over square windows; the gradient goes to each window's first maximum.
   *
   * <p>{@code F.maxPool2d(x, 3, 2, 1)}.
   *
   * @throws IllegalArgumentException for non-positive sizes, padding over half the kernel, or an
   *     empty output
   */
  public static Tensor maxPool2d(Tensor input, int kernelSize, int stride, int padding) {
    return maxPool2d(
        input,
        new int[] {kernelSize, kernelSize},
        new int[] {stride, stride},
        new int[] {padding, padding});
  }

  /**
   * Max pooling with (h, w) kernel, stride and padding; padding counts as -inf.
   *
   * <p>{@code F.maxPool2d(x, new int[] {2, 3}, new int[] {2, 3}, new int[] {0, 1})}.
   */
  public static Tensor maxPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
    return Convolution.maxPool2d(
        input, pair("kernel_size", kernelSize), pair("stride", stride), pair("padding", padding));
  }

  /**
   * Average pooling with stride = kernel and no padding.
   *
   * <p>{@code F.avgPool2d(x, 2)}.
   */
  public static Tensor avgPool2d(Tensor input, int kernelSize) {
    return avgPool2d(input, kernelSize, kernelSize, 0);
  }

  /**
   * Average pooling over square windows, zero padding counted in the divisor (PyTorch's {@code
   * count_include_pad=True}); the gradient is spread evenly over each window.
   *
   * <p>{@code F.avgPool2d(x, 3, 2, 1)}.
   *
   * @throws IllegalArgumentException for non-positive sizes, padding over half the kernel, or an
   *     empty output
   */
  public static Tensor avgPool2d(Tensor input, int kernelSize, int stride, int padding) {
    return avgPool2d(
        input,
        new int[] {kernelSize, kernelSize},
        new int[] {stride, stride},
        new int[] {padding, padding});
  }

  /**
   * Average pooling with (h, w) kernel, stride and padding.
   *
   * <p>{@code F.avgPool2d(x, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 0})}.
   */
  public static Tensor avgPool2d(Tensor input, int[] kernelSize, int[] stride, int[] padding) {
    return Convolution.avgPool2d(
        input, pair("kernel_size", kernelSize), pair("stride", stride), pair("padding", padding));
  }

  /**
   * Sliding blocks of [N, C, H, W] as columns [N, C·k·k, L] (im2col), as PyTorch's {@code F.unfold}
   * with dilation 1, padding 0 and stride 1.
   *
   * <p>{@code F.unfold(x, 3)} maps [2, 3, 5, 5] to [2, 27, 9].
   */
  public static Tensor unfold(Tensor input, int kernelSize) {
    return unfold(input, new int[] {kernelSize}, new int[] {1}, new int[] {0}, new int[] {1});
  }

  /**
   * Sliding blocks as columns, as PyTorch's {@code F.unfold(input, kernel_size, dilation, padding,
   * stride)}; each parameter is one value or an (h, w) pair. Its gradient is {@link #fold}.
   *
   * <p>{@code F.unfold(x, new int[] {2, 3}, new int[] {1}, new int[] {1}, new int[] {2})}.
   *
   * @throws IllegalArgumentException for bad shapes or parameters, with PyTorch's messages
   */
  public static Tensor unfold(
      Tensor input, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
    return Unfold.unfold(
        input,
        pair("kernel_size", kernelSize),
        pair("dilation", dilation),
        pair("padding", padding),
        pair("stride", stride));
  }

  /**
   * Sums columns [N, C·kH·kW, L] back into an image [N, C, outputSize] (col2im), as PyTorch's
   * {@code F.fold(input, output_size, kernel_size, dilation, padding, stride)}; overlapping blocks
   * add up. Parameters are one value or an (h, w) pair.
   *
   * <p>{@code F.fold(cols, new int[] {4, 4}, new int[] {2}, new int[] {1}, new int[] {0}, new int[]
   * {1})}.
   *
   * @throws IllegalArgumentException for bad shapes or parameters, with PyTorch's messages
   */
  public static Tensor fold(
      Tensor input,
      int[] outputSize,
      int[] kernelSize,
      int[] dilation,
      int[] padding,
      int[] stride) {
    return Unfold.fold(
        input,
        pair("output_size", outputSize),
        pair("kernel_size", kernelSize),
        pair("dilation", dilation),
        pair("padding", padding),
        pair("stride", stride));
  }

  private static int[] pair(String name, int[] values) {
    if (values.length == 1) {
      return new int[] {values[0], values[0]};
    }
    if (values.length != 2) {
      throw new IllegalArgumentException(
          "conv2d/pool2d/unfold/fold: "
              + name
              + " must have 1 or 2 values, got "
              + Arrays.toString(values));
    }
    return values.clone();
  }

  // ---- losses ---------------------------------------------------------------------------------

  /**
   * Mean squared error.
   *
   * <p>{@code F.mseLoss(pred, target)}.
   */
  public static Tensor mseLoss(Tensor input, Tensor target) {
    return Losses.mse(input, target, Reduction.MEAN);
  }

  /**
   * Squared error with a reduction.
   *
   * <p>{@code F.mseLoss(pred, y, Reduction.SUM)}.
   */
  public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
    return Losses.mse(input, target, reduction);
  }

  /**
   * Mean absolute error.
   *
   * <p>{@code F.l1Loss(pred, target)}.
   */
  public static Tensor l1Loss(Tensor input, Tensor target) {
    return Losses.l1(input, target, Reduction.MEAN);
  }

  /** Absolute error with a reduction. */
  public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
    return Losses.l1(input, target, reduction);
  }

  /**
   * Smooth L1: 0.5·d²/beta where |d| &lt; beta, |d| - 0.5·beta elsewhere.
   *
   * <p>{@code F.smoothL1Loss(pred, y, Reduction.MEAN, 1.0)}.
   *
   * @throws IllegalArgumentException for negative beta
   */
  public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
    return Losses.smoothL1(input, target, reduction, beta);
  }

  /**
   * Huber: 0.5·d² where |d| &lt; delta, delta·(|d| - 0.5·delta) elsewhere.
   *
   * <p>{@code F.huberLoss(pred, y, Reduction.MEAN, 1.0)}.
   *
   * @throws IllegalArgumentException for delta ≤ 0
   */
  public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
    return Losses.huber(input, target, reduction, delta);
  }

  /**
   * Cross entropy of logits [N, C] (or [C], or [N, C, d...]) against int64 class indices or float
   * class probabilities.
   *
   * <p>{@code F.crossEntropy(logits, tensor(0L, 2L))}.
   */
  public static Tensor crossEntropy(Tensor input, Tensor target) {
    return Losses.crossEntropy(input, target, null, -100, Reduction.MEAN, 0);
  }

  /** Cross entropy with a reduction. */
  public static Tensor crossEntropy(Tensor input, Tensor target, Reduction reduction) {
    return Losses.crossEntropy(input, target, null, -100, reduction, 0);
  }

  /**
   * Cross entropy with every option: class {@code weight}, targets equal to {@code ignoreIndex}
   * skipped (mean divides by the weight of the rest), {@code labelSmoothing} in [0, 1].
   *
   * <p>{@code F.crossEntropy(x, y, Optional.empty(), -100, Reduction.MEAN, 0.1)}.
   *
   * @throws IllegalArgumentException for bad shapes, dtypes or smoothing
   * @throws IndexOutOfBoundsException for a class index outside [0, C)
   */
  public static Tensor crossEntropy(
      Tensor input,
      Tensor target,
      Optional<Tensor> weight,
      int ignoreIndex,
      Reduction reduction,
      double labelSmoothing) {
    return Losses.crossEntropy(
        input, target, weight.orElse(null), ignoreIndex, reduction, labelSmoothing);
  }

  /** Negative log likelihood of log-probabilities [N, C] at class indices [N]. */
  public static Tensor nllLoss(Tensor input, Tensor target) {
    return Losses.nll(input, target, null, -100, Reduction.MEAN);
  }

  /**
   * NLL with class weight, ignored index and reduction.
   *
   * <p>{@code F.nllLoss(logp, y, Optional.of(w), -100, Reduction.SUM)}.
   *
   * @throws IndexOutOfBoundsException for a class index outside [0, C)
   */
  public static Tensor nllLoss(
      Tensor input, Tensor target, Optional<Tensor> weight, int ignoreIndex, Reduction reduction) {
    return Losses.nll(input, target, weight.orElse(null), ignoreIndex, reduction);
  }

  /**
   * Binary cross entropy of probabilities, logs clamped at -100 as PyTorch.
   *
   * <p>{@code F.binaryCrossEntropy(p, y)}.
   */
  public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
    return Losses.bce(input, target, null, Reduction.MEAN);
  }

  /** Binary cross entropy with element weights and a reduction. */
  public static Tensor binaryCrossEntropy(
      Tensor input, Tensor target, Optional<Tensor> weight, Reduction reduction) {
    return Losses.bce(input, target, weight.orElse(null), reduction);
  }

  /**
   * Binary cross entropy of logits, computed stably.
   *
   * <p>{@code F.binaryCrossEntropyWithLogits(z, y)}.
   */
  public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
    return Losses.bceWithLogits(input, target, null, null, Reduction.MEAN);
  }

  /**
   * Binary cross entropy of logits with element weights and a positive-class weight.
   *
   * <p>{@code F.binaryCrossEntropyWithLogits(z, y, Optional.empty(), Optional.of(pw),
   * Reduction.MEAN)}.
   */
  public static Tensor binaryCrossEntropyWithLogits(
      Tensor input,
      Tensor target,
      Optional<Tensor> weight,
      Optional<Tensor> posWeight,
      Reduction reduction) {
    return Losses.bceWithLogits(
        input, target, weight.orElse(null), posWeight.orElse(null), reduction);
  }
}

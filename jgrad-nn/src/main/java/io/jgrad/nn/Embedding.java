package io.jgrad.nn;

import static io.jgrad.JGrad.noGrad;
import static io.jgrad.JGrad.zeros;

import io.jgrad.DType;
import io.jgrad.Tensor;
import io.jgrad.nn.functional.F;
import io.jgrad.nn.init.Init;
import java.util.OptionalInt;

/**
 * A lookup table of {@code num} vectors of size {@code dim}, as PyTorch's {@code nn.Embedding}; the
 * weight starts as N(0, 1).
 *
 * <p>{@code new Embedding(10, 3).forward(tensor(1L, 4L))} has shape [2, 3].
 */
public class Embedding extends Module {
  private final int numEmbeddings;
  private final int embeddingDim;
  private final OptionalInt paddingIdx;

  /**
   * A table with no padding row.
   *
   * <p>{@code new Embedding(1000, 64)}.
   */
  public Embedding(int numEmbeddings, int embeddingDim) {
    this(numEmbeddings, embeddingDim, OptionalInt.empty());
  }

  /**
   * A table whose row {@code paddingIdx} (negative counts from the end) starts at zero and gets no
   * gradient.
   *
   * <p>{@code new Embedding(10, 3, 0)}.
   *
   * @throws IllegalArgumentException if paddingIdx is outside [-num, num)
   */
  public Embedding(int numEmbeddings, int embeddingDim, int paddingIdx) {
    this(numEmbeddings, embeddingDim, OptionalInt.of(paddingIdx));
  }

  private Embedding(int numEmbeddings, int embeddingDim, OptionalInt paddingIdx) {
    if (paddingIdx.isPresent()) {
      int p = paddingIdx.getAsInt();
      if (p >= numEmbeddings || p < -numEmbeddings) {
        throw new IllegalArgumentException(
            "Embedding: Padding_idx must be within num_embeddings ("
                + numEmbeddings
                + "), got "
                + p);
      }
      paddingIdx = OptionalInt.of(p < 0 ? p + numEmbeddings : p);
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = paddingIdx;
    registerParameter("weight", new Parameter(zeros(numEmbeddings, embeddingDim)));
    resetParameters();
  }

  /** Re-draws the weight from N(0, 1) and zeroes the padding row. */
  public void resetParameters() {
    Init.normal_(weight(), 0, 1);
    if (paddingIdx.isPresent()) {
      try (var g = noGrad()) {
        weight().select(0, paddingIdx.getAsInt()).fill_(0);
      }
    }
  }

  /** The table [num, dim]. */
  public Parameter weight() {
    return getParameter("weight");
  }

  /** The padding row, if any (normalised to be non-negative). */
  public OptionalInt paddingIdx() {
    return paddingIdx;
  }

  /**
   * The rows at {@code indices} (int64), shaped indices.shape + [dim].
   *
   * <p>{@code emb.forward(tensor(new long[] {1, 2, 4, 5}, 2, 2))}.
   *
   * @throws IllegalArgumentException for non-integer indices
   */
  @Override
  public Tensor forward(Tensor indices) {
    if (indices.dtype() != DType.INT64 && indices.dtype() != DType.INT32) {
      throw new IllegalArgumentException(
          "Expected tensor for argument #1 'indices' to have one "
              + "of the following scalar types: Long, Int; but got "
              + indices.dtype()
              + " instead");
    }
    return paddingIdx.isPresent()
        ? F.embedding(indices, weight(), paddingIdx.getAsInt())
        : F.embedding(indices, weight());
  }

  @Override
  public String extraRepr() {
    return numEmbeddings
        + ", "
        + embeddingDim
        + (paddingIdx.isPresent() ? ", padding_idx=" + paddingIdx.getAsInt() : "");
  }
}

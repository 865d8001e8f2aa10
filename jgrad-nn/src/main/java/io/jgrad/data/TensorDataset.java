package io.jgrad.data;

import io.jgrad.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * A dataset of tensors sliced along their first dimension, PyTorch's {@code TensorDataset}: item
 * {@code i} is {@code {t0[i], t1[i], ...}}.
 *
 * <p>{@code new TensorDataset(x, y).get(3)} is {@code {x.get(3), y.get(3)}}.
 */
public final class TensorDataset implements Dataset<Tensor[]> {
  private final List<Tensor> tensors;

  /**
   * Wraps tensors that share their first dimension.
   *
   * <p>{@code new TensorDataset(images, labels)}.
   *
   * @throws IllegalArgumentException with PyTorch's "Size mismatch between tensors" if the first
   *     dimensions differ, or if there are no tensors or a tensor is 0-d
   */
  public TensorDataset(Tensor... tensors) {
    if (tensors.length == 0) {
      throw new IllegalArgumentException("TensorDataset: needs at least one tensor");
    }
    for (Tensor tensor : tensors) {
      Objects.requireNonNull(tensor, "tensor");
      if (tensor.dim() == 0) {
        throw new IllegalArgumentException(
            "TensorDataset: tensors need a first dimension to index, got a 0-d tensor");
      }
      if (tensor.size(0) != tensors[0].size(0)) {
        StringBuilder sizes = new StringBuilder();
        for (Tensor t : tensors) {
          sizes.append(sizes.isEmpty() ? "" : ", ").append(t.dim() == 0 ? "0-d" : t.size(0));
        }
        throw new IllegalArgumentException(
            "Size mismatch between tensors (first dimensions: " + sizes + ")");
      }
    }
    this.tensors = List.of(tensors);
  }

  @Override
  public Tensor[] get(int index) {
    Objects.checkIndex(index, size());
    Tensor[] row = new Tensor[tensors.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = tensors.get(i).get(index);
    }
    return row;
  }

  @Override
  public int size() {
    return tensors.get(0).size(0);
  }

  /**
   * The wrapped tensors.
   *
   * <p>{@code dataset.tensors().get(1)} is the labels of {@code new TensorDataset(x, labels)}.
   */
  public List<Tensor> tensors() {
    return tensors;
  }
}

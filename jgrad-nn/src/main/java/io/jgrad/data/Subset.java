package io.jgrad.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A view of a dataset at chosen indices, PyTorch's {@code Subset}.
 *
 * <p>{@code new Subset<>(ds, new int[] {0, 2}).get(1)} is {@code ds.get(2)}.
 *
 * @param <T> the item type
 */
public final class Subset<T> implements Dataset<T> {
  private final Dataset<T> dataset;
  private final int[] indices;

  /**
   * A subset of {@code dataset} at {@code indices}.
   *
   * <p>{@code new Subset<>(ds, new int[] {4, 1})}.
   *
   * @throws IndexOutOfBoundsException if an index is outside the dataset
   */
  public Subset(Dataset<T> dataset, int[] indices) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    this.indices = indices.clone();
    for (int index : this.indices) {
      Objects.checkIndex(index, dataset.size());
    }
  }

  @Override
  public T get(int index) {
    return dataset.get(indices[Objects.checkIndex(index, indices.length)]);
  }

  @Override
  public int size() {
    return indices.length;
  }

  /**
   * The underlying dataset.
   *
   * <p>{@code subset.dataset()}.
   */
  public Dataset<T> dataset() {
    return dataset;
  }

  /**
   * A copy of the indices into the underlying dataset.
   *
   * <p>{@code subset.indices()[0]}.
   */
  public int[] indices() {
    return indices.clone();
  }

  @Override
  public String toString() {
    return "Subset(" + Arrays.toString(indices) + ")";
  }
}

package io.jgrad.data;

import java.util.List;
import java.util.Objects;

/**
 * Several datasets end to end, PyTorch's {@code ConcatDataset}.
 *
 * <p>{@code new ConcatDataset<>(List.of(train, extra)).size()} is {@code train.size() +
 * extra.size()}.
 *
 * @param <T> the item type
 */
public final class ConcatDataset<T> implements Dataset<T> {
  private final List<Dataset<T>> datasets;
  private final int[] cumulativeSizes;

  /**
   * Concatenates {@code datasets} in order.
   *
   * <p>{@code new ConcatDataset<>(List.of(a, b))}.
   *
   * @throws IllegalArgumentException with PyTorch's message if {@code datasets} is empty
   */
  public ConcatDataset(List<? extends Dataset<T>> datasets) {
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException("datasets should not be an empty iterable");
    }
    this.datasets = List.copyOf(datasets);
    cumulativeSizes = new int[datasets.size()];
    int total = 0;
    for (int i = 0; i < datasets.size(); i++) {
      total = Math.addExact(total, datasets.get(i).size());
      cumulativeSizes[i] = total;
    }
  }

  @Override
  public T get(int index) {
    Objects.checkIndex(index, size());
    int which = 0;
    while (cumulativeSizes[which] <= index) {
      which++;
    }
    int start = which == 0 ? 0 : cumulativeSizes[which - 1];
    return datasets.get(which).get(index - start);
  }

  @Override
  public int size() {
    return cumulativeSizes[cumulativeSizes.length - 1];
  }
}

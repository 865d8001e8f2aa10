package io.jgrad.data;

import io.jgrad.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * A map-style dataset: items addressed by index, PyTorch's {@code torch.utils.data.Dataset} with
 * {@code __getitem__} and {@code __len__}.
 *
 * <p>{@code Tensor[] row = new TensorDataset(x, y).get(0);}
 *
 * @param <T> the item type ({@code Tensor[]} for a {@link TensorDataset})
 */
public interface Dataset<T> {

  /**
   * Returns item {@code index}.
   *
   * <p>{@code dataset.get(dataset.size() - 1)} is the last item.
   *
   * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, size())}
   */
  T get(int index);

  /**
   * The number of items.
   *
   * <p>{@code new TensorDataset(zeros(5, 2)).size()} is 5.
   */
  int size();

  /**
   * Splits a dataset into non-overlapping random subsets of the given lengths, PyTorch's {@code
   * random_split}: one {@code randperm(sum(lengths), generator)} cut into consecutive pieces.
   *
   * <p>{@code Dataset.randomSplit(ds, new int[] {3, 7}, new Generator().manualSeed(42))} gives
   * PyTorch's index lists [2, 6, 1] and [8, 4, 5, 0, 9, 3, 7].
   *
   * @throws IllegalArgumentException with PyTorch's message if the lengths do not sum to the
   *     dataset's size, or a length is negative
   */
  static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths, Generator generator) {
    int total = 0;
    for (int length : lengths) {
      if (length < 0) {
        throw new IllegalArgumentException(
            "randomSplit: lengths must be non-negative, got " + java.util.Arrays.toString(lengths));
      }
      total += length;
    }
    if (total != dataset.size()) {
      throw new IllegalArgumentException(
          "Sum of input lengths does not equal the length of the input dataset! (lengths "
              + java.util.Arrays.toString(lengths)
              + " sum to "
              + total
              + ", dataset has "
              + dataset.size()
              + ")");
    }
    long[] permutation = generator.randperm(total);
    List<Subset<T>> subsets = new ArrayList<>();
    int offset = 0;
    for (int length : lengths) {
      int[] indices = new int[length];
      for (int i = 0; i < length; i++) {
        indices[i] = (int) permutation[offset + i];
      }
      subsets.add(new Subset<>(dataset, indices));
      offset += length;
    }
    return subsets;
  }

  /**
   * Splits by fractions summing to 1: each split gets {@code floor(size * fraction)} items and the
   * remainder is dealt one at a time round-robin from the first split, as PyTorch does.
   *
   * <p>{@code Dataset.randomSplit(ds, new double[] {0.8, 0.2}, generator)}.
   *
   * @throws IllegalArgumentException if a fraction is outside [0, 1] or they do not sum to 1
   */
  static <T> List<Subset<T>> randomSplit(
      Dataset<T> dataset, double[] fractions, Generator generator) {
    double sum = 0;
    for (double fraction : fractions) {
      sum += fraction;
    }
    // PyTorch: math.isclose(sum, 1) (relative tolerance 1e-9) and sum <= 1.
    if (!(Math.abs(sum - 1) <= 1e-9 * Math.max(1, Math.abs(sum)) && sum <= 1)) {
      throw new IllegalArgumentException(
          "randomSplit: fractions must sum to 1, got "
              + java.util.Arrays.toString(fractions)
              + " (sum "
              + sum
              + ")");
    }
    int[] lengths = new int[fractions.length];
    int assigned = 0;
    for (int i = 0; i < fractions.length; i++) {
      if (fractions[i] < 0 || fractions[i] > 1) {
        throw new IllegalArgumentException(
            "Fraction at index " + i + " is not between 0 and 1 (got " + fractions[i] + ")");
      }
      lengths[i] = (int) Math.floor(dataset.size() * fractions[i]);
      assigned += lengths[i];
    }
    for (int i = 0; i < dataset.size() - assigned; i++) {
      lengths[i % lengths.length]++;
    }
    return randomSplit(dataset, lengths, generator);
  }

  /**
   * {@link #randomSplit(Dataset, int[], Generator)} drawing from the default generator.
   *
   * <p>{@code manualSeed(5); Dataset.randomSplit(ds, new int[] {2, 4})}.
   */
  static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, int[] lengths) {
    return randomSplit(dataset, lengths, Generator.defaultGenerator());
  }

  /**
   * {@link #randomSplit(Dataset, double[], Generator)} drawing from the default generator.
   *
   * <p>{@code Dataset.randomSplit(ds, new double[] {0.9, 0.1})}.
   */
  static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions) {
    return randomSplit(dataset, fractions, Generator.defaultGenerator());
  }
}

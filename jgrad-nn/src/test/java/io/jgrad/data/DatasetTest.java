package io.jgrad.data;

import static io.jgrad.JGrad.arange;
import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Generator;
import io.jgrad.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TensorDataset, Subset, ConcatDataset and randomSplit (against PyTorch's draws). */
class DatasetTest {

  private static List<Long> indices(Subset<?> subset) {
    return Arrays.stream(subset.indices()).mapToLong(i -> i).boxed().toList();
  }

  private static List<Long> golden(String... prefix) {
    return Arrays.stream(Golden.line("data_golden.txt", prefix)).map(Long::parseLong).toList();
  }

  @Test
  void tensorDatasetRowsSliceTheFirstDimension() {
    TensorDataset data = new TensorDataset(arange(0, 6).reshape(3, 2), arange(3));
    Tensor[] row = data.get(1);
    assertThat(data.size()).isEqualTo(3);
    assertThat(row[0].toLongArray()).containsExactly(2, 3);
    assertThat(row[1].dim()).isZero();
    assertThat(row[1].item()).isEqualTo(1.0);
    assertThatThrownBy(() -> data.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void tensorDatasetRejectsDifferentFirstDimensions() {
    assertThatThrownBy(() -> new TensorDataset(zeros(3, 2), zeros(4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Size mismatch between tensors (first dimensions: 3, 4)");
  }

  @Test
  void randomSplitByLengthsMatchesPyTorch() {
    TensorDataset data = new TensorDataset(arange(10));
    List<Subset<Tensor[]>> parts =
        Dataset.randomSplit(data, new int[] {3, 7}, new Generator().manualSeed(42));
    assertThat(indices(parts.get(0))).isEqualTo(golden("split_lengths", "0"));
    assertThat(indices(parts.get(1))).isEqualTo(golden("split_lengths", "1"));
    long second = parts.get(1).get(0)[0].toLongArray()[0];
    assertThat(second).isEqualTo(golden("split_lengths", "1").get(0));
  }

  @Test
  void randomSplitByFractionsDealsRemaindersRoundRobinLikePyTorch() {
    List<Subset<Tensor[]>> parts =
        Dataset.randomSplit(
            new TensorDataset(arange(30)),
            new double[] {0.3, 0.3, 0.4},
            new Generator().manualSeed(42));
    for (int i = 0; i < 3; i++) {
      assertThat(indices(parts.get(i))).isEqualTo(golden("split_fractions", "" + i));
    }
    List<Subset<Tensor[]>> uneven =
        Dataset.randomSplit(
            new TensorDataset(arange(11)),
            new double[] {0.5, 0.25, 0.25},
            new Generator().manualSeed(7));
    assertThat(uneven.stream().map(Subset::size).toList()).containsExactly(6, 3, 2);
    for (int i = 0; i < 3; i++) {
      assertThat(indices(uneven.get(i))).isEqualTo(golden("split_remainder", "" + i));
    }
  }

  @Test
  void randomSplitWithoutGeneratorUsesTheDefaultOne() {
    manualSeed(5);
    List<Subset<Tensor[]>> parts =
        Dataset.randomSplit(new TensorDataset(arange(6)), new int[] {2, 4});
    assertThat(indices(parts.get(0))).isEqualTo(golden("split_default_seed5", "0"));
    assertThat(indices(parts.get(1))).isEqualTo(golden("split_default_seed5", "1"));
  }

  @Test
  void randomSplitRejectsLengthsThatDoNotCoverTheDataset() {
    TensorDataset data = new TensorDataset(arange(5));
    assertThatThrownBy(() -> Dataset.randomSplit(data, new int[] {2, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Sum of input lengths does not equal the length of the input dataset!");
    assertThatThrownBy(() -> Dataset.randomSplit(data, new double[] {0.5, 0.6}))
        .hasMessageContaining("fractions must sum to 1");
  }

  @Test
  void concatDatasetIndexesAcrossParts() {
    TensorDataset a = new TensorDataset(arange(0, 3));
    TensorDataset b = new TensorDataset(arange(10, 12));
    ConcatDataset<Tensor[]> both = new ConcatDataset<>(List.of(a, b));
    assertThat(both.size()).isEqualTo(5);
    assertThat(both.get(2)[0].item()).isEqualTo(2.0);
    assertThat(both.get(3)[0].item()).isEqualTo(10.0);
    assertThatThrownBy(() -> both.get(5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new ConcatDataset<Tensor[]>(List.of()))
        .hasMessage("datasets should not be an empty iterable");
  }

  @Test
  void subsetMapsIndices() {
    Subset<Tensor[]> subset = new Subset<>(new TensorDataset(arange(10, 20)), new int[] {4, 1});
    assertThat(subset.size()).isEqualTo(2);
    assertThat(subset.get(0)[0].item()).isEqualTo(14.0);
    assertThatThrownBy(() -> new Subset<>(new TensorDataset(arange(3)), new int[] {3}))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}

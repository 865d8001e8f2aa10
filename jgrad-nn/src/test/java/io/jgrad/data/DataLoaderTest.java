package io.jgrad.data;

import static io.jgrad.JGrad.arange;
import static io.jgrad.JGrad.manualSeed;
import static io.jgrad.JGrad.randperm;
import static io.jgrad.JGrad.tensor;
import static io.jgrad.JGrad.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Generator;
import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DataLoader batching, and shuffles against PyTorch 2.13's for the same seeds. */
class DataLoaderTest {

  private static List<List<Long>> epoch(DataLoader loader) {
    List<List<Long>> batches = new ArrayList<>();
    for (Tensor[] batch : loader) {
      batches.add(Arrays.stream(batch[0].toLongArray()).boxed().toList());
    }
    return batches;
  }

  private static List<Long> longs(long[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  @Test
  void firstTwoEpochsAfterManualSeedMatchPyTorch() {
    manualSeed(0);
    DataLoader loader = new DataLoader(new TensorDataset(arange(10)), 3, true);
    assertThat(epoch(loader)).isEqualTo(Golden.batches("seed0_bs3", "1"));
    assertThat(epoch(loader)).isEqualTo(Golden.batches("seed0_bs3", "2"));
    // The default generator advanced exactly as PyTorch's did.
    assertThat(longs(randperm(8).toLongArray()))
        .isEqualTo(Golden.batches("seed0_bs3_after", "0").get(0));
  }

  @Test
  void unshuffledEpochStillDrawsTheBaseSeedLikePyTorch() {
    manualSeed(0);
    DataLoader loader = new DataLoader(new TensorDataset(arange(10)), 4);
    assertThat(epoch(loader)).isEqualTo(Golden.batches("seed0_noshuffle", "1"));
    assertThat(longs(randperm(8).toLongArray()))
        .isEqualTo(Golden.batches("seed0_noshuffle_after", "0").get(0));
  }

  @Test
  void dropLastEpochsMatchPyTorch() {
    manualSeed(123);
    DataLoader loader = new DataLoader(new TensorDataset(arange(23)), 5, true, true);
    assertThat(loader.size()).isEqualTo(4);
    assertThat(epoch(loader)).isEqualTo(Golden.batches("seed123_bs5_droplast", "1"));
    assertThat(epoch(loader)).isEqualTo(Golden.batches("seed123_bs5_droplast", "2"));
  }

  @Test
  void explicitGeneratorEpochsMatchPyTorch() {
    Generator generator = new Generator().manualSeed(42);
    DataLoader loader = new DataLoader(new TensorDataset(arange(10)), 4, true, false, generator);
    assertThat(epoch(loader)).isEqualTo(Golden.batches("gen42_bs4", "1"));
    assertThat(epoch(loader)).isEqualTo(Golden.batches("gen42_bs4", "2"));
  }

  @Test
  void everySampleAppearsOnceAndEpochsDiffer() {
    manualSeed(7);
    DataLoader loader = new DataLoader(new TensorDataset(arange(50)), 8, true);
    List<Long> first = epoch(loader).stream().flatMap(List::stream).toList();
    List<Long> second = epoch(loader).stream().flatMap(List::stream).toList();
    assertThat(first).containsExactlyInAnyOrderElementsOf(longs(arange(50).toLongArray()));
    assertThat(second).containsExactlyInAnyOrderElementsOf(first);
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void sameSeedGivesSameOrder() {
    DataLoader loader = new DataLoader(new TensorDataset(arange(20)), 6, true);
    manualSeed(3);
    List<List<Long>> first = epoch(loader);
    manualSeed(3);
    assertThat(epoch(loader)).isEqualTo(first);
  }

  @Test
  void batchesStackRowsAlongANewFirstDimension() {
    Tensor x = arange(0, 14).to(DType.FLOAT32).reshape(7, 2);
    Tensor y = tensor(0L, 1L, 0L, 1L, 0L, 1L, 0L);
    DataLoader loader = new DataLoader(new TensorDataset(x, y), 3);
    List<Tensor[]> batches = new ArrayList<>();
    loader.forEach(batches::add);
    assertThat(loader.size()).isEqualTo(3);
    assertThat(batches).hasSize(3);
    assertThat(batches.get(0)[0].shape().toString()).isEqualTo("Size([3, 2])");
    assertThat(batches.get(0)[0].dtype()).isEqualTo(DType.FLOAT32);
    assertThat(batches.get(0)[1].dtype()).isEqualTo(DType.INT64);
    assertThat(batches.get(2)[0].shape().toString()).isEqualTo("Size([1, 2])");
    assertThat(batches.get(1)[0].toFloatArray()).containsExactly(6f, 7f, 8f, 9f, 10f, 11f);
  }

  @Test
  void genericDatasetsAreCollatedByStacking() {
    TensorDataset base = new TensorDataset(arange(0, 12).reshape(6, 2));
    DataLoader loader = new DataLoader(new Subset<>(base, new int[] {5, 0, 3}), 2);
    List<Tensor[]> batches = new ArrayList<>();
    loader.forEach(batches::add);
    assertThat(batches.get(0)[0].toLongArray()).containsExactly(10, 11, 0, 1);
    assertThat(batches.get(1)[0].shape().toString()).isEqualTo("Size([1, 2])");
  }

  @Test
  void badArgumentsThrow() {
    TensorDataset data = new TensorDataset(zeros(3, 1));
    assertThatThrownBy(() -> new DataLoader(data, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch_size should be a positive integer value, but got batch_size=0");
    assertThatThrownBy(() -> new DataLoader(new TensorDataset(zeros(0, 1)), 2, true))
        .hasMessage("num_samples should be a positive integer value, but got num_samples=0");
    var iterator = new DataLoader(data, 3).iterator();
    iterator.next();
    assertThatThrownBy(iterator::next).isInstanceOf(java.util.NoSuchElementException.class);
  }
}

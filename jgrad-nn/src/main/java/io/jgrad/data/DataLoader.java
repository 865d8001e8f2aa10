package io.jgrad.data;

import static io.jgrad.JGrad.stack;
import static io.jgrad.JGrad.tensor;

import io.jgrad.Generator;
import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Iterates a dataset of tensor rows in batches, PyTorch's single-process {@code DataLoader} with
 * the default collate: each batch stacks the rows' tensors along a new dimension 0.
 *
 * <p>{@code for (Tensor[] batch : new DataLoader(new TensorDataset(x, y), 20, true)) { ... }}
 *
 * <p>Every {@link #iterator()} is a new epoch. Shuffling reproduces PyTorch's random draws exactly,
 * so a seed gives PyTorch's batch order: each epoch first draws the loader's base seed (one 64-bit
 * draw, as {@code _BaseDataLoaderIter} does even without shuffling); a shuffling epoch without a
 * generator then draws a seed from the default generator ({@code random_()} on int64, a 64-bit draw
 * modulo 2^63) and permutes with {@code randperm(n)} of a fresh generator seeded with it; with a
 * generator, {@code randperm(n, generator)} draws from it directly, and when the epoch's indices
 * run out one more {@code randperm(n)} is drawn and discarded, as {@code RandomSampler}'s second
 * {@code yield from} does.
 */
public final class DataLoader implements Iterable<Tensor[]> {
  private final Dataset<Tensor[]> dataset;
  private final int batchSize;
  private final boolean shuffle;
  private final boolean dropLast;
  // null means PyTorch's generator=None: draw from the default generator.
  private final Generator generator;

  /**
   * A loader that keeps the dataset's order.
   *
   * <p>{@code new DataLoader(dataset, 64)}.
   *
   * @throws IllegalArgumentException if {@code batchSize < 1}
   */
  public DataLoader(Dataset<Tensor[]> dataset, int batchSize) {
    this(dataset, batchSize, false, false);
  }

  /**
   * A loader that reshuffles every epoch when {@code shuffle}, drawing from the default generator.
   *
   * <p>{@code new DataLoader(new TensorDataset(x, y), 20, true)}.
   *
   * @throws IllegalArgumentException if {@code batchSize < 1}, or shuffling an empty dataset
   */
  public DataLoader(Dataset<Tensor[]> dataset, int batchSize, boolean shuffle) {
    this(dataset, batchSize, shuffle, false);
  }

  /**
   * As {@link #DataLoader(Dataset, int, boolean)}, dropping a last incomplete batch when {@code
   * dropLast}.
   *
   * <p>{@code new DataLoader(dataset, 32, true, true)}.
   *
   * @throws IllegalArgumentException if {@code batchSize < 1}, or shuffling an empty dataset
   */
  public DataLoader(Dataset<Tensor[]> dataset, int batchSize, boolean shuffle, boolean dropLast) {
    this(dataset, batchSize, shuffle, dropLast, Optional.empty());
  }

  /**
   * As {@link #DataLoader(Dataset, int, boolean, boolean)}, drawing every random number from {@code
   * generator}, PyTorch's {@code generator=} argument.
   *
   * <p>{@code new DataLoader(dataset, 4, true, false, new Generator().manualSeed(42))}.
   *
   * @throws IllegalArgumentException if {@code batchSize < 1}, or shuffling an empty dataset
   */
  public DataLoader(
      Dataset<Tensor[]> dataset,
      int batchSize,
      boolean shuffle,
      boolean dropLast,
      Generator generator) {
    this(dataset, batchSize, shuffle, dropLast, Optional.of(generator));
  }

  private DataLoader(
      Dataset<Tensor[]> dataset,
      int batchSize,
      boolean shuffle,
      boolean dropLast,
      Optional<Generator> generator) {
    this.dataset = Objects.requireNonNull(dataset, "dataset");
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "batch_size should be a positive integer value, but got batch_size=" + batchSize);
    }
    if (shuffle && dataset.size() == 0) {
      throw new IllegalArgumentException(
          "num_samples should be a positive integer value, but got num_samples=0");
    }
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.dropLast = dropLast;
    this.generator = generator.orElse(null);
  }

  /**
   * The number of batches per epoch, PyTorch's {@code len(loader)}.
   *
   * <p>{@code new DataLoader(ds10, 3).size()} is 4; with {@code dropLast} it is 3.
   */
  public int size() {
    int n = dataset.size();
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  /**
   * The dataset being loaded.
   *
   * <p>{@code loader.dataset().size()}.
   */
  public Dataset<Tensor[]> dataset() {
    return dataset;
  }

  /**
   * Starts a new epoch (reshuffling if enabled); batches are {@code Tensor[]} with one stacked
   * tensor per dataset column.
   *
   * <p>{@code Iterator<Tensor[]> epoch = loader.iterator();}
   */
  @Override
  public Iterator<Tensor[]> iterator() {
    Generator source = generator != null ? generator : Generator.defaultGenerator();
    // PyTorch draws _base_seed (for worker seeding) at iterator creation; we keep the draw so
    // later random numbers stay in step with PyTorch.
    source.random64();
    return new Epoch(source);
  }

  /** One pass over the data: PyTorch's sampler iterator plus its BatchSampler. */
  private final class Epoch implements Iterator<Tensor[]> {
    private final Generator source;
    private final int n = dataset.size();
    private long[] order;
    private int position;
    private boolean exhausted;

    Epoch(Generator source) {
      this.source = source;
    }

    /** The sampler's body runs at the first index request, as a Python generator does. */
    private void start() {
      if (order != null) {
        return;
      }
      if (!shuffle) {
        order = new long[n];
        for (int i = 0; i < n; i++) {
          order[i] = i;
        }
      } else if (generator == null) {
        long seed = source.random64() & Long.MAX_VALUE;
        order = new Generator().manualSeed(seed).randperm(n);
      } else {
        order = generator.randperm(n);
      }
    }

    /** Runs the sampler past its last index: RandomSampler then draws randperm(n)[:0]. */
    private void exhaust() {
      if (exhausted) {
        return;
      }
      start();
      if (shuffle && generator != null) {
        generator.randperm(n);
      }
      exhausted = true;
    }

    @Override
    public boolean hasNext() {
      int remaining = n - position;
      if (remaining >= batchSize || (!dropLast && remaining > 0)) {
        return true;
      }
      exhaust();
      return false;
    }

    @Override
    public Tensor[] next() {
      if (!hasNext()) {
        throw new NoSuchElementException("DataLoader: the epoch has no more batches");
      }
      start();
      int count = Math.min(batchSize, n - position);
      long[] indices = java.util.Arrays.copyOfRange(order, position, position + count);
      position += count;
      if (count < batchSize) {
        // A short batch is emitted only after the sampler has run dry.
        exhaust();
      }
      return collate(indices);
    }
  }

  private Tensor[] collate(long[] indices) {
    if (dataset instanceof TensorDataset tensors) {
      // Same values as stacking the rows, in one gather per column.
      Tensor index = tensor(indices);
      List<Tensor> columns = tensors.tensors();
      Tensor[] batch = new Tensor[columns.size()];
      for (int c = 0; c < batch.length; c++) {
        batch[c] = columns.get(c).indexSelect(0, index);
      }
      return batch;
    }
    List<Tensor[]> rows = new ArrayList<>();
    for (long index : indices) {
      rows.add(dataset.get((int) index));
    }
    Tensor[] batch = new Tensor[rows.get(0).length];
    for (int c = 0; c < batch.length; c++) {
      List<Tensor> column = new ArrayList<>();
      for (Tensor[] row : rows) {
        if (row.length != batch.length) {
          throw new IllegalArgumentException(
              "DataLoader: each element in list of batch should be of equal size (got "
                  + batch.length
                  + " and "
                  + row.length
                  + " tensors)");
        }
        column.add(row[c]);
      }
      batch[c] = stack(column, 0);
    }
    return batch;
  }
}

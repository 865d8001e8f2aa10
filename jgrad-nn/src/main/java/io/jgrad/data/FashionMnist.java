package io.jgrad.data;

import static io.jgrad.JGrad.tensor;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The Fashion-MNIST dataset read from its IDX files, like torchvision's {@code
 * datasets.FashionMNIST(root, train, transform=ToTensor())}.
 *
 * <p>{@code FashionMnist train = FashionMnist.train(); Tensor[] item = train.get(0);} gives a
 * float32 [1, 28, 28] image in [0, 1] and its int64 label.
 *
 * <p>Files are looked up as {@code <name>.gz} (gzipped) and then {@code <name>} (plain), with names
 * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}
 * and {@code t10k-labels-idx1-ubyte}.
 */
public final class FashionMnist implements Dataset<Tensor[]> {

  /** Where the files are installed on this project's machines. */
  public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

  /** The class names by label, as torchvision's {@code FashionMNIST.classes}. */
  public static final List<String> CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** Which half of the dataset to read. */
  public enum Split {
    /** The 60,000 training images ({@code train-*} files). */
    TRAIN("train"),
    /** The 10,000 test images ({@code t10k-*} files). */
    TEST("t10k");

    private final String prefix;

    Split(String prefix) {
      this.prefix = prefix;
    }
  }

  private final Split split;
  private final Tensor images;
  private final Tensor labels;
  private final Tensor normalizedImages;

  private FashionMnist(Split split, Tensor images, Tensor labels) {
    this.split = split;
    this.images = images;
    this.labels = labels;
    // ToTensor: float32 division by 255 and a channel dimension.
    this.normalizedImages = images.to(DType.FLOAT32).div(255).unsqueeze(1);
  }

  /**
   * Reads the training split from {@link #DEFAULT_DIRECTORY}.
   *
   * <p>{@code FashionMnist.train().size()} is 60000.
   *
   * @throws IOException as {@link #load(Path, Split, int)}
   */
  public static FashionMnist train() throws IOException {
    return load(DEFAULT_DIRECTORY, Split.TRAIN);
  }

  /**
   * Reads the test split from {@link #DEFAULT_DIRECTORY}.
   *
   * <p>{@code FashionMnist.test().size()} is 10000.
   *
   * @throws IOException as {@link #load(Path, Split, int)}
   */
  public static FashionMnist test() throws IOException {
    return load(DEFAULT_DIRECTORY, Split.TEST);
  }

  /**
   * Reads a whole split from {@code directory}.
   *
   * <p>{@code FashionMnist.load(Path.of("data"), Split.TEST)}.
   *
   * @throws IOException as {@link #load(Path, Split, int)}
   */
  public static FashionMnist load(Path directory, Split split) throws IOException {
    return load(directory, split, Integer.MAX_VALUE);
  }

  /**
   * Reads the first {@code limit} images and labels of a split from {@code directory}.
   *
   * <p>{@code FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, Split.TRAIN, 1000)}.
   *
   * @throws NoSuchFileException naming both file names tried when a file is missing
   * @throws DatasetFormatException naming the file, offset and values for a wrong magic number,
   *     truncated data, a label outside 0-9, or image and label counts that differ
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public static FashionMnist load(Path directory, Split split, int limit) throws IOException {
    Objects.requireNonNull(split, "split");
    if (limit < 0) {
      throw new IllegalArgumentException("FashionMnist: limit must be >= 0, got " + limit);
    }
    Path imageFile = find(directory, split.prefix + "-images-idx3-ubyte");
    Path labelFile = find(directory, split.prefix + "-labels-idx1-ubyte");
    // Only the first `limit` items are read (and checked for truncation).
    IdxFile.Contents imageData = IdxFile.read(imageFile, IdxFile.IMAGES_MAGIC, limit);
    IdxFile.Contents labelData = IdxFile.read(labelFile, IdxFile.LABELS_MAGIC, limit);
    if (imageData.count() != labelData.count()) {
      throw new DatasetFormatException(
          String.format(
              "FashionMnist: %s holds %d images but %s holds %d labels (counts at offset 4)",
              imageFile, imageData.count(), labelFile, labelData.count()));
    }
    int n = imageData.dims()[0];
    int rows = imageData.dims()[1];
    int cols = imageData.dims()[2];
    byte[] pixels = imageData.data();
    long[] labelValues = new long[n];
    for (int i = 0; i < n; i++) {
      labelValues[i] = labelData.data()[i] & 0xFF;
      if (labelValues[i] >= CLASSES.size()) {
        throw new DatasetFormatException(
            String.format(
                "%s: label %d at offset %d is outside 0..%d",
                labelFile, labelValues[i], 8 + i, CLASSES.size() - 1));
      }
    }
    Tensor images =
        Tensor.fromStorage(
            new Storage(DType.UINT8, Device.CPU, pixels, pixels.length),
            Layout.contiguous(n, rows, cols));
    return new FashionMnist(split, images, tensor(labelValues, n));
  }

  private static Path find(Path directory, String name) throws NoSuchFileException {
    Path gzipped = directory.resolve(name + ".gz");
    if (Files.isRegularFile(gzipped)) {
      return gzipped;
    }
    Path plain = directory.resolve(name);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    throw new NoSuchFileException(
        gzipped.toString(),
        plain.toString(),
        "FashionMnist: looked for both the gzipped and the plain file; neither exists");
  }

  /**
   * The raw images, uint8 [N, 28, 28].
   *
   * <p>{@code train.images().shape()} is {@code Size([60000, 28, 28])}.
   */
  public Tensor images() {
    return images;
  }

  /**
   * The labels, int64 [N], values 0 to 9 indexing {@link #CLASSES}.
   *
   * <p>{@code CLASSES.get((int) train.labels().get(0).item())}.
   */
  public Tensor labels() {
    return labels;
  }

  /**
   * The images as float32 [N, 1, 28, 28] in [0, 1], what {@code ToTensor()} makes of each.
   *
   * <p>{@code train.normalizedImages().max().item()} is at most 1.
   */
  public Tensor normalizedImages() {
    return normalizedImages;
  }

  /**
   * Which split was read.
   *
   * <p>{@code FashionMnist.test().split()} is {@code TEST}.
   */
  public Split split() {
    return split;
  }

  /**
   * The normalized images and labels as a dataset for a {@link DataLoader}.
   *
   * <p>{@code new DataLoader(train.toTensorDataset(), 64, true)}.
   */
  public TensorDataset toTensorDataset() {
    return new TensorDataset(normalizedImages, labels);
  }

  /** Item {@code index}: {@code {float32 [1, 28, 28] image, int64 0-d label}}. */
  @Override
  public Tensor[] get(int index) {
    Objects.checkIndex(index, size());
    return new Tensor[] {normalizedImages.get(index), labels.get(index)};
  }

  @Override
  public int size() {
    return (int) labels.size(0);
  }
}

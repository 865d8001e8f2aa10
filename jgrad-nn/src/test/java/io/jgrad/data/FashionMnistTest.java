package io.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fashion-MNIST reader on the installed files and on small corrupt ones. */
class FashionMnistTest {
  @TempDir Path dir;

  private static void assumeInstalled() {
    assumeTrue(
        Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY),
        "Fashion-MNIST is not installed at "
            + FashionMnist.DEFAULT_DIRECTORY
            + "; skipping the tests on the real files");
  }

  private static long pixelSum(Tensor images, int index) {
    long sum = 0;
    for (long value : images.get(index).to(DType.INT64).toLongArray()) {
      sum += value;
    }
    return sum;
  }

  @Test
  void realTrainAndTestSplitsMatchAnIndependentReader() throws IOException {
    assumeInstalled();
    for (String split : new String[] {"train", "test"}) {
      FashionMnist data = split.equals("train") ? FashionMnist.train() : FashionMnist.test();
      int count = Integer.parseInt(Golden.line("fashion_golden.txt", split, "count")[0]);
      assertThat(data.size()).isEqualTo(count);
      assertThat(data.images().shape().toString()).isEqualTo("Size([" + count + ", 28, 28])");
      assertThat(data.images().dtype()).isEqualTo(DType.UINT8);
      assertThat(data.labels().dtype()).isEqualTo(DType.INT64);
      long[] firstLabels = data.labels().slice(0, 0, 10).toLongArray();
      String[] expectedLabels = Golden.line("fashion_golden.txt", split, "labels10");
      for (int i = 0; i < 10; i++) {
        assertThat(firstLabels[i]).isEqualTo(Long.parseLong(expectedLabels[i]));
      }
      for (int index : new int[] {0, 1, count - 1}) {
        long expected =
            Long.parseLong(Golden.line("fashion_golden.txt", split, "pixelsum", "" + index)[0]);
        assertThat(pixelSum(data.images(), index))
            .as("%s image %d", split, index)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void normalizedImagesAreToTensorOutput() throws IOException {
    assumeInstalled();
    FashionMnist data =
        FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, FashionMnist.Split.TRAIN, 3);
    String[] pixel = Golden.line("fashion_golden.txt", "train", "pixel", "0");
    int row = Integer.parseInt(pixel[0]);
    int col = Integer.parseInt(pixel[1]);
    int value = Integer.parseInt(pixel[2]);
    Tensor[] item = data.get(0);
    assertThat(item[0].shape().toString()).isEqualTo("Size([1, 28, 28])");
    assertThat(item[0].dtype()).isEqualTo(DType.FLOAT32);
    assertThat(item[0].select(0, 0).select(0, row).select(0, col).item())
        .isEqualTo((double) (value / 255f));
    assertThat(data.normalizedImages().max().item()).isLessThanOrEqualTo(1.0);
    assertThat(data.normalizedImages().min().item()).isGreaterThanOrEqualTo(0.0);
    assertThat(FashionMnist.CLASSES.get((int) item[1].item())).isEqualTo("Ankle boot");
  }

  @Test
  void limitReadsOnlyTheFirstItems() throws IOException {
    assumeInstalled();
    FashionMnist small =
        FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, FashionMnist.Split.TEST, 5);
    assertThat(small.size()).isEqualTo(5);
    assertThat(small.split()).isEqualTo(FashionMnist.Split.TEST);
    assertThat(small.toTensorDataset().size()).isEqualTo(5);
    long expected = Long.parseLong(Golden.line("fashion_golden.txt", "test", "pixelsum", "1")[0]);
    assertThat(pixelSum(small.images(), 1)).isEqualTo(expected);
  }

  @Test
  void classesAreTorchvisionsNames() {
    assertThat(FashionMnist.CLASSES)
        .containsExactly(
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
  }

  // Small synthetic files: 3 images of 2x2 pixels.

  private static byte[] idx(int magic, int[] dims, int dataBytes) {
    ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + dataBytes);
    buffer.putInt(magic);
    for (int dim : dims) {
      buffer.putInt(dim);
    }
    for (int i = 0; i < dataBytes; i++) {
      buffer.put((byte) (i % 10));
    }
    return buffer.array();
  }

  private void write(String name, byte[] bytes, boolean gzip) throws IOException {
    if (!gzip) {
      Files.write(dir.resolve(name), bytes);
      return;
    }
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(compressed)) {
      out.write(bytes);
    }
    Files.write(dir.resolve(name + ".gz"), compressed.toByteArray());
  }

  private void writeValid(boolean gzip) throws IOException {
    write("train-images-idx3-ubyte", idx(0x803, new int[] {3, 2, 2}, 12), gzip);
    write("train-labels-idx1-ubyte", idx(0x801, new int[] {3}, 3), gzip);
  }

  @Test
  void readsPlainAndGzippedSmallFiles() throws IOException {
    for (boolean gzip : new boolean[] {false, true}) {
      Path sub = Files.createDirectory(dir.resolve(gzip ? "gz" : "plain"));
      dir = sub;
      writeValid(gzip);
      FashionMnist data = FashionMnist.load(sub, FashionMnist.Split.TRAIN);
      assertThat(data.images().shape().toString()).isEqualTo("Size([3, 2, 2])");
      assertThat(data.images().get(1).to(DType.INT64).toLongArray()).containsExactly(4, 5, 6, 7);
      assertThat(data.labels().toLongArray()).containsExactly(0, 1, 2);
      dir = sub.getParent();
    }
  }

  @Test
  void missingFilesNameBothCandidates() throws IOException {
    assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TEST))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte.gz -> " + dir)
        .hasMessageContaining(
            "t10k-images-idx3-ubyte: FashionMnist: looked for both the "
                + "gzipped and the plain file; neither exists");
  }

  @Test
  void wrongMagicNumberReportsExpectedAndFoundInDecimalAndHex() throws IOException {
    writeValid(false);
    write("train-labels-idx1-ubyte", idx(0x803, new int[] {3, 1, 1}, 3), false);
    assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "train-labels-idx1-ubyte: wrong magic number at offset 0: "
                + "expected 2049 (0x00000801), found 2051 (0x00000803)");
  }

  @Test
  void truncatedDataReportsExpectedAndAvailableBytes() throws IOException {
    writeValid(true);
    write("train-images-idx3-ubyte", idx(0x803, new int[] {3, 2, 2}, 10), true);
    assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("train-images-idx3-ubyte.gz: truncated data: expected 12 bytes")
        .hasMessageContaining("only 10 are available");
  }

  @Test
  void truncatedHeaderIsReported() throws IOException {
    writeValid(false);
    write("train-images-idx3-ubyte", new byte[] {0, 0, 8, 3, 0, 0}, false);
    assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("truncated header: expected 4 bytes at offset 4, but only 2");
  }

  @Test
  void labelAndImageCountMismatchIsReported() throws IOException {
    writeValid(false);
    write("train-labels-idx1-ubyte", idx(0x801, new int[] {2}, 2), false);
    assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("holds 3 images but")
        .hasMessageContaining("holds 2 labels");
  }

  @Test
  void labelOutsideTheTenClassesIsReported() throws IOException {
    writeValid(false);
    byte[] labels = idx(0x801, new int[] {3}, 3);
    labels[9] = 12;
    write("train-labels-idx1-ubyte", labels, false);
    assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("label 12 at offset 9 is outside 0..9");
  }

  @Test
  void negativeLimitIsRejected() {
    assertThatThrownBy(() -> FashionMnist.load(dir, FashionMnist.Split.TRAIN, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("FashionMnist: limit must be >= 0, got -1");
  }
}

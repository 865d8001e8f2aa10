package io.jgrad.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the unsigned-byte IDX files of MNIST-style datasets (gzipped or plain). */
final class IdxFile {
  /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
  static final int IMAGES_MAGIC = 0x0803;

  /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
  static final int LABELS_MAGIC = 0x0801;

  private IdxFile() {}

  /**
   * The item count in the header, the dimensions of what was read (first one cut to the limit) and
   * those items' bytes.
   */
  record Contents(int count, int[] dims, byte[] data) {}

  /**
   * Reads at most {@code limit} items (along the first dimension) of the file at {@code path}.
   *
   * @throws DatasetFormatException on a wrong magic number or truncated data
   */
  static Contents read(Path path, int expectedMagic, int limit) throws IOException {
    boolean gzipped = path.getFileName().toString().endsWith(".gz");
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw) {
      int magic = readInt(in, path, 0);
      if (magic != expectedMagic) {
        throw new DatasetFormatException(
            String.format(
                "%s: wrong magic number at offset 0: expected %d (0x%08X), found %d (0x%08X)",
                path, expectedMagic, expectedMagic, magic, magic));
      }
      int rank = expectedMagic & 0xFF;
      int[] dims = new int[rank];
      for (int d = 0; d < rank; d++) {
        dims[d] = readInt(in, path, 4 + 4L * d);
        if (dims[d] < 0) {
          throw new DatasetFormatException(
              String.format(
                  "%s: dimension %d at offset %d is negative (%d)", path, d, 4 + 4 * d, dims[d]));
        }
      }
      long itemBytes = 1;
      for (int d = 1; d < rank; d++) {
        itemBytes *= dims[d];
      }
      int count = dims[0];
      int items = Math.min(count, limit);
      long wanted = itemBytes * items;
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new DatasetFormatException(
            String.format(
                "%s: %d items of %d bytes do not fit in one array", path, items, itemBytes));
      }
      dims[0] = items;
      byte[] data = new byte[(int) wanted];
      int read = in.readNBytes(data, 0, data.length);
      if (read < data.length) {
        long headerBytes = 4 + 4L * rank;
        throw new DatasetFormatException(
            String.format(
                "%s: truncated data: expected %d bytes of data after the %d-byte header (%d items of"
                    + " %d bytes), but only %d are available",
                path, wanted, headerBytes, items, itemBytes, read));
      }
      return new Contents(count, dims, data);
    }
  }

  private static int readInt(InputStream in, Path path, long offset) throws IOException {
    byte[] bytes = in.readNBytes(4);
    if (bytes.length < 4) {
      throw new DatasetFormatException(
          String.format(
              "%s: truncated header: expected 4 bytes at offset %d, but only %d are available",
              path, offset, bytes.length));
    }
    // IDX stores integers big-endian.
    return ((bytes[0] & 0xFF) << 24)
        | ((bytes[1] & 0xFF) << 16)
        | ((bytes[2] & 0xFF) << 8)
        | (bytes[3] & 0xFF);
  }
}

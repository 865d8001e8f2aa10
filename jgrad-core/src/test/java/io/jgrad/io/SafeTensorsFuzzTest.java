package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deterministic mutation fuzzing of the reader: every mutant of a valid file either loads or is
 * refused with an IOException, never another exception or an OutOfMemoryError, and nothing loaded
 * is larger than the file. A fixed number of iterations from a fixed seed, so CI time is bounded
 * and any failure reproduces from the iteration number printed.
 */
class SafeTensorsFuzzTest {
  private static final long SEED = 0x5afe7e45L;
  private static final int ITERATIONS_PER_SEED_FILE = 1000;
  private static final List<String> SEED_FILES =
      List.of("spec_vector", "all_dtypes", "sequential", "odd_names", "handmade");
  private static final long[] INTERESTING_NUMBERS = {
    0, 1, 7, 8, 255, 65535, Integer.MAX_VALUE, 1L << 32, Long.MAX_VALUE, -1, Long.MIN_VALUE
  };

  @TempDir Path dir;

  @Test
  void mutatedFilesLoadOrFailWithIOException() throws IOException {
    SplittableRandom random = new SplittableRandom(SEED);
    Path mutant = dir.resolve("mutant.safetensors");
    int loaded = 0;
    int refused = 0;
    for (String seedFile : SEED_FILES) {
      byte[] original =
          Files.readAllBytes(SafeTensorsReferenceTest.resource(seedFile + ".safetensors"));
      for (int i = 0; i < ITERATIONS_PER_SEED_FILE; i++) {
        byte[] bytes = mutate(original, random);
        Files.write(mutant, bytes);
        try {
          checkLoaded(mutant, bytes.length);
          loaded++;
        } catch (IOException expected) {
          refused++;
        } catch (Throwable unexpected) {
          throw new AssertionError(
              String.format(
                  "mutant %d of %s threw %s instead of an IOException; bytes: %s",
                  i, seedFile, unexpected, HexFormat.of().formatHex(bytes)),
              unexpected);
        }
      }
    }
    // Both outcomes must occur, or the mutations are too weak (or too destructive) to test much.
    assertThat(loaded).isPositive();
    assertThat(refused).isPositive();
    assertThat(loaded + refused).isEqualTo(SEED_FILES.size() * ITERATIONS_PER_SEED_FILE);
  }

  /** Loads every tensor and checks that none holds more bytes than the file. */
  private static void checkLoaded(Path path, long fileSize) throws IOException {
    try (SafeTensorsFile f = SafeTensors.open(path)) {
      for (String name : f.keys()) {
        Tensor t = f.get(name);
        long storedBytes = (long) t.numel() * f.dtype(name).bits() / 8;
        assertThat(storedBytes).isLessThanOrEqualTo(fileSize);
        assertThat(t.shape().toLongArray()).containsExactly(f.shape(name));
      }
    }
  }

  private static byte[] mutate(byte[] original, SplittableRandom random) {
    byte[] bytes = original.clone();
    int headerEnd = (int) Math.min(bytes.length, 8 + headerLength(bytes));
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      bytes =
          switch (random.nextInt(7)) {
            case 0 -> flipBit(bytes, random, bytes.length);
            case 1 -> flipBit(bytes, random, headerEnd);
            case 2 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 3 -> setLengthField(bytes, random);
            case 4 -> editNumber(bytes, random, headerEnd);
            case 5 -> replaceStructuralChar(bytes, random, headerEnd);
            default -> Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(16));
          };
      headerEnd = Math.min(headerEnd, bytes.length);
    }
    return bytes;
  }

  private static long headerLength(byte[] bytes) {
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
  }

  private static byte[] flipBit(byte[] bytes, SplittableRandom random, int within) {
    if (within > 0) {
      int at = random.nextInt(within);
      bytes[at] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }

  private static byte[] setLengthField(byte[] bytes, SplittableRandom random) {
    if (bytes.length < 8) {
      return bytes;
    }
    long n = headerLength(bytes);
    long value =
        switch (random.nextInt(3)) {
          case 0 -> INTERESTING_NUMBERS[random.nextInt(INTERESTING_NUMBERS.length)];
          case 1 -> n + random.nextInt(-9, 10);
          default -> random.nextLong();
        };
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, value);
    return bytes;
  }

  /** Replaces one run of ASCII digits in the header with another number, resizing the file. */
  private static byte[] editNumber(byte[] bytes, SplittableRandom random, int headerEnd) {
    if (headerEnd <= 8) {
      return bytes;
    }
    int start = 8 + random.nextInt(headerEnd - 8);
    while (start < headerEnd && !isDigit(bytes[start])) {
      start++;
    }
    int end = start;
    while (end < headerEnd && isDigit(bytes[end])) {
      end++;
    }
    if (start == end) {
      return bytes;
    }
    String replacement =
        switch (random.nextInt(4)) {
          case 0 -> Long.toString(INTERESTING_NUMBERS[random.nextInt(INTERESTING_NUMBERS.length)]);
          case 1 -> Long.toString(random.nextInt(64));
          case 2 -> "18446744073709551616";
          default -> random.nextBoolean() ? "1.5" : "2e3";
        };
    byte[] insert = replacement.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[bytes.length - (end - start) + insert.length];
    System.arraycopy(bytes, 0, out, 0, start);
    System.arraycopy(insert, 0, out, start, insert.length);
    System.arraycopy(bytes, end, out, start + insert.length, bytes.length - end);
    // Keep the length field consistent half of the time, so edits reach the deeper checks.
    if (random.nextBoolean()) {
      long n = headerLength(out) + insert.length - (end - start);
      ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
    }
    return out;
  }

  private static byte[] replaceStructuralChar(
      byte[] bytes, SplittableRandom random, int headerEnd) {
    if (headerEnd <= 8) {
      return bytes;
    }
    byte[] structural = "{}[]\":,\\ -0".getBytes(StandardCharsets.US_ASCII);
    bytes[8 + random.nextInt(headerEnd - 8)] = structural[random.nextInt(structural.length)];
    return bytes;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}

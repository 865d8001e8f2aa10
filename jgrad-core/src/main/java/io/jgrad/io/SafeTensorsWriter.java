package io.jgrad.io;

import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.ops.Checks;
import java.io.File;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes safetensors files byte-identical to {@code safetensors.torch.save_file}'s, atomically.
 *
 * <p>{@code SafeTensorsWriter.write(tensors, Optional.empty(), path, WriteHook.NONE)}. The bytes go
 * to a temporary file in the target's directory, are forced to disk, and the file is renamed over
 * the target in one step, so readers see either the old file or the complete new one.
 */
final class SafeTensorsWriter {
  /** Bytes staged per write call; bounds the writer's memory whatever the tensor size. */
  private static final int CHUNK_BYTES = 1 << 20;

  private SafeTensorsWriter() {}

  /** Called before each tensor's bytes are written; tests use it to inject failures. */
  @FunctionalInterface
  interface WriteHook {
    WriteHook NONE = name -> {};

    void beforeTensor(String name) throws IOException;
  }

  private record Planned(String name, byte[] utf8Name, Tensor tensor, SafeTensorsDType dtype) {}

  static void write(
      Map<String, Tensor> tensors,
      Optional<Map<String, String>> metadata,
      Path path,
      WriteHook hook)
      throws IOException {
    List<Planned> plan = plan(tensors);
    byte[] header = header(plan, metadata);
    Path target = path.toAbsolutePath();
    Path directory = target.getParent();
    Path temp = createTemp(directory, target.getFileName().toString());
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer lengthField = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        writeFully(out, lengthField.putLong(0, header.length));
        writeFully(out, ByteBuffer.wrap(header));
        try (Arena arena = Arena.ofConfined()) {
          MemorySegment chunk = arena.allocate(CHUNK_BYTES, 8);
          for (Planned p : plan) {
            hook.beforeTensor(p.name());
            writeTensor(out, p, chunk);
          }
        }
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException deleteFailure) {
        e.addSuppressed(deleteFailure);
      }
      throw e;
    }
    syncDirectory(directory);
  }

  /** Checks names and orders tensors as the reference writer does: wide dtypes first, then name. */
  private static List<Planned> plan(Map<String, Tensor> tensors) {
    List<Planned> plan = new ArrayList<>(tensors.size());
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = e.getKey();
      Checks.checkArgument(name != null, "safetensors: tensor names must not be null");
      Checks.checkArgument(!name.isEmpty(), "safetensors: tensor names must not be empty");
      Checks.checkArgument(
          !name.equals(Header.METADATA_KEY),
          "safetensors: `%s` is reserved for metadata and cannot name a tensor",
          Header.METADATA_KEY);
      Checks.checkArgument(e.getValue() != null, "safetensors: tensor `%s` is null", name);
      plan.add(
          new Planned(
              name,
              name.getBytes(StandardCharsets.UTF_8),
              e.getValue(),
              SafeTensorsDType.of(e.getValue().dtype())));
    }
    // Rust compares names as UTF-8 bytes; String.compareTo (UTF-16) differs for some code points.
    plan.sort(
        Comparator.comparing(Planned::dtype, Comparator.reverseOrder())
            .thenComparing(Planned::utf8Name, Arrays::compareUnsigned));
    return plan;
  }

  /** The compact JSON header, padded with spaces to a multiple of 8 bytes. */
  private static byte[] header(List<Planned> plan, Optional<Map<String, String>> metadata) {
    StringBuilder json = new StringBuilder("{");
    if (metadata.isPresent()) {
      Json.appendString(json, Header.METADATA_KEY);
      json.append(":{");
      String separator = "";
      for (Map.Entry<String, String> e : metadata.get().entrySet()) {
        Checks.checkArgument(
            e.getKey() != null && e.getValue() != null,
            "safetensors: metadata keys and values must not be null, got %s=%s",
            e.getKey(),
            e.getValue());
        json.append(separator);
        Json.appendString(json, e.getKey());
        json.append(':');
        Json.appendString(json, e.getValue());
        separator = ",";
      }
      json.append('}');
    }
    long offset = 0;
    for (Planned p : plan) {
      if (json.length() > 1) {
        json.append(',');
      }
      long bytes = (long) p.tensor().numel() * p.tensor().dtype().itemSize();
      Json.appendString(json, p.name());
      json.append(":{\"dtype\":\"").append(p.dtype().name()).append("\",\"shape\":[");
      int[] shape = p.tensor().shape().toIntArray();
      for (int i = 0; i < shape.length; i++) {
        json.append(i == 0 ? "" : ",").append(shape[i]);
      }
      json.append("],\"data_offsets\":[").append(offset).append(',').append(offset + bytes);
      json.append("]}");
      offset += bytes;
    }
    json.append('}');
    byte[] utf8 = json.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (utf8.length + 7) / 8 * 8;
    Checks.checkArgument(
        padded <= Header.MAX_HEADER_LENGTH,
        "safetensors: header of %s bytes exceeds the limit of %s bytes",
        padded,
        Header.MAX_HEADER_LENGTH);
    byte[] out = Arrays.copyOf(utf8, padded);
    Arrays.fill(out, utf8.length, padded, (byte) ' ');
    return out;
  }

  /** Writes the tensor's logical row-major contents, little-endian, whatever its strides. */
  private static void writeTensor(FileChannel out, Planned p, MemorySegment chunk)
      throws IOException {
    Tensor t = p.tensor().detach().to(Device.CPU).contiguous();
    int n = t.numel();
    int start = t.layout().offset();
    Object array = t.storage().data();
    ValueLayout element = elementLayout(p.dtype());
    int perChunk = CHUNK_BYTES / (int) element.byteSize();
    for (int done = 0; done < n; ) {
      int count = Math.min(perChunk, n - done);
      switch (array) {
        case float[] a -> MemorySegment.copy(a, start + done, chunk, element, 0, count);
        case double[] a -> MemorySegment.copy(a, start + done, chunk, element, 0, count);
        case long[] a -> MemorySegment.copy(a, start + done, chunk, element, 0, count);
        case int[] a -> MemorySegment.copy(a, start + done, chunk, element, 0, count);
        case byte[] a -> MemorySegment.copy(a, start + done, chunk, element, 0, count);
        default ->
            throw new IllegalStateException(
                "safetensors: unexpected CPU storage " + array.getClass().getSimpleName());
      }
      writeFully(out, chunk.asSlice(0, count * element.byteSize()).asByteBuffer());
      done += count;
    }
  }

  private static ValueLayout elementLayout(SafeTensorsDType dtype) {
    return switch (dtype) {
      case F32 -> ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
      case F64 -> ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
      case I64 -> ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
      case I32 -> ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
      case U8, BOOL -> ValueLayout.JAVA_BYTE;
      default -> throw new IllegalStateException("safetensors: jgrad never writes " + dtype);
    };
  }

  /**
   * Creates an empty file {@code .<name>.<random>.tmp} beside the target. Not {@link
   * Files#createTempFile}: that makes the file owner-only (0600), which the rename would then
   * impose on the saved weights.
   */
  private static Path createTemp(Path directory, String fileName) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp =
          directory.resolve(
              "."
                  + fileName
                  + "."
                  + Long.toHexString(ThreadLocalRandom.current().nextLong())
                  + ".tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 16) {
          throw e;
        }
      }
    }
  }

  /**
   * Forces the directory entry of the rename to disk, so a crash just after {@code save} returns
   * cannot bring back the old file. POSIX only: Windows cannot open a directory as a channel, and
   * there NTFS journals the rename itself.
   */
  private static void syncDirectory(Path directory) throws IOException {
    if (File.separatorChar == '/') {
      try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
        dir.force(true);
      }
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }
}

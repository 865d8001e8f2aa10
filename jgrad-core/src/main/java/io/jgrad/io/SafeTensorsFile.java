package io.jgrad.io;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import io.jgrad.backend.Layout;
import io.jgrad.backend.Storage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * An open safetensors file whose tensors are read one at a time, on demand.
 *
 * <p>{@code try (var f = SafeTensors.open(path)) { Tensor w = f.get("0.weight"); }}
 *
 * <p>Opening reads and validates only the header. {@link #get(String)} maps just that tensor's byte
 * range ({@link FileChannel#map} into a confined {@link Arena}, so files beyond 2 GiB work and the
 * mapping is released before {@code get} returns) and copies it into a new CPU tensor. Reads may
 * run from several threads at once; {@link #close()} must not race them.
 */
public final class SafeTensorsFile implements AutoCloseable {
  private static final ValueLayout.OfFloat F32 =
      ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfDouble F64 =
      ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt I32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort I16 =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Path path;
  private final FileChannel channel;
  private final Header header;

  private SafeTensorsFile(Path path, FileChannel channel, Header header) {
    this.path = path;
    this.channel = channel;
    this.header = header;
  }

  /** Opens and validates {@code path}; see {@link SafeTensors#open(Path)}. */
  static SafeTensorsFile open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new SafeTensorsFile(path, channel, Header.read(channel, path));
    } catch (IOException | RuntimeException | Error e) {
      try {
        channel.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  /**
   * The file this was opened from.
   *
   * <p>{@code f.path()}.
   */
  public Path path() {
    return path;
  }

  /**
   * Tensor names in header order.
   *
   * <p>{@code f.keys()} is {@code [weight, bias]}.
   */
  public Set<String> keys() {
    return header.entries().keySet();
  }

  /**
   * Whether the file holds a tensor called {@code name}.
   *
   * <p>{@code f.contains("bias")}.
   */
  public boolean contains(String name) {
    return header.entries().containsKey(name);
  }

  /**
   * The {@code __metadata__} strings, in file order; empty when the file has none.
   *
   * <p>{@code f.metadata().get("format")} is {@code "pt"} for files from {@code save_file}.
   */
  public Map<String, String> metadata() {
    return header.metadata().orElse(Map.of());
  }

  /** Whether the header has a {@code __metadata__} entry (possibly empty). */
  public boolean hasMetadata() {
    return header.metadata().isPresent();
  }

  /**
   * The shape of {@code name} as stored; {@code long} because files may describe tensors larger
   * than a jgrad tensor can hold.
   *
   * <p>{@code f.shape("weight")} is {@code [2, 3]}.
   *
   * @throws IllegalArgumentException if the file has no such tensor
   */
  public long[] shape(String name) {
    return entry(name).shape().clone();
  }

  /**
   * The stored element type of {@code name}.
   *
   * <p>{@code f.dtype("weight")} is {@code F32}.
   */
  public SafeTensorsDType dtype(String name) {
    return entry(name).dtype();
  }

  /**
   * Reads tensor {@code name} into a new CPU tensor of its default dtype (F16 and BF16 become
   * float32).
   *
   * <p>{@code Tensor w = f.get("0.weight");}
   *
   * @throws IllegalArgumentException if the file has no such tensor
   * @throws SafeTensorsFormatException if its dtype or size is beyond what jgrad holds
   * @throws IOException if reading fails
   */
  public Tensor get(String name) throws IOException {
    return decode(entry(name));
  }

  /**
   * Reads tensor {@code name} and converts it to {@code dtype}.
   *
   * <p>{@code f.get("w16", DType.FLOAT64)} widens an F16 tensor to float64 (exactly).
   */
  public Tensor get(String name, DType dtype) throws IOException {
    return get(name).to(dtype);
  }

  /**
   * Reads tensor {@code name} onto {@code device}.
   *
   * <p>{@code f.get("w", Device.of("cuda"))}.
   */
  public Tensor get(String name, Device device) throws IOException {
    return get(name).to(device);
  }

  /** Closes the underlying file; tensors already read stay valid. */
  @Override
  public void close() throws IOException {
    channel.close();
  }

  private Header.Entry entry(String name) {
    Header.Entry e = header.entries().get(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "safetensors: file does not contain tensor `" + name + "` (" + path + ")");
    }
    return e;
  }

  private Tensor decode(Header.Entry e) throws IOException {
    if (!e.dtype().isLoadable()) {
      throw new SafeTensorsFormatException(
          String.format(
              "safetensors: tensor `%s` has dtype %s, which jgrad cannot load; supported: %s (%s)",
              e.name(), e.dtype(), SafeTensorsDType.loadableNames(), path));
    }
    int[] shape = intShape(e);
    int n = Layout.contiguous(shape).numel();
    DType dtype = e.dtype().defaultDType().orElseThrow();
    Storage storage = Storage.cpu(dtype, n);
    if (n > 0) {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment bytes =
            channel.map(
                FileChannel.MapMode.READ_ONLY,
                header.dataStart() + e.begin(),
                e.byteLength(),
                arena);
        copy(e.dtype(), bytes, storage.data(), n);
      }
    }
    return Tensor.fromStorage(storage, Layout.contiguous(shape));
  }

  private int[] intShape(Header.Entry e) throws SafeTensorsFormatException {
    long[] shape = e.shape();
    int[] out = new int[shape.length];
    long numel = 1;
    for (int i = 0; i < shape.length; i++) {
      numel *= shape[i];
      if (shape[i] > Integer.MAX_VALUE || numel > Integer.MAX_VALUE) {
        throw new SafeTensorsFormatException(
            String.format(
                "safetensors: tensor `%s` of shape %s is too large for jgrad, whose tensors hold "
                    + "at most %d elements (%s)",
                e.name(), Arrays.toString(shape), Integer.MAX_VALUE, path));
      }
      out[i] = (int) shape[i];
    }
    return out;
  }

  private static void copy(SafeTensorsDType type, MemorySegment bytes, Object array, int n) {
    switch (type) {
      case F32 -> MemorySegment.copy(bytes, F32, 0, (float[]) array, 0, n);
      case F64 -> MemorySegment.copy(bytes, F64, 0, (double[]) array, 0, n);
      case I64 -> MemorySegment.copy(bytes, I64, 0, (long[]) array, 0, n);
      case I32 -> MemorySegment.copy(bytes, I32, 0, (int[]) array, 0, n);
      case U8 -> MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, 0, (byte[]) array, 0, n);
      case BOOL -> {
        byte[] out = (byte[]) array;
        // jgrad's bool kernels assume 0/1 bytes; torch writes only those, but a file may not.
        for (int i = 0; i < n; i++) {
          out[i] = (byte) (bytes.get(ValueLayout.JAVA_BYTE, i) != 0 ? 1 : 0);
        }
      }
      case F16 -> {
        float[] out = (float[]) array;
        for (int i = 0; i < n; i++) {
          out[i] = Float.float16ToFloat(bytes.getAtIndex(I16, i));
        }
      }
      case BF16 -> {
        float[] out = (float[]) array;
        // bfloat16 is the upper half of a float32's bits, so widening is exact.
        for (int i = 0; i < n; i++) {
          out[i] = Float.intBitsToFloat((bytes.getAtIndex(I16, i) & 0xFFFF) << 16);
        }
      }
      default -> throw new IllegalStateException("safetensors: no decoder for dtype " + type);
    }
  }
}

package io.jgrad.backend;

import io.jgrad.DType;
import io.jgrad.Device;

/**
 * A flat buffer of elements of one dtype on one device; tensors are strided views of it.
 *
 * <p>On the CPU the buffer is a primitive array: {@code float[]} for float32, {@code double[]} for
 * float64, {@code long[]} for int64, {@code int[]} for int32 and {@code byte[]} for uint8 and bool.
 * Kernels cast {@link #data()} to the array type of {@link #dtype()}.
 */
public final class Storage {
  private final DType dtype;
  private final Device device;
  private final Object data;
  private final int size;
  private final long serial;

  /** Storages of at least this many elements are numbered (see {@link #serial}). */
  public static final int NUMBERED_SIZE = 4096;

  private static final java.util.concurrent.atomic.AtomicLong SERIALS =
      new java.util.concurrent.atomic.AtomicLong();

  /** Wraps an existing buffer; {@code data}'s type must match {@code dtype}. */
  public Storage(DType dtype, Device device, Object data, int size) {
    this.dtype = dtype;
    this.device = device;
    this.data = data;
    this.size = size;
    this.serial = size >= NUMBERED_SIZE ? SERIALS.incrementAndGet() : 0;
  }

  /**
   * A number that grows with every storage of at least {@link #NUMBERED_SIZE} elements created in
   * this JVM (0 for smaller ones). The autograd engine compares it with {@link #lastSerial()} taken
   * when a backward pass starts: a larger one was made during that pass, so no user tensor and no
   * saved tensor can share it, and a leaf may keep it as its gradient without a copy.
   *
   * <p>{@code boolean madeSince = g.storage().serial() > mark;}
   */
  public long serial() {
    return serial;
  }

  /**
   * The serial of the most recent numbered storage.
   *
   * <p>{@code long mark = Storage.lastSerial();}
   */
  public static long lastSerial() {
    return SERIALS.get();
  }

  /**
   * A zero-filled CPU storage of {@code size} elements.
   *
   * <p>{@code Storage.cpu(FLOAT32, 4)}.
   */
  public static Storage cpu(DType dtype, int size) {
    Object data =
        switch (dtype) {
          case FLOAT32 -> new float[size];
          case FLOAT64 -> new double[size];
          case INT64 -> new long[size];
          case INT32 -> new int[size];
          case UINT8, BOOL -> new byte[size];
        };
    return new Storage(dtype, Device.CPU, data, size);
  }

  /**
   * A CPU storage whose float32/float64 contents are unspecified, for outputs a kernel writes in
   * full; other dtypes are zero-filled.
   *
   * <p>{@code Storage.cpuUninitialized(FLOAT32, 2000)}.
   */
  public static Storage cpuUninitialized(DType dtype, int size) {
    return switch (dtype) {
      case FLOAT32 -> new Storage(dtype, Device.CPU, UninitializedArrays.floats(size), size);
      case FLOAT64 -> new Storage(dtype, Device.CPU, UninitializedArrays.doubles(size), size);
      default -> cpu(dtype, size);
    };
  }

  /** Element type. */
  public DType dtype() {
    return dtype;
  }

  /** Where the buffer lives. */
  public Device device() {
    return device;
  }

  /** The backing buffer (a primitive array on the CPU). */
  public Object data() {
    return data;
  }

  /** Number of elements. */
  public int size() {
    return size;
  }

  /** Reads element {@code i} as a double (slow path for generic code; CPU only). */
  public double getDouble(int i) {
    return switch (dtype) {
      case FLOAT32 -> ((float[]) data)[i];
      case FLOAT64 -> ((double[]) data)[i];
      case INT64 -> ((long[]) data)[i];
      case INT32 -> ((int[]) data)[i];
      case UINT8 -> ((byte[]) data)[i] & 0xFF;
      case BOOL -> ((byte[]) data)[i] != 0 ? 1 : 0;
    };
  }

  /** Reads element {@code i} as a long, truncating floats toward zero (CPU only). */
  public long getLong(int i) {
    return switch (dtype) {
      case FLOAT32 -> (long) ((float[]) data)[i];
      case FLOAT64 -> (long) ((double[]) data)[i];
      case INT64 -> ((long[]) data)[i];
      case INT32 -> ((int[]) data)[i];
      case UINT8 -> ((byte[]) data)[i] & 0xFF;
      case BOOL -> ((byte[]) data)[i] != 0 ? 1 : 0;
    };
  }

  /** Writes element {@code i} from a double, converting as a C cast would (CPU only). */
  public void setDouble(int i, double value) {
    switch (dtype) {
      case FLOAT32 -> ((float[]) data)[i] = (float) value;
      case FLOAT64 -> ((double[]) data)[i] = value;
      case INT64 -> ((long[]) data)[i] = (long) value;
      case INT32 -> ((int[]) data)[i] = (int) value;
      case UINT8 -> ((byte[]) data)[i] = (byte) (long) value;
      case BOOL -> ((byte[]) data)[i] = (byte) (value != 0 ? 1 : 0);
    }
  }

  /** Writes element {@code i} from a long (CPU only). */
  public void setLong(int i, long value) {
    switch (dtype) {
      case FLOAT32 -> ((float[]) data)[i] = (float) value;
      case FLOAT64 -> ((double[]) data)[i] = (double) value;
      case INT64 -> ((long[]) data)[i] = value;
      case INT32 -> ((int[]) data)[i] = (int) value;
      case UINT8 -> ((byte[]) data)[i] = (byte) value;
      case BOOL -> ((byte[]) data)[i] = (byte) (value != 0 ? 1 : 0);
    }
  }
}

package io.jgrad.io;

import io.jgrad.DType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The element types a safetensors file can name, as spelled in its header ({@code "F32"}).
 *
 * <p>{@code file.dtype("weight")} is {@code SafeTensorsDType.F32}. jgrad loads F64, F32, F16, BF16,
 * I64, I32, U8 and BOOL ({@link #isLoadable()}); the others are recognised so that files holding
 * them still open and the error for them names the type. The constant order is the reference
 * implementation's ({@code safetensors/src/tensor.rs}), which its writer sorts by.
 */
public enum SafeTensorsDType {
  /** Boolean, one byte (0 or 1). */
  BOOL(8, DType.BOOL),
  /** 4-bit float (bit-packed). */
  F4(4, null),
  /** 6-bit float E2M3 (bit-packed). */
  F6_E2M3(6, null),
  /** 6-bit float E3M2 (bit-packed). */
  F6_E3M2(6, null),
  /** Unsigned 8-bit integer. */
  U8(8, DType.UINT8),
  /** Signed 8-bit integer. */
  I8(8, null),
  /** 8-bit float E5M2. */
  F8_E5M2(8, null),
  /** 8-bit float E4M3. */
  F8_E4M3(8, null),
  /** 8-bit exponent-only float E8M0. */
  F8_E8M0(8, null),
  /** 8-bit float E4M3, no negative zero. */
  F8_E4M3FNUZ(8, null),
  /** 8-bit float E5M2, no negative zero. */
  F8_E5M2FNUZ(8, null),
  /** Signed 16-bit integer. */
  I16(16, null),
  /** Unsigned 16-bit integer. */
  U16(16, null),
  /** IEEE half precision; loads as float32. */
  F16(16, DType.FLOAT32),
  /** bfloat16 (upper half of a float32); loads as float32. */
  BF16(16, DType.FLOAT32),
  /** Signed 32-bit integer. */
  I32(32, DType.INT32),
  /** Unsigned 32-bit integer. */
  U32(32, null),
  /** IEEE single precision. */
  F32(32, DType.FLOAT32),
  /** Complex of two F32. */
  C64(64, null),
  /** IEEE double precision. */
  F64(64, DType.FLOAT64),
  /** Signed 64-bit integer. */
  I64(64, DType.INT64),
  /** Unsigned 64-bit integer. */
  U64(64, null);

  private final int bits;
  private final DType loadsAs;

  SafeTensorsDType(int bits, DType loadsAs) {
    this.bits = bits;
    this.loadsAs = loadsAs;
  }

  /**
   * Bits per element.
   *
   * <p>{@code SafeTensorsDType.BF16.bits()} is 16.
   */
  public int bits() {
    return bits;
  }

  /** Whether jgrad can turn tensors of this type into a {@code Tensor}. */
  public boolean isLoadable() {
    return loadsAs != null;
  }

  /**
   * The jgrad dtype a tensor of this type loads as by default.
   *
   * <p>{@code SafeTensorsDType.F16.defaultDType()} is {@code Optional.of(FLOAT32)}; empty for types
   * jgrad cannot load.
   */
  public Optional<DType> defaultDType() {
    return Optional.ofNullable(loadsAs);
  }

  /**
   * The file type jgrad writes for {@code dtype}.
   *
   * <p>{@code of(DType.INT64)} is {@link #I64}.
   */
  public static SafeTensorsDType of(DType dtype) {
    return switch (dtype) {
      case BOOL -> BOOL;
      case UINT8 -> U8;
      case INT32 -> I32;
      case INT64 -> I64;
      case FLOAT32 -> F32;
      case FLOAT64 -> F64;
    };
  }

  /** The header spelling of this type, or empty when {@code name} names none. */
  static Optional<SafeTensorsDType> fromHeaderName(String name) {
    for (SafeTensorsDType t : values()) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** All header spellings, for error messages. */
  static String allNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** The spellings jgrad can load, for error messages. */
  static String loadableNames() {
    return Arrays.stream(values())
        .filter(SafeTensorsDType::isLoadable)
        .map(Enum::name)
        .collect(Collectors.joining(", "));
  }
}

package io.jgrad;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * A {@link Generator}'s full state, and its codec to and from PyTorch's 5056-byte {@code
 * get_rng_state()} blob ({@code CPUGeneratorImplState} in ATen/CPUGeneratorImpl.cpp).
 *
 * <p>{@code GeneratorState.fromBytes(g.getState())} decodes and validates a blob.
 *
 * <p>Layout, little-endian, by byte offset: 0 u64 seed; 8 i32 left; 12 i32 seeded flag; 16 u64
 * next; 24 624 u64 slots, one MT word each; 5016 f64 normal_x (unused); 5024 f64 cached double
 * normal; 5032 f64 normal_rho (unused); 5040 i32 double-cache flag; 5048 f32 cached float normal;
 * 5052 u8 float-cache flag; padding to 5056.
 */
record GeneratorState(
    long seed,
    int left,
    int next,
    int[] words,
    boolean hasCachedDoubleNormal,
    double cachedDoubleNormal,
    boolean hasCachedFloatNormal,
    float cachedFloatNormal) {

  static final int SIZE = 5056;
  private static final int WORDS_AT = 24;
  private static final int DOUBLE_NORMAL_AT = 5024;
  private static final int DOUBLE_FLAG_AT = 5040;
  private static final int FLOAT_NORMAL_AT = 5048;
  private static final int FLOAT_FLAG_AT = 5052;

  byte[] toBytes() {
    ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(0, seed);
    buffer.putInt(8, left);
    buffer.putInt(12, 1);
    buffer.putLong(16, next);
    for (int i = 0; i < MersenneTwister.N; i++) {
      buffer.putLong(WORDS_AT + 8 * i, Integer.toUnsignedLong(words[i]));
    }
    // normal_x and normal_rho stay 0: PyTorch also writes dummies there.
    buffer.putDouble(DOUBLE_NORMAL_AT, hasCachedDoubleNormal ? cachedDoubleNormal : 0.0);
    buffer.putInt(DOUBLE_FLAG_AT, hasCachedDoubleNormal ? 1 : 0);
    buffer.putFloat(FLOAT_NORMAL_AT, hasCachedFloatNormal ? cachedFloatNormal : 0f);
    buffer.put(FLOAT_FLAG_AT, (byte) (hasCachedFloatNormal ? 1 : 0));
    return buffer.array();
  }

  /**
   * Decodes a blob, with PyTorch's validity checks plus one that keeps reads inside the state.
   *
   * @throws IllegalArgumentException naming the bad field and its value
   */
  static GeneratorState fromBytes(byte[] state) {
    Objects.requireNonNull(state, "setState: state must not be null");
    if (state.length != SIZE) {
      throw new IllegalArgumentException(
          "setState: expected a CPU generator state of "
              + SIZE
              + " bytes but found "
              + state.length);
    }
    ByteBuffer buffer = ByteBuffer.wrap(state).order(ByteOrder.LITTLE_ENDIAN);
    int left = buffer.getInt(8);
    int seeded = buffer.getInt(12);
    long next = buffer.getLong(16);
    if (seeded == 0) {
      throw new IllegalArgumentException("setState: invalid mt19937 state: seeded flag is 0");
    }
    if (left < 1 || left > MersenneTwister.N) {
      throw new IllegalArgumentException(
          "setState: invalid mt19937 state: left=" + left + " must be in [1, 624]");
    }
    // PyTorch checks only next <= 624; a larger next + left would read past the 624 words.
    if (next < 0 || next > MersenneTwister.N || next + left > MersenneTwister.N + 1) {
      throw new IllegalArgumentException(
          "setState: invalid mt19937 state: next="
              + Long.toUnsignedString(next)
              + " with left="
              + left
              + " (need next <= 624 and next + left <= 625)");
    }
    int[] words = new int[MersenneTwister.N];
    for (int i = 0; i < words.length; i++) {
      // Each 32-bit word sits in a uint64 slot; PyTorch truncates on restore.
      words[i] = (int) buffer.getLong(WORDS_AT + 8 * i);
    }
    boolean hasDouble = buffer.getInt(DOUBLE_FLAG_AT) != 0;
    boolean hasFloat = buffer.get(FLOAT_FLAG_AT) != 0;
    return new GeneratorState(
        buffer.getLong(0),
        left,
        (int) next,
        words,
        hasDouble,
        hasDouble ? buffer.getDouble(DOUBLE_NORMAL_AT) : 0.0,
        hasFloat,
        hasFloat ? buffer.getFloat(FLOAT_NORMAL_AT) : 0f);
  }
}

package io.jgrad;

/**
 * The 32-bit Mersenne Twister MT19937 exactly as PyTorch's {@code at::mt19937} runs it
 * (ATen/core/MT19937RNGEngine.h): classic {@code init_genrand} seeding, lazy twist on the first
 * draw, standard tempering.
 *
 * <p>{@code new MersenneTwister(0).nextInt()} gives 2357136044 (as an unsigned int), like {@code
 * std::mt19937(0)()}.
 *
 * <p>Not thread-safe; {@link Generator} serialises access.
 */
final class MersenneTwister {

  static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908B0DF;
  private static final int UPPER_MASK = 0x80000000;
  private static final int LOWER_MASK = 0x7FFFFFFF;

  private final int[] state = new int[N];

  /** The full uint64 seed, kept for {@code initial_seed()}; the engine uses the low 32 bits. */
  private long seed;

  /** Draws left before the next twist; starts at 1 so that the first draw twists, as in MT. */
  private int left;

  /** Index of the next state word to temper. */
  private int next;

  MersenneTwister(long seed) {
    reseed(seed);
  }

  /** Reseeds with {@code init_genrand(seed & 0xFFFFFFFF)}; remembers the whole 64-bit seed. */
  void reseed(long seed) {
    this.seed = seed;
    state[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      int previous = state[i - 1];
      // int overflow is exactly the mod 2^32 the reference code relies on.
      state[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
    }
    left = 1;
    next = 0;
  }

  /** One tempered 32-bit output, as an int holding the u32 bits. */
  int nextInt() {
    if (--left == 0) {
      twist();
    }
    int y = state[next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9D2C5680;
    y ^= (y << 15) & 0xEFC60000;
    y ^= y >>> 18;
    return y;
  }

  private void twist() {
    left = N;
    next = 0;
    for (int k = 0; k < N; k++) {
      int following = state[(k + 1) % N];
      int mixed = (state[k] & UPPER_MASK) | (following & LOWER_MASK);
      state[k] = state[(k + M) % N] ^ (mixed >>> 1) ^ ((following & 1) != 0 ? MATRIX_A : 0);
    }
  }

  long seed() {
    return seed;
  }

  int left() {
    return left;
  }

  int next() {
    return next;
  }

  int word(int index) {
    return state[index];
  }

  /** Restores a saved engine; the caller has already validated {@code left} and {@code next}. */
  void restore(long seed, int left, int next, int[] words) {
    this.seed = seed;
    this.left = left;
    this.next = next;
    System.arraycopy(words, 0, state, 0, N);
  }
}

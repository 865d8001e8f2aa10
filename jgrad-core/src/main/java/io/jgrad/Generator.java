package io.jgrad;

import java.security.SecureRandom;
import java.util.Objects;

/**
 * A CPU random number generator that produces the same bits as PyTorch's {@code torch.Generator}
 * (MT19937 plus PyTorch's exact transforms), so seeded jgrad code draws PyTorch's numbers.
 *
 * <p>{@code new Generator().manualSeed(0).random()} gives 2357136044 (read the int as unsigned), as
 * does {@code torch.Generator().manual_seed(0).random_()}'s first 32-bit draw.
 *
 * <p>The fill methods write flat primitive ranges in the order PyTorch generates elements of a
 * tensor (row-major for a contiguous one); mapping them onto strides is the caller's job. Every
 * method is synchronized, like PyTorch's generator mutex. Bit-exactness targets the official x86-64
 * Linux builds on AVX2/AVX-512 CPUs, PyTorch 2.1 to 2.7; see docs/RANDOM.md.
 */
public final class Generator {

  /** PyTorch's {@code default_rng_seed_val}, the seed of a fresh {@code torch.Generator()}. */
  public static final long DEFAULT_SEED = 67280421310721L;

  /** Size of {@link #getState()}'s blob: {@code sizeof(CPUGeneratorImplState)} in PyTorch. */
  public static final int STATE_SIZE = GeneratorState.SIZE;

  /** Which PyTorch release's rule picks 32- or 64-bit draws in {@link #randint}. */
  public enum RandintRule {
    /** PyTorch 2.7 and later: a 64-bit draw whenever {@code high - low >= 2^28}. */
    PYTORCH_2_7_AND_LATER,
    /** PyTorch 2.6 and earlier: a 64-bit draw only when {@code high - low >= 2^32} (int64). */
    PYTORCH_2_6_AND_EARLIER
  }

  private static final double TWO_POW_MINUS_24 = 0x1.0p-24;
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;
  private static final long MASK_53 = (1L << 53) - 1;

  /** Below this n, randperm uses PyTorch's forward Fisher–Yates with 32-bit draws. */
  private static final int RANDPERM_SMALL_LIMIT = 214_748_364;

  /** Block size of PyTorch's vectorised normal fill. */
  private static final int NORMAL_BLOCK = 16;

  private final MersenneTwister engine;
  private boolean hasCachedDoubleNormal;
  private double cachedDoubleNormal;
  // PyTorch keeps a float cache in its state blob but no CPU kernel reads it; kept for round trips.
  private boolean hasCachedFloatNormal;
  private float cachedFloatNormal;

  /**
   * Creates a generator seeded with {@link #DEFAULT_SEED}, like {@code torch.Generator()}.
   *
   * <p>{@code new Generator().initialSeed()} is 67280421310721.
   */
  public Generator() {
    engine = new MersenneTwister(DEFAULT_SEED);
  }

  /**
   * Returns the process-wide default generator, the one {@code torch.manual_seed} seeds.
   *
   * <p>{@code Generator.defaultGenerator().manualSeed(42)} is {@code torch.manual_seed(42)}. Its
   * initial seed is nondeterministic, as in PyTorch.
   */
  public static Generator defaultGenerator() {
    return DefaultHolder.INSTANCE;
  }

  private static final class DefaultHolder {
    private static final Generator INSTANCE = new Generator().manualSeed(nondeterministicSeed());
  }

  private static long nondeterministicSeed() {
    return new SecureRandom().nextLong();
  }

  /**
   * Seeds the generator; the long is PyTorch's uint64 seed (so -1 means 2^64-1).
   *
   * <p>{@code g.manualSeed(7)} and {@code g.manualSeed(7 + (1L << 32))} give the same stream: only
   * the low 32 bits seed MT19937. Also clears the cached Box–Muller sample.
   *
   * @return this generator, for chaining
   */
  public synchronized Generator manualSeed(long seed) {
    engine.reseed(seed);
    hasCachedDoubleNormal = false;
    hasCachedFloatNormal = false;
    return this;
  }

  /**
   * Returns the last seed as PyTorch's uint64 bit pattern.
   *
   * <p>{@code Long.toUnsignedString(g.manualSeed(-1).initialSeed())} is "18446744073709551615".
   */
  public synchronized long initialSeed() {
    return engine.seed();
  }

  /**
   * Reseeds from a nondeterministic source and returns the new seed, like {@code g.seed()}.
   *
   * <p>{@code long s = g.seed();} then {@code g.initialSeed() == s}.
   */
  public synchronized long seed() {
    long seed = nondeterministicSeed();
    manualSeed(seed);
    return seed;
  }

  /**
   * Returns a copy of the full state in PyTorch's {@code get_rng_state()} layout (5056 bytes,
   * little-endian), including the cached normal sample.
   *
   * <p>{@code byte[] s = g.getState(); ...; g.setState(s);} replays the same numbers.
   */
  public synchronized byte[] getState() {
    int[] words = new int[MersenneTwister.N];
    for (int i = 0; i < words.length; i++) {
      words[i] = engine.word(i);
    }
    return new GeneratorState(
            engine.seed(),
            engine.left(),
            engine.next(),
            words,
            hasCachedDoubleNormal,
            cachedDoubleNormal,
            hasCachedFloatNormal,
            cachedFloatNormal)
        .toBytes();
  }

  /**
   * Restores a state from {@link #getState()} or PyTorch's {@code get_rng_state()}.
   *
   * <p>{@code g.setState(torchStateBytes)} continues PyTorch's stream exactly.
   *
   * @throws IllegalArgumentException if the blob is not 5056 bytes, is not marked seeded, or has
   *     counters outside PyTorch's limits (0 &lt; left &lt;= 624, next &lt;= 624) or that would
   *     read past the 624-word state (next + left &gt; 625)
   */
  public synchronized void setState(byte[] state) {
    GeneratorState decoded = GeneratorState.fromBytes(state);
    engine.restore(decoded.seed(), decoded.left(), decoded.next(), decoded.words());
    hasCachedDoubleNormal = decoded.hasCachedDoubleNormal();
    cachedDoubleNormal = decoded.cachedDoubleNormal();
    hasCachedFloatNormal = decoded.hasCachedFloatNormal();
    cachedFloatNormal = decoded.cachedFloatNormal();
  }

  /**
   * Draws 32 random bits (a u32 held in an int), PyTorch's {@code random()}.
   *
   * <p>{@code Integer.toUnsignedLong(new Generator().manualSeed(0).random())} is 2357136044.
   */
  public synchronized int random() {
    return engine.nextInt();
  }

  /**
   * Draws 64 random bits from two 32-bit draws, the first being the high half.
   *
   * <p>{@code Long.toUnsignedString(new Generator().manualSeed(0).random64())} is
   * "10123822223749065263".
   */
  public synchronized long random64() {
    long high = Integer.toUnsignedLong(engine.nextInt());
    long low = Integer.toUnsignedLong(engine.nextInt());
    return (high << 32) | low;
  }

  /**
   * Fills {@code out[offset .. offset+n)} as {@code torch.empty(n).uniform_(from, to)} does.
   *
   * <p>{@code g.uniform(w, 0, 6, -b, b)} after {@code manualSeed(0)} gives {@code nn.Linear(3,
   * 2)}'s weight when b = 1/sqrt(3). One 32-bit draw per element, 24 bits used, then {@code fma(x,
   * to - from, from)} in float32 (AVX2 builds round once).
   *
   * @throws IllegalArgumentException if {@code from > to}, or either bound or the width is not a
   *     finite float32
   * @throws IndexOutOfBoundsException if the range does not fit in {@code out}
   */
  public synchronized void uniform(float[] out, int offset, int n, double from, double to) {
    Objects.checkFromIndexSize(offset, n, out.length);
    checkUniformBounds(from, to, Float.MAX_VALUE, "float");
    float low = (float) from;
    float width = (float) to - low;
    for (int i = offset; i < offset + n; i++) {
      float x = (float) ((engine.nextInt() & 0xFFFFFF) * TWO_POW_MINUS_24);
      out[i] = Math.fma(x, width, low);
    }
  }

  /**
   * Fills {@code out[offset .. offset+n)} as {@code torch.empty(n, dtype=float64).uniform_(from,
   * to)} does.
   *
   * <p>{@code g.uniform(a, 0, 4, 0, 1)} after {@code manualSeed(0)} starts 0.970053001806553. One
   * 64-bit draw per element, 53 bits used.
   *
   * @throws IllegalArgumentException if {@code from > to} or the width overflows
   * @throws IndexOutOfBoundsException if the range does not fit in {@code out}
   */
  public synchronized void uniform(double[] out, int offset, int n, double from, double to) {
    Objects.checkFromIndexSize(offset, n, out.length);
    checkUniformBounds(from, to, Double.MAX_VALUE, "double");
    double width = to - from;
    for (int i = offset; i < offset + n; i++) {
      out[i] = Math.fma(nextUniform53(), width, from);
    }
  }

  private static void checkUniformBounds(double from, double to, double max, String type) {
    if (!(from >= -max && from <= max) || !(to >= -max && to <= max)) {
      throw new IllegalArgumentException(
          "uniform_: from=" + from + " and to=" + to + " must both be finite " + type + " values");
    }
    if (from > to) {
      throw new IllegalArgumentException(
          "uniform_ expects to return a [from, to) range, but found from=" + from + " > to=" + to);
    }
    if (to - from > max) {
      throw new IllegalArgumentException(
          "uniform_ expects to-from <= std::numeric_limits<"
              + type
              + ">::max(), but found to="
              + to
              + " and from="
              + from
              + " which result in to-from to exceed the limit");
    }
  }

  /**
   * Fills {@code out[offset .. offset+n)} as {@code normal_(mean, std)} on a float32 tensor of
   * numel n.
   *
   * <p>{@code g.normal(x, 0, 16, 0, 1, true)} after {@code manualSeed(0)} is {@code
   * torch.randn(16)}. With {@code contiguous} and {@code n >= 16} this is PyTorch's block fill with
   * the AVX2 float32 math (it never touches the cached sample); otherwise it is the per-element
   * double Box–Muller with its cache, and {@code out} receives the values in the tensor's iteration
   * order.
   *
   * @throws IllegalArgumentException if {@code std} is negative or NaN
   * @throws IndexOutOfBoundsException if the range does not fit in {@code out}
   */
  public synchronized void normal(
      float[] out, int offset, int n, double mean, double std, boolean contiguous) {
    Objects.checkFromIndexSize(offset, n, out.length);
    checkStd(std);
    if (contiguous && n >= NORMAL_BLOCK) {
      uniform(out, offset, n, 0, 1);
      float meanF = (float) mean;
      float stdF = (float) std;
      for (int i = offset; i + NORMAL_BLOCK <= offset + n; i += NORMAL_BLOCK) {
        NormalTransforms.avx2Block16(out, i, meanF, stdF);
      }
      if (n % NORMAL_BLOCK != 0) {
        // PyTorch redraws and recomputes the last 16 slots rather than handling a short block.
        int tail = offset + n - NORMAL_BLOCK;
        uniform(out, tail, NORMAL_BLOCK, 0, 1);
        NormalTransforms.avx2Block16(out, tail, meanF, stdF);
      }
    } else {
      for (int i = offset; i < offset + n; i++) {
        out[i] = (float) Math.fma(nextBoxMullerNormal(), std, mean);
      }
    }
  }

  /**
   * Fills {@code out[offset .. offset+n)} as {@code normal_(mean, std)} on a float64 tensor of
   * numel n.
   *
   * <p>{@code g.normal(x, 0, 4, 0, 1, true)} after {@code manualSeed(0)} is {@code torch.randn(4,
   * dtype=torch.float64)}. Paths as for the float overload, except that the block fill uses double
   * {@code log}, {@code sin} and {@code cos}.
   *
   * @throws IllegalArgumentException if {@code std} is negative or NaN
   * @throws IndexOutOfBoundsException if the range does not fit in {@code out}
   */
  public synchronized void normal(
      double[] out, int offset, int n, double mean, double std, boolean contiguous) {
    Objects.checkFromIndexSize(offset, n, out.length);
    checkStd(std);
    if (contiguous && n >= NORMAL_BLOCK) {
      uniform(out, offset, n, 0, 1);
      for (int i = offset; i + NORMAL_BLOCK <= offset + n; i += NORMAL_BLOCK) {
        NormalTransforms.scalarBlock16(out, i, mean, std);
      }
      if (n % NORMAL_BLOCK != 0) {
        int tail = offset + n - NORMAL_BLOCK;
        uniform(out, tail, NORMAL_BLOCK, 0, 1);
        NormalTransforms.scalarBlock16(out, tail, mean, std);
      }
    } else {
      for (int i = offset; i < offset + n; i++) {
        out[i] = Math.fma(nextBoxMullerNormal(), std, mean);
      }
    }
  }

  private static void checkStd(double std) {
    if (!(std >= 0.0)) {
      throw new IllegalArgumentException("normal expects std >= 0.0, but found std " + std);
    }
  }

  /**
   * One standard normal from PyTorch's {@code normal_distribution<double>}: the cached sine if
   * there is one, else a fresh pair where the first uniform is the angle and the second the radius,
   * returning the cosine and caching the sine.
   */
  private double nextBoxMullerNormal() {
    if (hasCachedDoubleNormal) {
      hasCachedDoubleNormal = false;
      return cachedDoubleNormal;
    }
    double u1 = nextUniform53();
    double u2 = nextUniform53();
    // glibc's log1p descends from fdlibm, as StrictMath's does; for sin and cos, HotSpot's Math
    // intrinsics are the closer match to glibc (see NormalTransforms.scalarBlock16).
    double radius = Math.sqrt(-2.0 * StrictMath.log1p(-u2));
    double theta = 2.0 * Math.PI * u1;
    cachedDoubleNormal = radius * Math.sin(theta);
    hasCachedDoubleNormal = true;
    return radius * Math.cos(theta);
  }

  private double nextUniform53() {
    return (random64() & MASK_53) * TWO_POW_MINUS_53;
  }

  /**
   * Fills {@code out[offset .. offset+n)} as {@code torch.randint(low, high, (n,))} (int64) does in
   * PyTorch 2.7 and later.
   *
   * <p>{@code g.manualSeed(42).randint(out, 0, 10, 0, 10)} gives 2, 7, 6, 4, 6, 5, 0, 4, 0, 3. For
   * a float dtype, cast each value; PyTorch's bound nudging beyond 2^24 (float32) is not modelled.
   *
   * @throws IllegalArgumentException if {@code low >= high}
   * @throws IndexOutOfBoundsException if the range does not fit in {@code out}
   */
  public synchronized void randint(long[] out, int offset, int n, long low, long high) {
    randint(out, offset, n, low, high, RandintRule.PYTORCH_2_7_AND_LATER);
  }

  /**
   * Fills {@code out[offset .. offset+n)} as {@code torch.randint(low, high, (n,))} (int64) does
   * under the given release's draw rule.
   *
   * <p>{@code g.randint(out, 0, 5, 0, 0xFFFFFFFFL, RandintRule.PYTORCH_2_6_AND_EARLIER)} reproduces
   * streams recorded with PyTorch 2.6 or earlier. Each value is {@code draw mod (high - low) +
   * low}, the range taken as unsigned.
   *
   * @throws IllegalArgumentException if {@code low >= high}
   * @throws IndexOutOfBoundsException if the range does not fit in {@code out}
   */
  public synchronized void randint(
      long[] out, int offset, int n, long low, long high, RandintRule rule) {
    Objects.checkFromIndexSize(offset, n, out.length);
    Objects.requireNonNull(rule, "randint: rule must not be null");
    if (low >= high) {
      throw new IllegalArgumentException(
          "random_ expects 'from' to be less than 'to', but got from=" + low + " >= to=" + high);
    }
    long range = high - low;
    long wideThreshold = rule == RandintRule.PYTORCH_2_7_AND_LATER ? 1L << 28 : 1L << 32;
    // Unsigned comparison: a range above 2^63 wraps negative as a signed long.
    boolean wide = Long.compareUnsigned(range, wideThreshold) >= 0;
    for (int i = offset; i < offset + n; i++) {
      long draw = wide ? random64() : Integer.toUnsignedLong(engine.nextInt());
      out[i] = Long.remainderUnsigned(draw, range) + low;
    }
  }

  /**
   * Returns {@code torch.randperm(n)} (int64).
   *
   * <p>{@code g.manualSeed(0).randperm(10)} is [4, 1, 7, 5, 3, 9, 0, 8, 6, 2].
   *
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public synchronized long[] randperm(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("randperm: n must be non-negative, got " + n);
    }
    long[] result = new long[n];
    if (n < RANDPERM_SMALL_LIMIT) {
      for (int i = 0; i < n; i++) {
        result[i] = i;
      }
      for (int i = 0; i < n - 1; i++) {
        int z = (int) (Integer.toUnsignedLong(engine.nextInt()) % (n - i));
        long saved = result[i];
        result[i] = result[i + z];
        result[i + z] = saved;
      }
    } else {
      // Recent PyTorch switches to an inside-out shuffle with 64-bit draws for huge n.
      for (int i = 0; i < n; i++) {
        int z = (int) Long.remainderUnsigned(random64(), i + 1L);
        result[i] = result[z];
        result[z] = i;
      }
    }
    return result;
  }

  /**
   * Fills {@code out[offset .. offset+n)} with 0 or 1 as {@code Tensor.bernoulli_(p)} on float32
   * does on CPUs where PyTorch takes its portable path: one 64-bit draw per element, giving 1 when
   * its 53-bit uniform is below p.
   *
   * <p>{@code g.bernoulli(mask, 0, 100, 0.5)} fills a 100-element dropout-style mask. PyTorch
   * builds with MKL instead use an MKL VSL stream on Intel CPUs (and draw only one 32-bit seed from
   * the generator); that stream is not reproduced here.
   *
   * @throws IllegalArgumentException if {@code p} is not in [0, 1]
   * @throws IndexOutOfBoundsException if the range does not fit in {@code out}
   */
  public synchronized void bernoulli(float[] out, int offset, int n, double p) {
    Objects.checkFromIndexSize(offset, n, out.length);
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("bernoulli_ expects p to be in [0, 1], but got p=" + p);
    }
    for (int i = offset; i < offset + n; i++) {
      out[i] = nextUniform53() < p ? 1f : 0f;
    }
  }
}

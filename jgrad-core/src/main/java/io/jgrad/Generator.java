package io.jgrad;

import java.util.SplittableRandom;

/**
 * Placeholder random generator with the final API; replaced by the PyTorch-identical MT19937
 * generator.
 */
public final class Generator {
  private static final Generator DEFAULT = new Generator();
  private SplittableRandom random = new SplittableRandom(67280421310721L);
  private long initialSeed = 67280421310721L;

  /** A generator seeded with PyTorch's default seed. */
  public Generator() {}

  /** The process-wide default generator. */
  public static Generator defaultGenerator() {
    return DEFAULT;
  }

  /** Reseeds. */
  public synchronized Generator manualSeed(long seed) {
    random = new SplittableRandom(seed);
    initialSeed = seed;
    return this;
  }

  /** The seed last set. */
  public synchronized long initialSeed() {
    return initialSeed;
  }

  /** Fills with uniforms in [from, to). */
  public synchronized void uniform(float[] out, int offset, int n, double from, double to) {
    for (int i = 0; i < n; i++) {
      out[offset + i] = (float) (from + (to - from) * random.nextDouble());
    }
  }

  /** Fills with uniforms in [from, to). */
  public synchronized void uniform(double[] out, int offset, int n, double from, double to) {
    for (int i = 0; i < n; i++) {
      out[offset + i] = from + (to - from) * random.nextDouble();
    }
  }

  /** Fills with normals. */
  public synchronized void normal(
      float[] out, int offset, int n, double mean, double std, boolean contiguous) {
    for (int i = 0; i < n; i++) {
      out[offset + i] = (float) (mean + std * gaussian());
    }
  }

  /** Fills with normals. */
  public synchronized void normal(
      double[] out, int offset, int n, double mean, double std, boolean contiguous) {
    for (int i = 0; i < n; i++) {
      out[offset + i] = mean + std * gaussian();
    }
  }

  private double gaussian() {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Fills with integers in [low, high). */
  public synchronized void randint(long[] out, int offset, int n, long low, long high) {
    for (int i = 0; i < n; i++) {
      out[offset + i] = random.nextLong(low, high);
    }
  }

  /** A random permutation of 0..n-1. */
  public synchronized long[] randperm(int n) {
    long[] p = new long[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Bernoulli draws. */
  public synchronized void bernoulli(float[] out, int offset, int n, double p) {
    for (int i = 0; i < n; i++) {
      out[offset + i] = random.nextDouble() < p ? 1f : 0f;
    }
  }
}

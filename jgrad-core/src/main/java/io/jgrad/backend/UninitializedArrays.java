package io.jgrad.backend;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Primitive arrays that the JVM does not zero, for kernel outputs that are written in full.
 *
 * <p>Zeroing a fresh 8 KB result costs more than adding 2,000 floats (docs/BENCHMARKS.md, B3). The
 * JDK's own {@code jdk.internal.misc.Unsafe.allocateUninitializedArray} skips it; it is reachable
 * only with {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}, which the launcher, the
 * tests and the benchmarks pass. Without the flag this class falls back to plain {@code new
 * float[n]}: correct, only slower.
 */
final class UninitializedArrays {
  private static final MethodHandle ALLOCATE = find();

  private UninitializedArrays() {}

  private static MethodHandle find() {
    // lookup(), not publicLookup(): the export to ALL-UNNAMED is qualified, so only a lookup
    // from a class in the unnamed module may see it.
    try {
      Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
      Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
      MethodHandle handle =
          MethodHandles.lookup()
              .findVirtual(
                  unsafeClass,
                  "allocateUninitializedArray",
                  MethodType.methodType(Object.class, Class.class, int.class))
              .bindTo(unsafe);
      handle.invoke(float.class, 1); // fails here when the package is not exported to us
      return handle;
    } catch (Throwable notExported) {
      return null;
    }
  }

  /** Whether arrays really come back unzeroed (the export flag is present). */
  static boolean isAvailable() {
    return ALLOCATE != null;
  }

  /** A float array whose contents are unspecified. */
  static float[] floats(int n) {
    if (ALLOCATE == null || n < 64) {
      return new float[n];
    }
    try {
      return (float[]) (Object) ALLOCATE.invokeExact(float.class, n);
    } catch (Throwable e) {
      throw new IllegalStateException("allocateUninitializedArray failed for " + n + " floats", e);
    }
  }

  /** A double array whose contents are unspecified. */
  static double[] doubles(int n) {
    if (ALLOCATE == null || n < 64) {
      return new double[n];
    }
    try {
      return (double[]) (Object) ALLOCATE.invokeExact(double.class, n);
    } catch (Throwable e) {
      throw new IllegalStateException("allocateUninitializedArray failed for " + n + " doubles", e);
    }
  }
}

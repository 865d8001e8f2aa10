package io.jgrad.backend.cuda;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Map;

/**
 * What the three binding classes share: turning a (symbol, descriptor) table entry into a downcall
 * handle, and reading C strings the libraries return.
 *
 * <p>{@code Bindings.bind(lookup, "libcuda.so.1", "cuInit", Driver.SIGNATURES)}.
 */
final class Bindings {
  private static final Linker LINKER = Linker.nativeLinker();

  private Bindings() {}

  /**
   * The downcall handle for {@code symbol} with its descriptor from {@code signatures}.
   *
   * @throws IllegalStateException when the library does not export the symbol (too old a version)
   */
  static MethodHandle bind(
      SymbolLookup lookup,
      String library,
      String symbol,
      Map<String, FunctionDescriptor> signatures) {
    FunctionDescriptor descriptor = signatures.get(symbol);
    if (descriptor == null) {
      throw new IllegalArgumentException(
          "no descriptor for " + symbol + " in the " + library + " table");
    }
    MemorySegment address =
        lookup
            .find(symbol)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        library
                            + " does not export "
                            + symbol
                            + " (a CUDA 12 or newer library is needed)"));
    return LINKER.downcallHandle(address, descriptor);
  }

  /** The NUL-terminated string at {@code pointer}, or {@code fallback} when it is NULL. */
  static String cString(MemorySegment pointer, String fallback) {
    if (pointer.equals(MemorySegment.NULL)) {
      return fallback;
    }
    return pointer.reinterpret(Long.MAX_VALUE).getString(0);
  }

  /** Wraps a checked {@link Throwable} from {@code invokeExact} as an unchecked error. */
  static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }
}

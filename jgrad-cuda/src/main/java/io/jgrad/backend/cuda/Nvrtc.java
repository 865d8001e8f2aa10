package io.jgrad.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.util.Map.entry;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;

/**
 * Bindings to NVRTC ({@code libnvrtc.so.13} or {@code .12}), the runtime CUDA C++ compiler: no GPU
 * and no driver are needed to compile, so this class is exercised on build machines too.
 *
 * <p>{@code nvrtc.compile(source, "add.cu", List.of("--gpu-architecture=sm_90"))} returns the
 * CUBIN; with {@code compute_90} it returns PTX.
 */
final class Nvrtc {
  /** The C prototypes from {@code nvrtc.h} (CUDA 13.0) as FFM descriptors. */
  static final Map<String, FunctionDescriptor> SIGNATURES =
      Map.ofEntries(
          entry("nvrtcVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT)),
          entry(
              "nvrtcCreateProgram",
              FunctionDescriptor.of(
                  JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS)),
          entry("nvrtcCompileProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS)),
          entry("nvrtcGetProgramLogSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("nvrtcGetProgramLog", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("nvrtcGetCUBINSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("nvrtcGetCUBIN", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("nvrtcGetPTXSize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("nvrtcGetPTX", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS)),
          entry("nvrtcDestroyProgram", FunctionDescriptor.of(JAVA_INT, ADDRESS)));

  static final int NVRTC_ERROR_COMPILATION = 6;

  private static final String LIBRARY = "libnvrtc";

  final MethodHandle nvrtcVersion;
  final MethodHandle nvrtcGetErrorString;
  final MethodHandle nvrtcCreateProgram;
  final MethodHandle nvrtcCompileProgram;
  final MethodHandle nvrtcGetProgramLogSize;
  final MethodHandle nvrtcGetProgramLog;
  final MethodHandle nvrtcGetCUBINSize;
  final MethodHandle nvrtcGetCUBIN;
  final MethodHandle nvrtcGetPTXSize;
  final MethodHandle nvrtcGetPTX;
  final MethodHandle nvrtcDestroyProgram;

  /** Binds every symbol of {@link #SIGNATURES} in {@code lookup} (the loaded libnvrtc). */
  Nvrtc(SymbolLookup lookup) {
    nvrtcVersion = bind(lookup, "nvrtcVersion");
    nvrtcGetErrorString = bind(lookup, "nvrtcGetErrorString");
    nvrtcCreateProgram = bind(lookup, "nvrtcCreateProgram");
    nvrtcCompileProgram = bind(lookup, "nvrtcCompileProgram");
    nvrtcGetProgramLogSize = bind(lookup, "nvrtcGetProgramLogSize");
    nvrtcGetProgramLog = bind(lookup, "nvrtcGetProgramLog");
    nvrtcGetCUBINSize = bind(lookup, "nvrtcGetCUBINSize");
    nvrtcGetCUBIN = bind(lookup, "nvrtcGetCUBIN");
    nvrtcGetPTXSize = bind(lookup, "nvrtcGetPTXSize");
    nvrtcGetPTX = bind(lookup, "nvrtcGetPTX");
    nvrtcDestroyProgram = bind(lookup, "nvrtcDestroyProgram");
  }

  private static MethodHandle bind(SymbolLookup lookup, String symbol) {
    return Bindings.bind(lookup, LIBRARY, symbol, SIGNATURES);
  }

  /** Throws a {@link CudaException} naming {@code call} unless {@code status} is NVRTC_SUCCESS. */
  void check(int status, String call, String detail) {
    if (status != 0) {
      throw new CudaException(call, status, errorName(status), detail);
    }
  }

  /** NVRTC's own name for a status code. */
  String errorName(int status) {
    try {
      MemorySegment name = (MemorySegment) nvrtcGetErrorString.invokeExact(status);
      return Bindings.cString(name, CudaStatus.nvrtcName(status));
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /** NVRTC's version as {@code {major, minor}}, such as {@code {13, 0}}. */
  int[] version() {
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment major = frame.allocate(JAVA_INT);
      MemorySegment minor = frame.allocate(JAVA_INT);
      check((int) nvrtcVersion.invokeExact(major, minor), "nvrtcVersion", "");
      return new int[] {major.get(JAVA_INT, 0), minor.get(JAVA_INT, 0)};
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  /**
   * Compiles {@code source}: CUBIN when the options name a real architecture ({@code sm_XY}), PTX
   * (NUL-terminated text) for a virtual one ({@code compute_XY}).
   *
   * @throws CudaException NVRTC_ERROR_COMPILATION with the compiler log in the message
   */
  byte[] compile(String source, String fileName, List<String> options) {
    boolean cubin = options.stream().anyMatch(o -> o.contains("sm_"));
    try (Arena frame = Arena.ofConfined()) {
      MemorySegment programOut = frame.allocate(ADDRESS);
      check(
          (int)
              nvrtcCreateProgram.invokeExact(
                  programOut,
                  frame.allocateFrom(source),
                  frame.allocateFrom(fileName),
                  0,
                  MemorySegment.NULL,
                  MemorySegment.NULL),
          "nvrtcCreateProgram",
          fileName);
      MemorySegment program = programOut.get(ADDRESS, 0);
      try {
        MemorySegment optionArray = frame.allocate(ADDRESS, Math.max(1, options.size()));
        for (int i = 0; i < options.size(); i++) {
          optionArray.setAtIndex(ADDRESS, i, frame.allocateFrom(options.get(i)));
        }
        int status = (int) nvrtcCompileProgram.invokeExact(program, options.size(), optionArray);
        if (status != 0) {
          throw new CudaException(
              "nvrtcCompileProgram",
              status,
              errorName(status),
              fileName + " " + options + "\n" + log(program, frame));
        }
        return cubin
            ? image(program, frame, nvrtcGetCUBINSize, nvrtcGetCUBIN, "nvrtcGetCUBIN")
            : image(program, frame, nvrtcGetPTXSize, nvrtcGetPTX, "nvrtcGetPTX");
      } finally {
        programOut.set(ADDRESS, 0, program);
        check((int) nvrtcDestroyProgram.invokeExact(programOut), "nvrtcDestroyProgram", fileName);
      }
    } catch (Throwable t) {
      throw Bindings.rethrow(t);
    }
  }

  private String log(MemorySegment program, Arena frame) throws Throwable {
    MemorySegment size = frame.allocate(JAVA_LONG);
    check((int) nvrtcGetProgramLogSize.invokeExact(program, size), "nvrtcGetProgramLogSize", "");
    MemorySegment text = frame.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
    check((int) nvrtcGetProgramLog.invokeExact(program, text), "nvrtcGetProgramLog", "");
    return text.getString(0);
  }

  private byte[] image(
      MemorySegment program, Arena frame, MethodHandle sizeCall, MethodHandle dataCall, String call)
      throws Throwable {
    MemorySegment size = frame.allocate(JAVA_LONG);
    check((int) sizeCall.invokeExact(program, size), call + "Size", "");
    MemorySegment data = frame.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
    check((int) dataCall.invokeExact(program, data), call, "");
    return data.toArray(JAVA_BYTE);
  }
}

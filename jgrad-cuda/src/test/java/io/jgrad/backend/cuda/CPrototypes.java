package io.jgrad.backend.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads C prototypes out of the CUDA headers and maps them to FFM descriptors, so the binding
 * tables can be checked against the real declarations. Handles the headers' {@code #define
 * cuMemAlloc cuMemAlloc_v2} aliasing (and {@code __CUDA_API_PTSZ(...)}) by looking the exported
 * name up under the name the header declares it with.
 */
final class CPrototypes {
  private CPrototypes() {}

  /** C types to FFM layouts on x86-64 Linux (LP64); anything with a '*' is ADDRESS. */
  static final Map<String, MemoryLayout> TYPES =
      Map.ofEntries(
          Map.entry("int", JAVA_INT),
          Map.entry("unsigned int", JAVA_INT),
          Map.entry("float", JAVA_FLOAT),
          Map.entry("double", JAVA_DOUBLE),
          Map.entry("size_t", JAVA_LONG),
          Map.entry("long long int", JAVA_LONG),
          Map.entry("CUresult", JAVA_INT),
          Map.entry("CUdevice", JAVA_INT),
          Map.entry("CUdevice_attribute", JAVA_INT),
          Map.entry("CUdeviceptr", JAVA_LONG),
          Map.entry("CUcontext", ADDRESS),
          Map.entry("CUstream", ADDRESS),
          Map.entry("CUmodule", ADDRESS),
          Map.entry("CUfunction", ADDRESS),
          Map.entry("nvrtcResult", JAVA_INT),
          Map.entry("nvrtcProgram", ADDRESS),
          Map.entry("cublasStatus_t", JAVA_INT),
          Map.entry("cublasHandle_t", ADDRESS),
          Map.entry("cudaStream_t", ADDRESS),
          Map.entry("cublasOperation_t", JAVA_INT),
          Map.entry("cublasMath_t", JAVA_INT));

  /** The exported name -> declared name map from {@code #define DECLARED EXPORTED} lines. */
  static Map<String, String> aliases(String header) {
    Map<String, String> result = new HashMap<>();
    Matcher m =
        Pattern.compile("#define\\s+(\\w+)\\s+(?:__CUDA_API_PTS[ZD]\\()?(\\w+)\\)?\\s*\\n")
            .matcher(header);
    while (m.find()) {
      result.putIfAbsent(m.group(2), m.group(1));
    }
    return result;
  }

  /** The first declaration of {@code symbol} (or of its alias) as a descriptor. */
  static Optional<FunctionDescriptor> descriptor(String header, String symbol) {
    List<String> names = new ArrayList<>(List.of(symbol));
    String alias = aliases(header).get(symbol);
    if (alias != null) {
      names.add(0, alias);
    }
    for (String name : names) {
      Matcher m =
          Pattern.compile(
                  "(?m)^\\s*((?:const\\s+)?\\w+\\s*\\**)\\s*(?:CUDAAPI|CUBLASWINAPI)?"
                      + "\\s*"
                      + name
                      + "\\s*\\(([^)]*)\\)\\s*;")
              .matcher(header);
      if (m.find()) {
        return Optional.of(toDescriptor(m.group(1), m.group(2)));
      }
    }
    return Optional.empty();
  }

  private static FunctionDescriptor toDescriptor(String returnType, String parameters) {
    MemoryLayout result = layout(returnType);
    List<MemoryLayout> arguments = new ArrayList<>();
    String trimmed = parameters.replaceAll("\\s+", " ").trim();
    if (!trimmed.isEmpty() && !trimmed.equals("void")) {
      for (String parameter : trimmed.split(",")) {
        arguments.add(layout(stripName(parameter.trim())));
      }
    }
    return result == null
        ? FunctionDescriptor.ofVoid(arguments.toArray(MemoryLayout[]::new))
        : FunctionDescriptor.of(result, arguments.toArray(MemoryLayout[]::new));
  }

  /** "const float* alpha" -> "const float*"; "int lda" -> "int"; "unsigned int" stays. */
  private static String stripName(String parameter) {
    String p = parameter.replaceAll("\\s*\\*\\s*", "* ").trim();
    int space = p.lastIndexOf(' ');
    if (space < 0 || p.endsWith("*")) {
      return p;
    }
    String candidate = p.substring(0, space).trim();
    String base = candidate.replace("const", "").replace("*", "").trim();
    return base.isEmpty() || base.equals("unsigned") || base.equals("long long") ? p : candidate;
  }

  private static MemoryLayout layout(String cType) {
    String t = cType.replace("const", "").trim();
    if (t.contains("*")) {
      return ADDRESS;
    }
    if (t.equals("void")) {
      return null;
    }
    MemoryLayout layout = TYPES.get(t.replaceAll("\\s+", " "));
    if (layout == null) {
      throw new IllegalArgumentException("no FFM layout known for C type '" + cType + "'");
    }
    return layout;
  }
}

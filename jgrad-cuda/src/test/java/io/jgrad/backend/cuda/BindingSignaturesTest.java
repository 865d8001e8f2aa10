package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The binding tables against the C prototypes: every descriptor links on this platform (no library
 * needed), and where the headers are present each descriptor equals the one read from the header's
 * declaration.
 */
class BindingSignaturesTest {
  private static final Map<String, Map<String, FunctionDescriptor>> TABLES =
      Map.of(
          "cuda.h",
          Driver.SIGNATURES,
          "nvrtc.h",
          Nvrtc.SIGNATURES,
          "cublas_api.h",
          Cublas.SIGNATURES);

  @Test
  void everyDescriptorLinksWithoutTheLibrary() {
    for (var table : TABLES.values()) {
      for (var entry : table.entrySet()) {
        MethodHandle handle = Linker.nativeLinker().downcallHandle(entry.getValue());
        // The address comes first, then the C arguments.
        assertThat(handle.type().parameterCount())
            .as(entry.getKey())
            .isEqualTo(entry.getValue().argumentLayouts().size() + 1);
      }
    }
  }

  @Test
  void tablesHoldTheDocumentedPrototypes() {
    // A few prototypes written out from the CUDA 13 documentation, independent of the headers.
    assertThat(Driver.SIGNATURES.get("cuMemAlloc_v2").toString())
        .isEqualTo(
            FunctionDescriptor.of(
                    java.lang.foreign.ValueLayout.JAVA_INT,
                    java.lang.foreign.ValueLayout.ADDRESS,
                    java.lang.foreign.ValueLayout.JAVA_LONG)
                .toString());
    assertThat(Driver.SIGNATURES.get("cuLaunchKernel").argumentLayouts()).hasSize(11);
    assertThat(Cublas.SIGNATURES.get("cublasSgemmStridedBatched").argumentLayouts()).hasSize(18);
    assertThat(Cublas.SIGNATURES.get("cublasSgemm_v2").argumentLayouts()).hasSize(14);
    assertThat(Nvrtc.SIGNATURES.get("nvrtcCreateProgram").argumentLayouts()).hasSize(6);
  }

  static Optional<Path> header(String name) {
    List<Path> folders = new ArrayList<>();
    String explicit =
        System.getProperty(
            "jgrad.cuda.includePath", System.getenv().getOrDefault("JGRAD_CUDA_INCLUDE_PATH", ""));
    for (String part : explicit.split(":")) {
      if (!part.isBlank()) {
        folders.add(Path.of(part));
      }
    }
    String home = System.getenv("CUDA_HOME");
    if (home != null) {
      folders.add(Path.of(home, "include"));
    }
    folders.add(Path.of("/usr/local/cuda/include"));
    return folders.stream().map(f -> f.resolve(name)).filter(Files::isRegularFile).findFirst();
  }

  private static void checkAgainstHeader(String headerName) throws IOException {
    Optional<Path> header = header(headerName);
    assumeTrue(
        header.isPresent(),
        headerName
            + " not found (set JGRAD_CUDA_INCLUDE_PATH or "
            + "CUDA_HOME); skipping the comparison with the real declarations");
    String text = Files.readString(header.get());
    for (var entry : TABLES.get(headerName).entrySet()) {
      Optional<FunctionDescriptor> declared = CPrototypes.descriptor(text, entry.getKey());
      assertThat(declared).as("declaration of %s in %s", entry.getKey(), header.get()).isPresent();
      assertThat(entry.getValue().toString())
          .as(entry.getKey())
          .isEqualTo(declared.get().toString());
    }
  }

  @Test
  void driverTableMatchesCudaH() throws IOException {
    checkAgainstHeader("cuda.h");
  }

  @Test
  void nvrtcTableMatchesNvrtcH() throws IOException {
    checkAgainstHeader("nvrtc.h");
  }

  @Test
  void cublasTableMatchesCublasApiH() throws IOException {
    checkAgainstHeader("cublas_api.h");
  }

  @Test
  void headerParserFollowsVersionedAliasesAndRejectsAMismatch() {
    String header =
        """
        #define cuMemAlloc                          cuMemAlloc_v2
        #define cuStreamSynchronize                 __CUDA_API_PTSZ(cuStreamSynchronize)
        CUresult CUDAAPI cuMemAlloc(CUdeviceptr *dptr, size_t bytesize);
        CUresult CUDAAPI cuStreamSynchronize(CUstream hStream);
        """;
    assertThat(CPrototypes.descriptor(header, "cuMemAlloc_v2").orElseThrow().toString())
        .isEqualTo(Driver.SIGNATURES.get("cuMemAlloc_v2").toString());
    assertThat(CPrototypes.descriptor(header, "cuStreamSynchronize").orElseThrow().toString())
        .isEqualTo(Driver.SIGNATURES.get("cuStreamSynchronize").toString());
    assertThat(CPrototypes.descriptor(header, "cuMemAlloc_v2").orElseThrow().toString())
        .isNotEqualTo(Driver.SIGNATURES.get("cuMemFree_v2").toString());
  }
}

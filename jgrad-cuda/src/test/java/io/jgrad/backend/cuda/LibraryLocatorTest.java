package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search ladder over temporary folders of empty files, with a recording fake dlopen. */
class LibraryLocatorTest {
  @TempDir Path root;

  private final List<String> opened = new ArrayList<>();

  private LibraryLocator locator(Map<String, String> env, Set<String> loadableSonames) {
    return new LibraryLocator(
        env::get,
        key -> null,
        root.resolve("home"),
        List.of(root.resolve("usr")),
        name -> {
          if (name.startsWith("/")
              ? Files.isRegularFile(Path.of(name))
              : loadableSonames.contains(name)) {
            opened.add(name);
            return SymbolLookup.loaderLookup();
          }
          throw new IllegalArgumentException("Cannot open library: " + name);
        });
  }

  private Path touch(Path folder, String... names) throws IOException {
    Files.createDirectories(folder);
    for (String name : names) {
      Files.createFile(folder.resolve(name));
    }
    return folder;
  }

  @Test
  void cuda13WheelFolderIsFoundAndBuiltinsLoadFirst() throws IOException {
    Path lib =
        touch(
            root.resolve("venv/lib/python3.12/site-packages/nvidia/cu13/lib"),
            "libnvrtc.so.13",
            "libnvrtc-builtins.so.13.0",
            "libnvrtc-builtins.alt.so.13.0");
    var loaded =
        locator(Map.of("VIRTUAL_ENV", root.resolve("venv").toString()), Set.of())
            .load(LibraryLocator.NVRTC);
    assertThat(loaded.origin()).isEqualTo(lib.resolve("libnvrtc.so.13").toString());
    assertThat(opened)
        .containsExactly(
            lib.resolve("libnvrtc-builtins.so.13.0").toString(),
            lib.resolve("libnvrtc.so.13").toString());
  }

  @Test
  void explicitFolderWinsOverTheLoader() throws IOException {
    Path explicit = touch(root.resolve("explicit"), "libcublas.so.13", "libcublasLt.so.13");
    var loaded =
        locator(Map.of("JGRAD_CUDA_LIBRARY_PATH", explicit.toString()), Set.of("libcublas.so.13"))
            .load(LibraryLocator.CUBLAS);
    assertThat(loaded.origin()).isEqualTo(explicit.resolve("libcublas.so.13").toString());
    assertThat(opened.get(0)).endsWith("libcublasLt.so.13");
  }

  @Test
  void loaderIsAskedBeforeToolkitAndWheels() throws IOException {
    touch(root.resolve("venv/lib/python3.12/site-packages/nvidia/cu13/lib"), "libnvrtc.so.13");
    var loaded =
        locator(Map.of("VIRTUAL_ENV", root.resolve("venv").toString()), Set.of("libnvrtc.so.13"))
            .load(LibraryLocator.NVRTC);
    assertThat(loaded.origin()).isEqualTo("libnvrtc.so.13 (dynamic loader)");
  }

  @Test
  void cuda12WheelLayoutAndOlderSonameAreFound() throws IOException {
    Path lib =
        touch(
            root.resolve("usr/lib/python3.11/dist-packages/nvidia/cuda_nvrtc/lib"),
            "libnvrtc.so.12",
            "libnvrtc-builtins.so.12.4");
    var loaded = locator(new HashMap<>(), Set.of()).load(LibraryLocator.NVRTC);
    assertThat(loaded.origin()).isEqualTo(lib.resolve("libnvrtc.so.12").toString());
    assertThat(opened.get(0)).endsWith("libnvrtc-builtins.so.12.4");
  }

  @Test
  void cudaHomeToolkitIsSearched() throws IOException {
    Path lib = touch(root.resolve("toolkit/lib64"), "libcublas.so.13");
    var loaded =
        locator(Map.of("CUDA_HOME", root.resolve("toolkit").toString()), Set.of())
            .load(LibraryLocator.CUBLAS);
    assertThat(loaded.origin()).isEqualTo(lib.resolve("libcublas.so.13").toString());
  }

  @Test
  void missingDriverSaysWhatWasTriedAndWhereItComesFrom() {
    assertThatThrownBy(() -> locator(Map.of(), Set.of()).load(LibraryLocator.DRIVER))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("libcuda not found (libcuda.so.1)")
        .hasMessageContaining("libcuda.so.1 by soname: Cannot open library: libcuda.so.1")
        .hasMessageContaining("comes with the NVIDIA driver");
  }

  @Test
  void missingNvrtcListsTheSearchedFolders() {
    assertThatThrownBy(
            () ->
                locator(Map.of("CUDA_HOME", "/nonexistent/cuda"), Set.of())
                    .load(LibraryLocator.NVRTC))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("libnvrtc not found (libnvrtc.so.13, libnvrtc.so.12)")
        .hasMessageContaining("/nonexistent/cuda/lib64");
  }

  @Test
  void runtimeWithoutDriverGivesAOneLineReason() {
    Object state = CudaRuntime.load(locator(Map.of(), Set.of()));
    assertThat(state).isInstanceOf(String.class);
    assertThat((String) state)
        .startsWith("no usable NVIDIA driver: libcuda not found")
        .contains("the CPU backend works without it");
  }
}

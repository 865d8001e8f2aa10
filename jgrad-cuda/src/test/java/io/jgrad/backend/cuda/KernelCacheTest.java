package io.jgrad.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.ops.UnaryOp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile cache with a counting fake compiler. */
class KernelCacheTest {
  @TempDir Path dir;

  private final List<List<String>> compiles = new ArrayList<>();

  private KernelCache cache(String version, Optional<Path> folder) {
    return new KernelCache(
        (source, file, options) -> {
          compiles.add(options);
          return ("image of " + file + " " + options).getBytes(StandardCharsets.UTF_8);
        },
        version,
        folder);
  }

  private static final KernelSource EXP = KernelSources.unary(UnaryOp.EXP, DType.FLOAT32);

  @Test
  void compilesOncePerSourceAndArchitecture() {
    KernelCache cache = cache("nvrtc 13.0", Optional.empty());
    KernelCache.Image first = cache.image(EXP, 90, false);
    assertThat(cache.image(EXP, 90, false)).isSameAs(first);
    cache.image(EXP, 80, false);
    assertThat(compiles)
        .containsExactly(
            List.of("--gpu-architecture=sm_90", "--std=c++17"),
            List.of("--gpu-architecture=sm_80", "--std=c++17"));
    assertThat(first.ptx()).isFalse();
  }

  @Test
  void ptxFallbackTargetsTheVirtualArchitecture() {
    KernelCache.Image image = cache("nvrtc 13.0", Optional.empty()).image(EXP, 100, true);
    assertThat(image.ptx()).isTrue();
    assertThat(compiles.get(0)).contains("--gpu-architecture=compute_100");
  }

  @Test
  void diskCacheServesANewProcessWithoutCompiling() throws IOException {
    cache("nvrtc 13.0", Optional.of(dir)).image(EXP, 90, false);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .singleElement()
          .asString()
          .endsWith(".cubin")
          .hasSize(64 + 6);
    }
    compiles.clear();
    KernelCache.Image again = cache("nvrtc 13.0", Optional.of(dir)).image(EXP, 90, false);
    assertThat(compiles).isEmpty();
    assertThat(again.fromDisk()).isTrue();
    assertThat(new String(again.bytes(), StandardCharsets.UTF_8)).startsWith("image of");
  }

  @Test
  void aNewCompilerVersionOrChangedSourceMissesTheCache() {
    KernelCache v13 = cache("nvrtc 13.0", Optional.of(dir));
    KernelCache v12 = cache("nvrtc 12.8", Optional.of(dir));
    assertThat(v13.key(EXP, 90, false)).isNotEqualTo(v12.key(EXP, 90, false));
    assertThat(v13.key(EXP, 90, false))
        .isNotEqualTo(v13.key(KernelSources.unary(UnaryOp.LOG, DType.FLOAT32), 90, false));
    v13.image(EXP, 90, false);
    v12.image(EXP, 90, false);
    assertThat(compiles).hasSize(2);
  }

  @Test
  void evictedEntryIsDeletedAndRecompiled() throws IOException {
    KernelCache cache = cache("nvrtc 13.0", Optional.of(dir));
    KernelCache.Image image = cache.image(EXP, 90, false);
    cache.evict(image);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
    cache.image(EXP, 90, false);
    assertThat(compiles).hasSize(2);
  }
}

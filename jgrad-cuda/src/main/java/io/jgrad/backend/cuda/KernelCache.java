package io.jgrad.backend.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled kernel images by source and architecture: in memory, and optionally on disk as {@code
 * <sha256>.cubin} (or {@code .ptx}), keyed by the SHA-256 of source, options, compiler version and
 * architecture, so a new NVRTC or a changed kernel never reuses a stale image.
 *
 * <p>{@code cache.image(KernelSources.unary(EXP, FLOAT32), 90)} compiles once per process and, with
 * a disk cache, once per machine.
 */
final class KernelCache {
  /** Compiles CUDA C; NVRTC in production, a fake in tests. */
  @FunctionalInterface
  interface Compiler {
    byte[] compile(String source, String fileName, List<String> options);
  }

  /** A compiled image and whether it is PTX (text for the driver's JIT) rather than CUBIN. */
  record Image(byte[] bytes, boolean ptx, String key, boolean fromDisk) {}

  private final Compiler compiler;
  private final String compilerVersion;
  private final Optional<Path> directory;
  private final Map<String, Image> memory = new ConcurrentHashMap<>();

  /** A cache over {@code compiler}; {@code directory} empty disables the disk cache. */
  KernelCache(Compiler compiler, String compilerVersion, Optional<Path> directory) {
    this.compiler = compiler;
    this.compilerVersion = compilerVersion;
    this.directory = directory;
  }

  /**
   * The disk cache folder from {@code jgrad.cuda.cacheDir}, else {@code $XDG_CACHE_HOME/jgrad/cuda}
   * or {@code ~/.cache/jgrad/cuda}; empty when {@code jgrad.cuda.diskCache=false} or when the
   * folder cannot be created and written (a read-only home must not stop the GPU from working).
   */
  static Optional<Path> defaultDirectory() {
    if ("false".equalsIgnoreCase(System.getProperty("jgrad.cuda.diskCache"))) {
      return Optional.empty();
    }
    String explicit = System.getProperty("jgrad.cuda.cacheDir");
    if (explicit != null) {
      return Optional.of(Path.of(explicit));
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return usable(base.resolve("jgrad").resolve("cuda"));
  }

  private static Optional<Path> usable(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      return Optional.empty();
    }
    return Files.isWritable(dir) ? Optional.of(dir) : Optional.empty();
  }

  /** NVRTC options for compute capability {@code arch} (90 for sm_90): CUBIN, or PTX. */
  static List<String> options(int arch, boolean ptx) {
    return List.of("--gpu-architecture=" + (ptx ? "compute_" : "sm_") + arch, "--std=c++17");
  }

  /** The cache key of {@code source} for {@code arch}. */
  String key(KernelSource source, int arch, boolean ptx) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(source.source().getBytes(StandardCharsets.UTF_8));
      sha.update(
          ("\0" + String.join(" ", options(arch, ptx)) + "\0" + compilerVersion)
              .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /**
   * The image of {@code source} for {@code arch}: CUBIN, or PTX when {@code ptx} (the fallback for
   * an architecture this NVRTC cannot target directly).
   */
  Image image(KernelSource source, int arch, boolean ptx) {
    String key = key(source, arch, ptx);
    return memory.computeIfAbsent(key, k -> load(source, arch, ptx, k));
  }

  /** Forgets an image everywhere, after the driver rejected it (a corrupt disk entry). */
  void evict(Image image) {
    memory.remove(image.key());
    directory.ifPresent(
        dir -> {
          try {
            Files.deleteIfExists(dir.resolve(fileName(image.key(), image.ptx())));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot delete corrupt kernel cache entry in " + dir, e);
          }
        });
  }

  /** Number of images held in memory. */
  int size() {
    return memory.size();
  }

  private static String fileName(String key, boolean ptx) {
    return key + (ptx ? ".ptx" : ".cubin");
  }

  private Image load(KernelSource source, int arch, boolean ptx, String key) {
    if (directory.isPresent()) {
      Path file = directory.get().resolve(fileName(key, ptx));
      if (Files.isRegularFile(file)) {
        try {
          return new Image(Files.readAllBytes(file), ptx, key, true);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read kernel cache entry " + file, e);
        }
      }
    }
    byte[] bytes = compiler.compile(source.source(), source.fileName(), options(arch, ptx));
    directory.ifPresent(dir -> store(dir, fileName(key, ptx), bytes));
    return new Image(bytes, ptx, key, false);
  }

  /** Writes to a temporary name in the same folder, then renames, so readers never see half. */
  private static void store(Path dir, String name, byte[] bytes) {
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, name, ".tmp");
      try {
        Files.write(temp, bytes);
        Files.move(
            temp,
            dir.resolve(name),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write kernel cache entry "
              + name
              + " in "
              + dir
              + " (set -Djgrad.cuda.diskCache=false to compile in memory only)",
          e);
    }
  }
}

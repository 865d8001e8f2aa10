package io.jgrad.io;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Saves and loads named tensors in the safetensors format, interchangeable with PyTorch's {@code
 * safetensors.torch.save_file} / {@code load_file}.
 *
 * <p>{@code SafeTensors.save(model.stateDict(), Path.of("model.safetensors"));}
 *
 * <p>Writes are atomic (temporary file, fsync, rename) and byte-identical to the reference writer
 * for the same tensors and at most one metadata key. Reads validate the whole header first and
 * reject malformed or hostile files with a {@link SafeTensorsFormatException}; see {@code
 * docs/SAFETENSORS.md}.
 */
public final class SafeTensors {
  private SafeTensors() {}

  /**
   * Writes {@code tensors} to {@code path}, replacing any existing file atomically.
   *
   * <p>{@code SafeTensors.save(Map.of("weight", w, "bias", b), path)}. Non-contiguous tensors and
   * tensors on other devices are written by value (their row-major contents); the file order is the
   * reference writer's (wider dtypes first, then by name), not the map's.
   *
   * @throws IllegalArgumentException for an empty or reserved ({@code __metadata__}) name
   * @throws IOException if writing fails; the previous file, if any, is then untouched
   */
  public static void save(Map<String, Tensor> tensors, Path path) throws IOException {
    SafeTensorsWriter.write(tensors, Optional.empty(), path, SafeTensorsWriter.WriteHook.NONE);
  }

  /**
   * Writes {@code tensors} with a {@code __metadata__} string map, in the map's iteration order.
   *
   * <p>{@code SafeTensors.save(stateDict, Map.of("format", "pt"), path)}. Store structured data
   * (optimizer hyper-parameters, step counts) as a JSON string value.
   */
  public static void save(Map<String, Tensor> tensors, Map<String, String> metadata, Path path)
      throws IOException {
    SafeTensorsWriter.write(tensors, Optional.of(metadata), path, SafeTensorsWriter.WriteHook.NONE);
  }

  /**
   * Reads every tensor of {@code path} onto the CPU, in header order.
   *
   * <p>{@code Map<String, Tensor> state = SafeTensors.load(path);} F16 and BF16 tensors become
   * float32; I16, U32 and the 8-bit float and complex types are refused.
   *
   * @throws SafeTensorsFormatException if the file is malformed or holds an unsupported dtype
   */
  public static LinkedHashMap<String, Tensor> load(Path path) throws IOException {
    return load(path, Device.CPU);
  }

  /**
   * Reads every tensor of {@code path} onto {@code device}.
   *
   * <p>{@code SafeTensors.load(path, Device.of("cuda"))}.
   */
  public static LinkedHashMap<String, Tensor> load(Path path, Device device) throws IOException {
    try (SafeTensorsFile file = open(path)) {
      LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
      for (String name : file.keys()) {
        out.put(name, file.get(name, device));
      }
      return out;
    }
  }

  /**
   * Reads every tensor of {@code path} converted to {@code dtype}, on the CPU.
   *
   * <p>{@code load(p, DType.FLOAT64)} widens F32, F16 and BF16 weights exactly.
   */
  public static LinkedHashMap<String, Tensor> load(Path path, DType dtype) throws IOException {
    try (SafeTensorsFile file = open(path)) {
      LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
      for (String name : file.keys()) {
        out.put(name, file.get(name, dtype));
      }
      return out;
    }
  }

  /**
   * Reads only the {@code __metadata__} strings of {@code path} (empty if it has none).
   *
   * <p>{@code SafeTensors.metadata(path).get("format")}.
   */
  public static Map<String, String> metadata(Path path) throws IOException {
    try (SafeTensorsFile file = open(path)) {
      return file.metadata();
    }
  }

  /**
   * Opens {@code path} for lazy reading: validates the header and reads tensors on demand.
   *
   * <p>{@code try (var f = SafeTensors.open(path)) { Tensor w = f.get("0.weight"); }}
   *
   * @throws SafeTensorsFormatException if the header is malformed
   */
  public static SafeTensorsFile open(Path path) throws IOException {
    return SafeTensorsFile.open(path);
  }
}

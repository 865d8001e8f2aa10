package io.jgrad.io;

import static io.jgrad.JGrad.arange;
import static io.jgrad.JGrad.scalar;
import static io.jgrad.JGrad.tensor;
import static io.jgrad.JGrad.zeros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.DType;
import io.jgrad.Device;
import io.jgrad.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsRoundTripTest {
  @TempDir Path dir;

  private static Map<String, Tensor> everyDType() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    float[] floats = {1.5f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, 3e38f, 1e-45f};
    m.put("f32", tensor(floats, 2, 3));
    m.put("f64", tensor(0.1, -1e300, Double.MIN_VALUE));
    m.put("i64", tensor(Long.MIN_VALUE, Long.MAX_VALUE, 0L));
    long[] ints = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 7};
    m.put("i32", tensor(ints, 2, 2).to(DType.INT32));
    m.put("u8", tensor(0L, 1L, 128L, 255L).to(DType.UINT8));
    m.put("bool", tensor(true, false, true));
    return m;
  }

  @Test
  void everyDTypeRoundTripsBitExactly() throws IOException {
    Path file = dir.resolve("all.safetensors");
    Map<String, Tensor> saved = everyDType();
    SafeTensors.save(saved, file);
    Map<String, Tensor> loaded = SafeTensors.load(file);
    assertThat(loaded.keySet()).containsExactlyInAnyOrderElementsOf(saved.keySet());
    for (var e : saved.entrySet()) {
      assertSameContents(loaded.get(e.getKey()), e.getValue());
    }
  }

  @Test
  void zeroDimAndEmptyTensorsRoundTrip() throws IOException {
    Path file = dir.resolve("edge.safetensors");
    Map<String, Tensor> saved =
        Map.of(
            "scalar", scalar(2.5f),
            "step", scalar(7L),
            "empty", zeros(0, 4),
            "empty_i64", zeros(3, 0).to(DType.INT64));
    SafeTensors.save(saved, file);
    try (SafeTensorsFile f = SafeTensors.open(file)) {
      assertThat(f.shape("scalar")).isEmpty();
      assertThat(f.shape("empty")).containsExactly(0, 4);
      assertThat(f.dtype("empty_i64")).isEqualTo(SafeTensorsDType.I64);
      for (var e : saved.entrySet()) {
        assertSameContents(f.get(e.getKey()), e.getValue());
      }
    }
  }

  @Test
  void fileLayoutFollowsTheReferenceWriter() throws IOException {
    Path file = dir.resolve("order.safetensors");
    SafeTensors.save(everyDType(), file);
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    assertThat(n % 8).isZero();
    String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
    // Wide dtypes first (I64 > F64 > F32 > I32 > U8 > BOOL), compact JSON, space padding.
    assertThat(header.stripTrailing())
        .isEqualTo(
            "{\"i64\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[0,24]},"
                + "\"f64\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[24,48]},"
                + "\"f32\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[48,72]},"
                + "\"i32\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[72,88]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[88,92]},"
                + "\"bool\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[92,95]}}");
    assertThat(header.substring(header.stripTrailing().length())).matches(" *");
    assertThat(bytes.length).isEqualTo(8 + n + 95);
    try (SafeTensorsFile f = SafeTensors.open(file)) {
      assertThat(f.keys()).containsExactly("i64", "f64", "f32", "i32", "u8", "bool");
      assertThat(f.hasMetadata()).isFalse();
    }
  }

  @Test
  void nonContiguousAndGradTensorsAreWrittenByValue() throws IOException {
    Tensor base = arange(0, 6).to(DType.FLOAT32).view(2, 3);
    Tensor transposed = base.t();
    Tensor strided = arange(0, 10).slice(0, 1, 9, 3);
    Tensor leaf = tensor(1f, 2f).requiresGrad_(true);
    Path file = dir.resolve("views.safetensors");
    SafeTensors.save(Map.of("t", transposed, "s", strided, "leaf", leaf), file);
    Map<String, Tensor> loaded = SafeTensors.load(file);
    assertThat(loaded.get("t").shape().toIntArray()).containsExactly(3, 2);
    assertThat(loaded.get("t").toFloatArray()).containsExactly(0, 3, 1, 4, 2, 5);
    assertThat(loaded.get("s").toLongArray()).containsExactly(1, 4, 7);
    assertThat(loaded.get("leaf").requiresGrad()).isFalse();
    assertThat(loaded.get("leaf").toFloatArray()).containsExactly(1f, 2f);
  }

  @Test
  void metadataRoundTripsInOrderAndEmptyMetadataIsKept() throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("format", "pt");
    metadata.put("optimizer", "{\"lr\": 0.01, \"step\": 3}");
    metadata.put("ünïcode\n", "tab\there");
    Path file = dir.resolve("meta.safetensors");
    SafeTensors.save(Map.of("w", tensor(1f)), metadata, file);
    assertThat(SafeTensors.metadata(file)).containsExactlyEntriesOf(metadata);

    Path empty = dir.resolve("empty-meta.safetensors");
    SafeTensors.save(Map.of(), Map.of(), empty);
    try (SafeTensorsFile f = SafeTensors.open(empty)) {
      assertThat(f.hasMetadata()).isTrue();
      assertThat(f.metadata()).isEmpty();
      assertThat(f.keys()).isEmpty();
    }
    // What safetensors.torch.save({}, metadata={}) writes, space-padded to 24 bytes.
    assertThat(new String(Files.readAllBytes(empty), 8, 24, StandardCharsets.UTF_8))
        .isEqualTo("{\"__metadata__\":{}}     ");
  }

  @Test
  void loadConvertsToTheRequestedDTypeAndDevice() throws IOException {
    Path file = dir.resolve("conv.safetensors");
    SafeTensors.save(Map.of("a", tensor(0.1f, 2f), "n", tensor(3L)), file);
    Map<String, Tensor> wide = SafeTensors.load(file, DType.FLOAT64);
    assertThat(wide.get("a").dtype()).isEqualTo(DType.FLOAT64);
    assertThat(wide.get("a").toDoubleArray()).containsExactly((double) 0.1f, 2.0);
    assertThat(wide.get("n").dtype()).isEqualTo(DType.FLOAT64);
    Map<String, Tensor> cpu = SafeTensors.load(file, Device.CPU);
    assertThat(cpu.get("n").device()).isEqualTo(Device.CPU);
    assertThat(cpu.get("n").dtype()).isEqualTo(DType.INT64);
  }

  @Test
  void lazyFileAnswersQuestionsAndRejectsUnknownNames() throws IOException {
    Path file = dir.resolve("lazy.safetensors");
    SafeTensors.save(everyDType(), Map.of("format", "pt"), file);
    try (SafeTensorsFile f = SafeTensors.open(file)) {
      assertThat(f.path()).isEqualTo(file);
      assertThat(f.contains("u8")).isTrue();
      assertThat(f.contains("missing")).isFalse();
      assertThat(f.metadata()).containsExactly(Map.entry("format", "pt"));
      assertThat(f.shape("f32")).containsExactly(2, 3);
      assertThat(f.dtype("bool")).isEqualTo(SafeTensorsDType.BOOL);
      assertThat(f.get("i32", DType.INT64).toLongArray())
          .containsExactly(Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 7);
      assertThatThrownBy(() -> f.get("missing"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("file does not contain tensor `missing`");
    }
  }

  @Test
  void saveReplacesAnExistingFile() throws IOException {
    Path file = dir.resolve("replace.safetensors");
    SafeTensors.save(Map.of("old", tensor(1f, 2f, 3f)), file);
    SafeTensors.save(Map.of("new", tensor(4L)), file);
    assertThat(SafeTensors.load(file).keySet()).containsExactly("new");
    assertThat(listDir()).containsExactly("replace.safetensors");
  }

  @Test
  void failedSaveKeepsTheOldFileAndLeavesNoTempFile() throws IOException {
    Path file = dir.resolve("model.safetensors");
    SafeTensors.save(Map.of("w", tensor(1f, 2f)), file);
    byte[] before = Files.readAllBytes(file);
    Map<String, Tensor> next = new LinkedHashMap<>();
    next.put("a", zeros(1000));
    next.put("b", zeros(1000));
    // Fail after the header and tensor "a" reached the temporary file.
    SafeTensorsWriter.WriteHook failOnB =
        name -> {
          if (name.equals("b")) {
            throw new IOException("disk full (injected)");
          }
        };
    assertThatThrownBy(() -> SafeTensorsWriter.write(next, Optional.empty(), file, failOnB))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full (injected)");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(listDir()).containsExactly("model.safetensors");

    SafeTensorsWriter.WriteHook crash =
        name -> {
          throw new IllegalStateException("tensor conversion failed (injected)");
        };
    assertThatThrownBy(() -> SafeTensorsWriter.write(next, Optional.empty(), file, crash))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(listDir()).containsExactly("model.safetensors");
  }

  @Test
  void badNamesAreRejectedBeforeAnythingIsWritten() throws IOException {
    Path file = dir.resolve("bad.safetensors");
    assertThatThrownBy(() -> SafeTensors.save(Map.of("", tensor(1f)), file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("safetensors: tensor names must not be empty");
    assertThatThrownBy(() -> SafeTensors.save(Map.of("__metadata__", tensor(1f)), file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "safetensors: `__metadata__` is reserved for metadata and cannot name a tensor");
    assertThat(listDir()).isEmpty();
  }

  private List<String> listDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  static void assertSameContents(Tensor actual, Tensor expected) {
    assertThat(actual.dtype()).isEqualTo(expected.dtype());
    assertThat(actual.shape()).isEqualTo(expected.shape());
    assertThat(actual.isContiguous()).isTrue();
    switch (expected.dtype()) {
      case FLOAT32 -> {
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        assertThat(a.length).isEqualTo(e.length);
        for (int i = 0; i < a.length; i++) {
          assertThat(Float.floatToRawIntBits(a[i])).isEqualTo(Float.floatToRawIntBits(e[i]));
        }
      }
      case FLOAT64 -> {
        double[] a = actual.toDoubleArray();
        double[] e = expected.toDoubleArray();
        assertThat(a.length).isEqualTo(e.length);
        for (int i = 0; i < a.length; i++) {
          assertThat(Double.doubleToRawLongBits(a[i])).isEqualTo(Double.doubleToRawLongBits(e[i]));
        }
      }
      default -> assertThat(actual.toLongArray()).containsExactly(expected.toLongArray());
    }
  }
}

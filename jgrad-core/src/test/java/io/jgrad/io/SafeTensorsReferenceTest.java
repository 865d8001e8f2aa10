package io.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.DType;
import io.jgrad.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files written by PyTorch's safetensors (make_reference.py beside them) read correctly, and jgrad
 * writes them back byte for byte.
 */
class SafeTensorsReferenceTest {
  @TempDir Path dir;

  static Path resource(String name) {
    try {
      return Path.of(SafeTensorsReferenceTest.class.getResource("/safetensors/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line of a NAME.txt file: what PyTorch holds for one tensor. */
  record Expected(String name, SafeTensorsDType dtype, long[] shape, String[] values) {}

  static List<Expected> expected(String stem) throws IOException {
    return Files.readAllLines(resource(stem + ".txt"), StandardCharsets.US_ASCII).stream()
        .map(
            line -> {
              String[] f = line.split("\t", -1);
              long[] shape =
                  f[2].isEmpty()
                      ? new long[0]
                      : Arrays.stream(f[2].split(",")).mapToLong(Long::parseLong).toArray();
              String[] values = f[3].isEmpty() ? new String[0] : f[3].split(",");
              return new Expected(
                  unescapePython(f[0]), SafeTensorsDType.valueOf(f[1]), shape, values);
            })
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"spec_vector", "all_dtypes", "sequential", "odd_names"})
  void pytorchFilesLoadWithTheirValues(String stem) throws IOException {
    List<Expected> expected = expected(stem);
    Path file = resource(stem + ".safetensors");
    Map<String, Tensor> loaded = SafeTensors.load(file);
    assertThat(loaded).hasSize(expected.size());
    try (SafeTensorsFile f = SafeTensors.open(file)) {
      for (Expected e : expected) {
        assertThat(f.dtype(e.name())).isEqualTo(e.dtype());
        assertThat(f.shape(e.name())).containsExactly(e.shape());
        Tensor t = loaded.get(e.name());
        assertThat(t.shape().toLongArray()).containsExactly(e.shape());
        assertThat(t.dtype()).isEqualTo(e.dtype().defaultDType().orElseThrow());
        assertThat(render(t)).containsExactly(e.values());
      }
    }
  }

  @Test
  void specTestVectorHasTheDocumentedBytes() throws IOException, NoSuchAlgorithmException {
    byte[] bytes = Files.readAllBytes(resource("spec_vector.safetensors"));
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo("eb9a42bbbf971d2f2fbc5bb55e5980f089789f364e622fd7221180051ecfe362");
    try (SafeTensorsFile f = SafeTensors.open(resource("spec_vector.safetensors"))) {
      assertThat(f.keys()).containsExactly("step", "bias", "weight");
      assertThat(f.metadata()).containsExactly(Map.entry("format", "pt"));
      assertThat(f.get("step").item()).isEqualTo(7.0);
    }
  }

  /** Half-precision values of the spec's table, decoded exactly (torch's f32 view of them). */
  @Test
  void halfPrecisionDecodesToTheSpecsTable() throws IOException {
    try (SafeTensorsFile f = SafeTensors.open(resource("all_dtypes.safetensors"))) {
      assertThat(f.get("bf16").toFloatArray())
          .containsExactly(
              1.0f, -2.5f, 0.10009765625f, 3.140625f, 65536.0f, Float.intBitsToFloat(0x322c0000));
      assertThat(f.get("f16").toFloatArray())
          .containsExactly(1.0f, -2.5f, 0.0999755859375f, 3.140625f, 65504.0f, 0.0f);
      Tensor wide = f.get("f16", DType.FLOAT64);
      assertThat(wide.dtype()).isEqualTo(DType.FLOAT64);
      assertThat(wide.toDoubleArray()[2]).isEqualTo(0.0999755859375);
    }
  }

  /** jgrad writes exactly what safetensors.torch.save_file wrote for the same tensors. */
  @ParameterizedTest
  @ValueSource(strings = {"spec_vector", "sequential", "odd_names"})
  void jgradRewritesPytorchFilesByteForByte(String stem) throws IOException {
    Path original = resource(stem + ".safetensors");
    Path copy = dir.resolve(stem + ".safetensors");
    try (SafeTensorsFile f = SafeTensors.open(original)) {
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (String name : f.keys()) {
        tensors.put(name, f.get(name));
      }
      SafeTensors.save(tensors, f.metadata(), copy);
    }
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
  }

  @Test
  void handmadeFileFromTheByteRecipeLoads() throws IOException {
    Path file = resource("handmade.safetensors");
    assertThat(Files.size(file)).isEqualTo(197);
    try (SafeTensorsFile f = SafeTensors.open(file)) {
      assertThat(f.keys()).containsExactly("b", "a", "z");
      assertThat(f.hasMetadata()).isFalse();
      Tensor a = f.get("a");
      assertThat(a.dtype()).isEqualTo(DType.UINT8);
      assertThat(a.dim()).isZero();
      assertThat(a.item()).isEqualTo(42.0);
      Tensor b = f.get("b");
      assertThat(b.dtype()).isEqualTo(DType.FLOAT32);
      assertThat(b.toFloatArray()).containsExactly(1.0f, -2.0f);
      Tensor z = f.get("z");
      assertThat(z.dtype()).isEqualTo(DType.BOOL);
      assertThat(z.shape().toIntArray()).containsExactly(0);
    }
  }

  /** Renders elements as make_reference.py does: float bits in hex, integers in decimal. */
  static String[] render(Tensor t) {
    int n = t.numel();
    String[] out = new String[n];
    switch (t.dtype()) {
      case FLOAT32 -> {
        float[] v = t.toFloatArray();
        for (int i = 0; i < n; i++) {
          out[i] = String.format("%08x", Float.floatToRawIntBits(v[i]));
        }
      }
      case FLOAT64 -> {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < n; i++) {
          out[i] = String.format("%016x", Double.doubleToRawLongBits(v[i]));
        }
      }
      default -> {
        long[] v = t.toLongArray();
        for (int i = 0; i < n; i++) {
          out[i] = Long.toString(v[i]);
        }
      }
    }
    return out;
  }

  /** Undoes Python's {@code str.encode("unicode_escape")}. */
  static String unescapePython(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char kind = s.charAt(++i);
      switch (kind) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case '\\' -> out.append('\\');
        case 'x', 'u', 'U' -> {
          int digits = kind == 'x' ? 2 : kind == 'u' ? 4 : 8;
          out.appendCodePoint(Integer.parseInt(s.substring(i + 1, i + 1 + digits), 16));
          i += digits;
        }
        default -> throw new IllegalArgumentException("unknown escape \\" + kind + " in " + s);
      }
    }
    return out.toString();
  }
}

package io.jgrad;

import static io.jgrad.JGrad.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jgrad.testing.Json;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The public factories ({@code manualSeed}, {@code rand}, {@code randn}, {@code randint}, {@code
 * randperm}) against PyTorch's golden streams: the tensor-level path from factory to generator.
 */
class RandomFactoriesTest {
  private static final Pattern CALL =
      Pattern.compile(
          "torch\\.(randn|rand|randint|randperm)\\((?:(-?\\d+), (-?\\d+), )?(\\(\\)|\\((\\d+),\\)|(\\d+))(, dtype=torch\\.float64)?\\)");

  @SuppressWarnings("unchecked")
  @TestFactory
  Stream<DynamicTest> factoriesReproduceTorchStreams() {
    Map<String, Object> root =
        (Map<String, Object>) Json.parseResource("/golden/torch-rng-golden.json");
    Map<String, Object> cases = (Map<String, Object>) root.get("cases");
    return cases.entrySet().stream()
        .filter(
            e ->
                ((List<Map<String, Object>>) ((Map<String, Object>) e.getValue()).get("calls"))
                    .stream().allMatch(c -> CALL.matcher((String) c.get("torch")).matches()))
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      Map<String, Object> golden = (Map<String, Object>) e.getValue();
                      manualSeed(((Number) golden.get("seed")).longValue());
                      for (Map<String, Object> call :
                          (List<Map<String, Object>>) golden.get("calls")) {
                        check(call);
                      }
                    }));
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> call) {
    Matcher m = CALL.matcher((String) call.get("torch"));
    assertThat(m.matches()).isTrue();
    String fn = m.group(1);
    boolean float64 = m.group(7) != null;
    int[] shape =
        m.group(4).equals("()")
            ? new int[0]
            : new int[] {Integer.parseInt(m.group(5) != null ? m.group(5) : m.group(6))};
    List<Object> values = (List<Object>) call.get("values");
    List<Object> bits = (List<Object>) call.get("bits_hex");
    Tensor t =
        switch (fn) {
          case "randn" ->
              float64 ? randn(Size.of(shape), TensorOptions.of(DType.FLOAT64)) : randn(shape);
          case "rand" ->
              float64
                  ? zeros(Size.of(shape), TensorOptions.of(DType.FLOAT64)).uniform_(0, 1)
                  : rand(shape);
          case "randint" -> randint(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), shape);
          default -> randperm(shape[0]);
        };
    assertThat(t.shape()).isEqualTo(Size.of(shape));
    if (fn.startsWith("rand") && (fn.equals("randn") || fn.equals("rand"))) {
      assertThat(t.dtype()).isEqualTo(float64 ? DType.FLOAT64 : DType.FLOAT32);
      if (float64) {
        double[] actual = t.toDoubleArray();
        for (int i = 0; i < actual.length; i++) {
          assertThat(Long.toHexString(Double.doubleToRawLongBits(actual[i])))
              .isEqualTo(
                  ((String) bits.get(i)).replaceFirst("^0x", "").replaceFirst("^0+(?=.)", ""));
        }
      } else {
        float[] actual = t.toFloatArray();
        for (int i = 0; i < actual.length; i++) {
          assertThat(Integer.toHexString(Float.floatToRawIntBits(actual[i])))
              .isEqualTo(
                  ((String) bits.get(i)).replaceFirst("^0x", "").replaceFirst("^0+(?=.)", ""));
        }
      }
    } else {
      assertThat(t.dtype()).isEqualTo(DType.INT64);
      long[] actual = t.toLongArray();
      for (int i = 0; i < actual.length; i++) {
        assertThat(actual[i]).isEqualTo(((Number) values.get(i)).longValue());
      }
    }
  }

  @Test
  void seedFourDataMatchesTorchAfterManualSeed1024() {
    manualSeed(1024);
    Tensor epsilon = randn(200);
    // torch.manual_seed(1024); torch.randn(200)[:3] (golden file, case randn200_seed1024_f32)
    assertThat(epsilon.toFloatArray()[0]).isEqualTo(-1.16197407f);
    assertThat(epsilon.toFloatArray()[1]).isEqualTo(1.31127715f);
    assertThat(epsilon.toFloatArray()[2]).isEqualTo(0.150726452f);
  }
}

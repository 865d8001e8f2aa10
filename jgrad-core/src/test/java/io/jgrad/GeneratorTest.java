package io.jgrad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.testing.Json;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class GeneratorTest {

  private static final Pattern SHAPE_1D = Pattern.compile("\\(\\((\\d+),\\)");
  private static final Pattern RANDINT = Pattern.compile("torch\\.randint\\((-?\\d+), (-?\\d+), \\((\\d+),\\)\\)");
  private static final Pattern RANDPERM = Pattern.compile("torch\\.randperm\\((\\d+)\\)");
  private static final Pattern EMPTY_UNIFORM =
      Pattern.compile("torch\\.empty\\(\\((\\d+),\\)\\)\\.uniform_\\(([-0-9.e]+), ([-0-9.e]+)\\)");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> goldenCases() {
    Map<String, Object> root = (Map<String, Object>) Json.parseResource("/golden/torch-rng-golden.json");
    return (Map<String, Object>) root.get("cases");
  }

  /** Every case of the golden file, each call mapped onto the primitive the spec reduces it to. */
  @TestFactory
  @SuppressWarnings("unchecked")
  Stream<DynamicTest> everyGoldenCaseMatchesPyTorchBitForBit() {
    Map<String, Object> cases = goldenCases();
    assertThat(cases).isNotEmpty();
    return cases.entrySet().stream()
        .map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
          Map<String, Object> golden = (Map<String, Object>) entry.getValue();
          Generator generator = new Generator().manualSeed(((Number) golden.get("seed")).longValue());
          for (Object call : (List<Object>) golden.get("calls")) {
            runGoldenCall(generator, (Map<String, Object>) call);
          }
        }));
  }

  @SuppressWarnings("unchecked")
  private static void runGoldenCall(Generator generator, Map<String, Object> call) {
    String torch = (String) call.get("torch");
    String dtype = (String) call.getOrDefault("dtype", "");
    List<Object> values = (List<Object>) call.get("values");
    List<Object> bits = (List<Object>) call.get("bits_hex");
    int n = values.size();
    Matcher matcher;
    if (torch.startsWith("torch.randn(") || torch.startsWith("torch.rand(")) {
      boolean normal = torch.startsWith("torch.randn(");
      // randn(()) is a 0-dim tensor: numel 1. Otherwise the golden lists every element.
      matcher = SHAPE_1D.matcher(torch);
      int numel = matcher.find() ? Integer.parseInt(matcher.group(1)) : 1;
      assertThat(numel).as(torch).isEqualTo(n);
      if (dtype.equals("float64")) {
        double[] out = new double[n];
        if (normal) {
          generator.normal(out, 0, n, 0, 1, true);
        } else {
          generator.uniform(out, 0, n, 0, 1);
        }
        assertDoubleBits(torch, out, bits);
      } else {
        float[] out = new float[n];
        if (normal) {
          generator.normal(out, 0, n, 0, 1, true);
        } else {
          generator.uniform(out, 0, n, 0, 1);
        }
        assertFloatBits(torch, out, bits);
      }
    } else if ((matcher = RANDINT.matcher(torch)).matches()) {
      long[] out = new long[Integer.parseInt(matcher.group(3))];
      generator.randint(out, 0, out.length, Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
      assertThat(out).as(torch).containsExactly(toLongs(values));
    } else if ((matcher = RANDPERM.matcher(torch)).matches()) {
      assertThat(generator.randperm(Integer.parseInt(matcher.group(1)))).as(torch).containsExactly(toLongs(values));
    } else if ((matcher = EMPTY_UNIFORM.matcher(torch)).find()) {
      // nn.Linear init: the spec reduces weight and bias to uniform_ fills, in that order.
      float[] out = new float[Integer.parseInt(matcher.group(1))];
      generator.uniform(out, 0, out.length, Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(3)));
      assertFloatBits(torch, out, bits);
    } else if (torch.startsWith("raw engine output: random()")) {
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = Integer.toUnsignedLong(generator.random());
      }
      assertThat(out).as(torch).containsExactly(toLongs(values));
    } else if (torch.startsWith("raw engine output: random64()")) {
      for (Object value : values) {
        BigInteger expected = value instanceof BigInteger big ? big : BigInteger.valueOf((Long) value);
        assertThat(Long.toUnsignedString(generator.random64())).as(torch).isEqualTo(expected.toString());
      }
    } else {
      throw new AssertionError("golden call not mapped to a Generator primitive: " + torch);
    }
  }

  private static long[] toLongs(List<Object> values) {
    return values.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
  }

  private static void assertFloatBits(String what, float[] actual, List<Object> bits) {
    assertThat(bits).as(what).hasSize(actual.length);
    List<String> actualHex = new ArrayList<>();
    for (float v : actual) {
      actualHex.add(String.format("%08x", Float.floatToRawIntBits(v)));
    }
    assertThat(actualHex).as(what).containsExactlyElementsOf(bits.stream().map(String.class::cast).toList());
  }

  private static void assertDoubleBits(String what, double[] actual, List<Object> bits) {
    assertThat(bits).as(what).hasSize(actual.length);
    List<String> actualHex = new ArrayList<>();
    for (double v : actual) {
      actualHex.add(String.format("%016x", Double.doubleToRawLongBits(v)));
    }
    assertThat(actualHex).as(what).containsExactlyElementsOf(bits.stream().map(String.class::cast).toList());
  }

  /** nn.Linear.reset_parameters: bounds computed in Python's order, weight fill, then bias fill. */
  @Test
  @SuppressWarnings("unchecked")
  void linearInitIsKaimingUniformWeightThenBiasFromUniformFills() {
    Map<String, Object> cases = goldenCases();
    int[][] shapes = {{3, 2}, {10, 4}};
    for (int[] shape : shapes) {
      int in = shape[0];
      int outFeatures = shape[1];
      Map<String, Object> golden = (Map<String, Object>) cases.get("linear_" + in + "to" + outFeatures + "_seed0_weight_then_bias");
      List<Object> calls = (List<Object>) golden.get("calls");
      double a = Math.sqrt(5.0);
      double gain = Math.sqrt(2.0 / (1 + a * a));
      double std = gain / Math.sqrt(in);
      double weightBound = Math.sqrt(3.0) * std;
      double biasBound = 1 / Math.sqrt(in);
      assertThat((String) ((Map<String, Object>) calls.get(0)).get("torch")).contains("uniform_(-" + weightBound + ", " + weightBound + ")");
      assertThat((String) ((Map<String, Object>) calls.get(1)).get("torch")).contains("uniform_(-" + biasBound + ", " + biasBound + ")");

      Generator generator = new Generator().manualSeed(0);
      float[] weight = new float[in * outFeatures];
      float[] bias = new float[outFeatures];
      generator.uniform(weight, 0, weight.length, -weightBound, weightBound);
      generator.uniform(bias, 0, bias.length, -biasBound, biasBound);
      assertFloatBits("weight", weight, (List<Object>) ((Map<String, Object>) calls.get(0)).get("bits_hex"));
      assertFloatBits("bias", bias, (List<Object>) ((Map<String, Object>) calls.get(1)).get("bits_hex"));
    }
    // The spec's example of the two bounds differing in the last double bit.
    assertThat(Math.sqrt(3.0) * (Math.sqrt(2.0 / (1 + Math.sqrt(5.0) * Math.sqrt(5.0))) / Math.sqrt(3))).isEqualTo(0.5773502691896257);
    assertThat(1 / Math.sqrt(3)).isEqualTo(0.5773502691896258);
  }
}

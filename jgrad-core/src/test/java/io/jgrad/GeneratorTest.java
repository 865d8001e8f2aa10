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
  private static final Pattern RANDINT =
      Pattern.compile("torch\\.randint\\((-?\\d+), (-?\\d+), \\((\\d+),\\)\\)");
  private static final Pattern RANDPERM = Pattern.compile("torch\\.randperm\\((\\d+)\\)");
  private static final Pattern EMPTY_UNIFORM =
      Pattern.compile("torch\\.empty\\(\\((\\d+),\\)\\)\\.uniform_\\(([-0-9.e]+), ([-0-9.e]+)\\)");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> goldenCases() {
    Map<String, Object> root =
        (Map<String, Object>) Json.parseResource("/golden/torch-rng-golden.json");
    return (Map<String, Object>) root.get("cases");
  }

  /** Every case of the golden file, each call mapped onto the primitive the spec reduces it to. */
  @TestFactory
  @SuppressWarnings("unchecked")
  Stream<DynamicTest> everyGoldenCaseMatchesPyTorchBitForBit() {
    Map<String, Object> cases = goldenCases();
    assertThat(cases).isNotEmpty();
    return cases.entrySet().stream()
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    entry.getKey(),
                    () -> {
                      Map<String, Object> golden = (Map<String, Object>) entry.getValue();
                      Generator generator =
                          new Generator().manualSeed(((Number) golden.get("seed")).longValue());
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
      long low = Long.parseLong(matcher.group(1));
      long high = Long.parseLong(matcher.group(2));
      generator.randint(out, 0, out.length, low, high);
      assertThat(out).as(torch).containsExactly(toLongs(values));
    } else if ((matcher = RANDPERM.matcher(torch)).matches()) {
      long[] permutation = generator.randperm(Integer.parseInt(matcher.group(1)));
      assertThat(permutation).as(torch).containsExactly(toLongs(values));
    } else if ((matcher = EMPTY_UNIFORM.matcher(torch)).find()) {
      // nn.Linear init: the spec reduces weight and bias to uniform_ fills, in that order.
      float[] out = new float[Integer.parseInt(matcher.group(1))];
      double from = Double.parseDouble(matcher.group(2));
      double to = Double.parseDouble(matcher.group(3));
      generator.uniform(out, 0, out.length, from, to);
      assertFloatBits(torch, out, bits);
    } else if (torch.startsWith("raw engine output: random()")) {
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = Integer.toUnsignedLong(generator.random());
      }
      assertThat(out).as(torch).containsExactly(toLongs(values));
    } else if (torch.startsWith("raw engine output: random64()")) {
      for (Object value : values) {
        BigInteger expected =
            value instanceof BigInteger big ? big : BigInteger.valueOf((Long) value);
        assertThat(Long.toUnsignedString(generator.random64()))
            .as(torch)
            .isEqualTo(expected.toString());
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
    assertThat(actualHex)
        .as(what)
        .containsExactlyElementsOf(bits.stream().map(String.class::cast).toList());
  }

  private static void assertDoubleBits(String what, double[] actual, List<Object> bits) {
    assertThat(bits).as(what).hasSize(actual.length);
    List<String> actualHex = new ArrayList<>();
    for (double v : actual) {
      actualHex.add(String.format("%016x", Double.doubleToRawLongBits(v)));
    }
    assertThat(actualHex)
        .as(what)
        .containsExactlyElementsOf(bits.stream().map(String.class::cast).toList());
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
      String name = "linear_" + in + "to" + outFeatures + "_seed0_weight_then_bias";
      Map<String, Object> golden = (Map<String, Object>) cases.get(name);
      List<Object> calls = (List<Object>) golden.get("calls");
      double a = Math.sqrt(5.0);
      double gain = Math.sqrt(2.0 / (1 + a * a));
      double std = gain / Math.sqrt(in);
      double weightBound = Math.sqrt(3.0) * std;
      double biasBound = 1 / Math.sqrt(in);
      Map<String, Object> weightCall = (Map<String, Object>) calls.get(0);
      Map<String, Object> biasCall = (Map<String, Object>) calls.get(1);
      assertThat((String) weightCall.get("torch"))
          .contains("uniform_(-" + weightBound + ", " + weightBound + ")");
      assertThat((String) biasCall.get("torch"))
          .contains("uniform_(-" + biasBound + ", " + biasBound + ")");

      Generator generator = new Generator().manualSeed(0);
      float[] weight = new float[in * outFeatures];
      float[] bias = new float[outFeatures];
      generator.uniform(weight, 0, weight.length, -weightBound, weightBound);
      generator.uniform(bias, 0, bias.length, -biasBound, biasBound);
      assertFloatBits("weight", weight, (List<Object>) weightCall.get("bits_hex"));
      assertFloatBits("bias", bias, (List<Object>) biasCall.get("bits_hex"));
    }
    // The spec's example of the two bounds differing in the last double bit.
    double a = Math.sqrt(5.0);
    double gainOverRootFanIn = Math.sqrt(2.0 / (1 + a * a)) / Math.sqrt(3);
    assertThat(Math.sqrt(3.0) * gainOverRootFanIn).isEqualTo(0.5773502691896257);
    assertThat(1 / Math.sqrt(3)).isEqualTo(0.5773502691896258);
  }

  @Test
  void newGeneratorUsesPyTorchDefaultSeed() {
    Generator fresh = new Generator();
    assertThat(fresh.initialSeed()).isEqualTo(67280421310721L);
    Generator seeded = new Generator().manualSeed(67280421310721L);
    assertThat(fresh.random64()).isEqualTo(seeded.random64());
  }

  @Test
  void seedsThatAgreeInTheLow32BitsGiveEqualStreams() {
    assertThat(draws(new Generator().manualSeed(7), 1000))
        .isEqualTo(draws(new Generator().manualSeed(7 + (1L << 32)), 1000));
    assertThat(draws(new Generator().manualSeed(-1), 1000))
        .isEqualTo(draws(new Generator().manualSeed(0xFFFFFFFFL), 1000));
    assertThat(draws(new Generator().manualSeed(1), 10))
        .isNotEqualTo(draws(new Generator().manualSeed(2), 10));
  }

  @Test
  void initialSeedIsTheUint64Seed() {
    Generator generator = new Generator().manualSeed(-1);
    assertThat(generator.initialSeed()).isEqualTo(-1L);
    assertThat(Long.toUnsignedString(generator.initialSeed())).isEqualTo("18446744073709551615");
    assertThat(new Generator().manualSeed(7 + (1L << 32)).initialSeed()).isEqualTo(7 + (1L << 32));
  }

  @Test
  void seedReseedsAndReportsTheNewSeed() {
    Generator generator = new Generator();
    long seed = generator.seed();
    assertThat(generator.initialSeed()).isEqualTo(seed);
    assertThat(draws(generator, 5)).isEqualTo(draws(new Generator().manualSeed(seed), 5));
  }

  @Test
  void defaultGeneratorIsOneSharedInstance() {
    assertThat(Generator.defaultGenerator()).isSameAs(Generator.defaultGenerator());
  }

  @Test
  void savedStateReplaysTheStreamIncludingTheCachedNormal() {
    Generator generator = new Generator().manualSeed(0);
    float[] first = new float[3];
    generator.normal(first, 0, 3, 0, 1, true); // leaves a sine in the cache
    generator.random(); // mid-buffer engine position
    byte[] saved = generator.getState();
    assertThat(saved).hasSize(Generator.STATE_SIZE);

    float[] expected = new float[40];
    generator.normal(expected, 0, 1, 0, 1, true); // served from the cache
    generator.normal(expected, 1, 39, 0.5, 2, true);
    long expectedDraw = generator.random64();

    generator.manualSeed(123);
    generator.setState(saved);
    float[] replayed = new float[40];
    generator.normal(replayed, 0, 1, 0, 1, true);
    generator.normal(replayed, 1, 39, 0.5, 2, true);
    assertThat(replayed).isEqualTo(expected);
    assertThat(generator.random64()).isEqualTo(expectedDraw);
    assertThat(generator.initialSeed()).isZero();
    assertThat(new Generator().manualSeed(0).random()).isEqualTo((int) 2357136044L);
  }

  @Test
  void stateBlobFollowsPyTorchLayout() {
    Generator generator = new Generator().manualSeed(-2);
    ByteBuffer blob = ByteBuffer.wrap(generator.getState()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(blob.getLong(0)).isEqualTo(-2L);
    assertThat(blob.getInt(8)).as("left").isEqualTo(1);
    assertThat(blob.getInt(12)).as("seeded").isEqualTo(1);
    assertThat(blob.getLong(16)).as("next").isZero();
    assertThat(blob.getLong(24)).as("state[0]").isEqualTo(0xFFFFFFFEL);
    assertThat(blob.getInt(5040)).as("double cache valid").isZero();

    float[] three = new float[3];
    generator.normal(three, 0, 3, 0, 1, false);
    blob = ByteBuffer.wrap(generator.getState()).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(blob.getInt(8)).as("left after 8 draws").isEqualTo(617);
    assertThat(blob.getLong(16)).as("next after 8 draws").isEqualTo(8);
    assertThat(blob.getInt(5040)).as("double cache valid").isEqualTo(1);
    assertThat(blob.getDouble(5024)).isNotZero();
    assertThat(blob.get(5052)).as("float cache valid").isZero();
  }

  @Test
  void floatCacheFlagSurvivesARoundTrip() {
    byte[] blob = new Generator().manualSeed(3).getState();
    ByteBuffer buffer = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putFloat(5048, 1.25f);
    buffer.put(5052, (byte) 1);
    Generator generator = new Generator();
    generator.setState(blob);
    assertThat(generator.getState()).isEqualTo(blob);
  }

  @Test
  void setStateRejectsBadBlobsNamingTheProblem() {
    Generator generator = new Generator().manualSeed(0);
    assertThatThrownBy(() -> generator.setState(new byte[100]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5056 bytes but found 100");
    assertThatThrownBy(() -> generator.setState(withInt(generator.getState(), 8, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("left=0 must be in [1, 624]");
    assertThatThrownBy(() -> generator.setState(withInt(generator.getState(), 8, 625)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("left=625");
    assertThatThrownBy(() -> generator.setState(withInt(generator.getState(), 12, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("seeded flag is 0");
    byte[] farNext = generator.getState();
    ByteBuffer.wrap(farNext).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 700);
    assertThatThrownBy(() -> generator.setState(farNext))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("next=700");
    byte[] overrun = withInt(generator.getState(), 8, 624);
    ByteBuffer.wrap(overrun).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 624);
    assertThatThrownBy(() -> generator.setState(overrun))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("next=624 with left=624");
    // A rejected blob leaves the generator untouched.
    assertThat(Integer.toUnsignedLong(generator.random())).isEqualTo(2357136044L);
  }

  private static byte[] withInt(byte[] blob, int offset, int value) {
    ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
    return blob;
  }

  /** Spec G10 (llm.c reference, seed 137): valid only under the PyTorch 2.6 randint rule. */
  @Test
  void llmCReferenceStreamUnderPyTorch26RandintRule() {
    Generator generator = new Generator().manualSeed(137);
    long[] ints = new long[1];
    long[] expected = {4053805790L, 2173880614L, 380293709L, 1237255315L, 2986595568L};
    for (long value : expected) {
      generator.randint(ints, 0, 1, 0, 0xFFFFFFFFL, Generator.RandintRule.PYTORCH_2_6_AND_EARLIER);
      assertThat(ints[0]).isEqualTo(value);
    }
    float[] small = new float[8];
    generator.normal(small, 0, 8, 0, 1, true);
    assertThat((double) small[0]).isEqualTo(0.7947664260864258);
    generator.randint(ints, 0, 1, 0, 0xFFFFFFFFL, Generator.RandintRule.PYTORCH_2_6_AND_EARLIER);
    assertThat(ints[0]).isEqualTo(2186503452L);
    float[] block = new float[16];
    generator.normal(block, 0, 16, 0, 1, true);
    assertThat((double) block[0]).isEqualTo(-1.2813878059387207);
    generator.randint(ints, 0, 1, 0, 0xFFFFFFFFL, Generator.RandintRule.PYTORCH_2_6_AND_EARLIER);
    assertThat(ints[0]).isEqualTo(2756748748L);
  }

  @Test
  void randintTakes64BitDrawsFrom2To28InPyTorch27() {
    long[] out = new long[3];
    long range = 1L << 28;
    new Generator().manualSeed(9).randint(out, 0, 3, -5, range - 5);
    Generator reference = new Generator().manualSeed(9);
    for (long value : out) {
      assertThat(value).isEqualTo(Long.remainderUnsigned(reference.random64(), range) - 5);
    }
    new Generator().manualSeed(9).randint(out, 0, 3, 0, range - 1);
    reference.manualSeed(9);
    for (long value : out) {
      assertThat(value).isEqualTo(Integer.toUnsignedLong(reference.random()) % (range - 1));
    }
    // A range above 2^63 is unsigned, as in PyTorch.
    new Generator().manualSeed(9).randint(out, 0, 3, Long.MIN_VALUE, Long.MAX_VALUE);
    reference.manualSeed(9);
    for (long value : out) {
      assertThat(value)
          .isEqualTo(Long.remainderUnsigned(reference.random64(), -1L) + Long.MIN_VALUE);
    }
  }

  @Test
  void smallNormalCallsShareOneBoxMullerStream() {
    float[] twice = new float[14];
    Generator generator = new Generator().manualSeed(0);
    generator.normal(twice, 0, 7, 0, 1, true);
    generator.normal(twice, 7, 7, 0, 1, true);
    float[] once = new float[14];
    new Generator().manualSeed(0).normal(once, 0, 14, 0, 1, true);
    assertThat(twice).isEqualTo(once);
    // Non-contiguous outputs take the per-element path even when large.
    float[] strided = new float[20];
    new Generator().manualSeed(0).normal(strided, 0, 20, 0, 1, false);
    assertThat(Arrays.copyOf(strided, 14)).isEqualTo(once);
  }

  @Test
  void normalAppliesMeanAndStdWithOneRounding() {
    float[] scaled = new float[32];
    new Generator().manualSeed(1).normal(scaled, 0, 32, 3, 0.5, true);
    float[] unit = new float[32];
    new Generator().manualSeed(1).normal(unit, 0, 32, 0, 1, true);
    for (int i = 0; i < 32; i++) {
      assertThat(scaled[i]).isEqualTo(Math.fma(unit[i], 0.5f, 3f));
    }
  }

  @Test
  void bernoulliUsesOne53BitUniformPerElement() {
    float[] mask = new float[1000];
    Generator generator = new Generator().manualSeed(4);
    generator.bernoulli(mask, 0, 1000, 0.3);
    Generator reference = new Generator().manualSeed(4);
    double ones = 0;
    for (float value : mask) {
      double u = (reference.random64() & ((1L << 53) - 1)) * 0x1.0p-53;
      assertThat(value).isEqualTo(u < 0.3 ? 1f : 0f);
      ones += value;
    }
    assertThat(ones / mask.length).isBetween(0.25, 0.35);
    new Generator().bernoulli(mask, 0, 10, 0);
    assertThat(Arrays.copyOf(mask, 10)).containsOnly(0f);
    new Generator().bernoulli(mask, 0, 10, 1);
    assertThat(Arrays.copyOf(mask, 10)).containsOnly(1f);
  }

  @Test
  void randpermOfZeroAndOneDrawsNothing() {
    Generator generator = new Generator().manualSeed(0);
    assertThat(generator.randperm(0)).isEmpty();
    assertThat(generator.randperm(1)).containsExactly(0L);
    assertThat(Integer.toUnsignedLong(generator.random())).isEqualTo(2357136044L);
  }

  @Test
  void fillsWriteOnlyTheirRange() {
    float[] out = new float[10];
    Arrays.fill(out, -7f);
    new Generator().manualSeed(0).normal(out, 2, 5, 0, 1, true);
    assertThat(out[0]).isEqualTo(-7f);
    assertThat(out[1]).isEqualTo(-7f);
    assertThat(out[7]).isEqualTo(-7f);
    float[] expected = new float[5];
    new Generator().manualSeed(0).normal(expected, 0, 5, 0, 1, true);
    assertThat(Arrays.copyOfRange(out, 2, 7)).isEqualTo(expected);
  }

  @Test
  void badArgumentsAreRejectedWithTheirValues() {
    Generator generator = new Generator();
    assertThatThrownBy(() -> generator.uniform(new float[2], 0, 2, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from=1.0 > to=0.0");
    assertThatThrownBy(() -> generator.uniform(new float[2], 0, 2, -1e39, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from=-1.0E39");
    assertThatThrownBy(
            () -> generator.uniform(new double[2], 0, 2, -Double.MAX_VALUE, Double.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceed the limit");
    assertThatThrownBy(() -> generator.normal(new float[2], 0, 2, 0, -1, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("std >= 0.0, but found std -1.0");
    assertThatThrownBy(() -> generator.randint(new long[2], 0, 2, 5, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from=5 >= to=5");
    assertThatThrownBy(() -> generator.randperm(-3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got -3");
    assertThatThrownBy(() -> generator.bernoulli(new float[2], 0, 2, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("p=1.5");
    assertThatThrownBy(() -> generator.uniform(new float[2], 1, 2, 0, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  private static long[] draws(Generator generator, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = Integer.toUnsignedLong(generator.random());
    }
    return out;
  }
}

package io.jgrad.autograd;

import static io.jgrad.JGrad.cat;
import static io.jgrad.JGrad.stack;
import static io.jgrad.JGrad.tensor;
import static io.jgrad.JGrad.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jgrad.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference checks of every differentiable op on random float64 shapes from a seeded {@link
 * SplittableRandom}, including broadcast operands and transposed or sliced inputs. Inputs are the
 * leaves; views are taken inside the checked function so perturbations reach them.
 */
class GradCheckTest {
  private static final int SEEDS = 3;

  /** A checked function together with its leaf inputs. */
  private record Check(Function<Tensor[], Tensor> fn, Tensor... inputs) {}

  private static Tensor leaf(SplittableRandom r, boolean positive, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      // keep away from kinks (0 for abs/relu) and from log/sqrt's singularity
      double magnitude = 0.2 + r.nextDouble() * 1.8;
      v[i] = positive || r.nextBoolean() ? magnitude : -magnitude;
    }
    return tensor(v, shape).requiresGrad_(true);
  }

  private static Tensor indices(SplittableRandom r, int bound, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextInt(bound);
    }
    return tensor(v, shape);
  }

  private static Tensor mask(SplittableRandom r, int... shape) {
    return indices(r, 2, shape).eq(1.0);
  }

  private static int dim(SplittableRandom r) {
    return r.nextInt(1, 5);
  }

  private static Map<String, Function<SplittableRandom, Check>> checks() {
    Map<String, Function<SplittableRandom, Check>> m = new LinkedHashMap<>();
    binary(m, "add", Tensor::add, false);
    binary(m, "sub", Tensor::sub, false);
    binary(m, "mul", Tensor::mul, false);
    binary(m, "div", Tensor::div, true);
    binary(m, "pow", Tensor::pow, true);
    binary(m, "minimum", Tensor::minimum, false);
    binary(m, "maximum", Tensor::maximum, false);
    unary(m, "neg", Tensor::neg, false);
    unary(m, "exp", Tensor::exp, false);
    unary(m, "log", Tensor::log, true);
    unary(m, "log1p", Tensor::log1p, true);
    unary(m, "sqrt", Tensor::sqrt, true);
    unary(m, "rsqrt", Tensor::rsqrt, true);
    unary(m, "abs", Tensor::abs, false);
    unary(m, "sin", Tensor::sin, false);
    unary(m, "cos", Tensor::cos, false);
    unary(m, "tanh", Tensor::tanh, false);
    unary(m, "sigmoid", Tensor::sigmoid, false);
    unary(m, "relu", Tensor::relu, false);
    unary(m, "clamp", x -> x.clamp(-0.7, 0.9), false);
    unary(m, "powScalar", x -> x.pow(3.0), false);
    unary(m, "powHalf", x -> x.pow(0.5), true);
    unary(m, "sum", x -> x.sum(), false);
    unary(m, "sumDim", x -> x.sum(new int[] {-1}, true), false);
    unary(m, "mean", x -> x.mean(new int[] {0}, false), false);
    m.put(
        "var",
        r ->
            new Check(
                in -> in[0].t().var(new int[] {0}, 1, true), leaf(r, false, dim(r), dim(r) + 1)));
    unary(m, "var0", x -> x.var(new int[0], 0, false), false);
    unary(m, "std", x -> x.std(new int[] {-1}, 0, false), false);
    unary(m, "prod", x -> x.prod(), false);
    unary(m, "prodDim", x -> x.prod(0, false), false);
    unary(m, "amax", x -> x.amax(new int[] {0}, false), false);
    unary(m, "amin", x -> x.amin(new int[] {-1}, true), false);
    unary(m, "maxAll", Tensor::max, false);
    unary(m, "maxDim", x -> x.max(0, false).values(), false);
    unary(m, "minDim", x -> x.min(-1, true).values(), false);
    unary(m, "logsumexp", x -> x.logsumexp(new int[] {-1}, false), false);
    unary(m, "softmax", x -> x.softmax(-1), false);
    unary(m, "logSoftmax", x -> x.logSoftmax(0), false);
    unary(m, "clone", Tensor::clone, false);
    unary(m, "reshape", x -> x.reshape(-1), false);
    unary(m, "t", Tensor::t, false);
    unary(m, "transpose", x -> x.transpose(0, 1), false);
    unary(m, "permute", x -> x.permute(1, 0), false);
    unary(m, "unsqueeze", x -> x.unsqueeze(1).mul(x.unsqueeze(0).sum()), false);
    unary(m, "squeeze", x -> x.unsqueeze(0).squeeze(0), false);
    unary(m, "expand", x -> x.unsqueeze(0).expand(3, -1, -1), false);
    unary(m, "flatten", Tensor::flatten, false);
    unary(m, "slice", x -> x.slice(1, 0, x.size(1), 2), false);
    unary(m, "narrow", x -> x.narrow(0, 0, 1), false);
    unary(m, "select", x -> x.select(1, -1), false);
    unary(m, "split", x -> x.split(2, 1).get(0), false);
    unary(m, "chunk", x -> x.chunk(2, 0).get(x.chunk(2, 0).size() - 1), false);
    unary(m, "inPlaceOnNonLeaf", x -> x.mul(2).add_(1).mul_(x).div_(x.add(3)), true);
    unary(m, "powInPlace", x -> x.mul(1).pow_(2), false);
    unary(m, "diamond", x -> x.mul(x).add(x.sin().mul(x)), false);
    m.put(
        "viewContiguous",
        r -> new Check(in -> in[0].view(-1).mul(2), leaf(r, false, dim(r), dim(r))));
    m.put(
        "where",
        r -> {
          int a = dim(r);
          int b = dim(r);
          return new Check(
              in -> where(mask(new SplittableRandom(1), a, b), in[0], in[1].t()),
              leaf(r, false, a, b),
              leaf(r, false, b, a));
        });
    m.put(
        "matmul2d",
        r -> {
          int a = dim(r);
          int b = dim(r);
          int c = dim(r);
          return new Check(
              in -> in[0].matmul(in[1].t()), leaf(r, false, a, b), leaf(r, false, c, b));
        });
    m.put(
        "matmulBatchedBroadcast",
        r -> {
          int b = dim(r);
          return new Check(
              in -> in[0].matmul(in[1]), leaf(r, false, 2, 1, 3, b), leaf(r, false, 3, b, 2));
        });
    m.put(
        "matmulVector",
        r -> {
          int a = dim(r);
          int b = dim(r);
          return new Check(
              in -> in[0].matmul(in[1]).add(in[1].matmul(in[0].t()).sum()),
              leaf(r, false, a, b),
              leaf(r, false, b));
        });
    m.put("mm", r -> new Check(in -> in[0].mm(in[1]), leaf(r, false, 2, 3), leaf(r, false, 3, 4)));
    m.put(
        "bmm",
        r ->
            new Check(
                in -> in[0].bmm(in[1].transpose(1, 2)),
                leaf(r, false, 2, 3, 4),
                leaf(r, false, 2, 5, 4)));
    m.put("mv", r -> new Check(in -> in[0].mv(in[1]), leaf(r, false, 3, 4), leaf(r, false, 4)));
    m.put(
        "dot",
        r ->
            new Check(
                in -> in[0].dot(in[1].slice(0, 0, 8, 2)), leaf(r, false, 4), leaf(r, false, 8)));
    m.put("outer", r -> new Check(in -> in[0].outer(in[1]), leaf(r, false, 3), leaf(r, false, 2)));
    m.put(
        "stack",
        r ->
            new Check(
                in -> stack(List.of(in[0], in[1].t()), 1),
                leaf(r, false, 2, 3),
                leaf(r, false, 3, 2)));
    m.put(
        "cat",
        r ->
            new Check(
                in -> cat(List.of(in[0], in[1]), 0),
                leaf(r, false, dim(r), 3),
                leaf(r, false, dim(r), 3)));
    m.put(
        "indexSelect",
        r -> {
          Tensor idx = indices(r, 3, 5);
          return new Check(in -> in[0].indexSelect(0, idx), leaf(r, false, 3, 2));
        });
    m.put(
        "gather",
        r -> {
          Tensor idx = indices(r, 4, 3, 5);
          return new Check(in -> in[0].t().gather(1, idx), leaf(r, false, 4, 3));
        });
    m.put(
        "scatterAdd",
        r -> {
          Tensor idx = indices(r, 4, 3, 5);
          return new Check(
              in -> in[0].scatterAdd(1, idx, in[1]), leaf(r, false, 3, 4), leaf(r, false, 3, 5));
        });
    m.put(
        "maskedFill",
        r -> {
          Tensor mask = mask(r, 4);
          return new Check(in -> in[0].maskedFill(mask, 0.5), leaf(r, false, 3, 4));
        });
    m.put(
        "copyInPlace",
        r ->
            new Check(
                in -> in[0].mul(3).copy_(in[1]).mul(in[0]),
                leaf(r, false, 2, 3),
                leaf(r, false, 3)));
    return m;
  }

  private interface Binary {
    Tensor apply(Tensor a, Tensor b);
  }

  /** Same shapes, broadcast shapes, and a transposed plus a sliced operand. */
  private static void binary(
      Map<String, Function<SplittableRandom, Check>> m, String name, Binary op, boolean positive) {
    m.put(
        name,
        r -> {
          int a = dim(r);
          int b = dim(r);
          return new Check(
              in -> op.apply(in[0], in[1]), leaf(r, positive, a, b), leaf(r, positive, a, b));
        });
    m.put(
        name + "Broadcast",
        r -> {
          int a = dim(r);
          int b = dim(r);
          return new Check(
              in -> op.apply(in[0], in[1]), leaf(r, positive, a, 1), leaf(r, positive, 2, 1, b));
        });
    m.put(
        name + "Strided",
        r -> {
          int a = dim(r);
          int b = dim(r);
          return new Check(
              in -> op.apply(in[0].t(), in[1].slice(1, 0, 2 * b, 2)),
              leaf(r, positive, b, a),
              leaf(r, positive, a, 2 * b));
        });
  }

  /** A contiguous input and a transposed one. */
  private static void unary(
      Map<String, Function<SplittableRandom, Check>> m,
      String name,
      Function<Tensor, Tensor> op,
      boolean positive) {
    m.put(name, r -> new Check(in -> op.apply(in[0]), leaf(r, positive, dim(r), dim(r) + 1)));
    m.put(
        name + "Transposed",
        r -> new Check(in -> op.apply(in[0].t()), leaf(r, positive, dim(r) + 1, dim(r))));
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    checks()
        .forEach(
            (name, make) -> {
              for (int seed = 0; seed < SEEDS; seed++) {
                out.add(Arguments.of(name, seed));
              }
            });
    return out.stream();
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("cases")
  void analyticalGradientMatchesFiniteDifferences(String name, int seed) {
    Check check = checks().get(name).apply(new SplittableRandom(seed * 7919L + name.hashCode()));
    assertThat(GradCheck.gradcheck(check.fn(), check.inputs())).isTrue();
  }

  @Test
  void gradcheckReportsAWrongDerivative() {
    Tensor x = tensor(new double[] {0.5, 1.5}, 2).requiresGrad_(true);
    Function<Tensor[], Tensor> wrong =
        in ->
            Autograd.record(
                in[0].detach().mul(in[0].detach()),
                "WrongBackward0",
                (g, needs) -> new Tensor[] {g},
                in[0]);
    assertThatThrownBy(() -> GradCheck.gradcheck(wrong, x))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Jacobian mismatch for output 1 with respect to input 0 (element 1)");
  }

  @Test
  void gradcheckRejectsFloat32Inputs() {
    Tensor x = tensor(1f, 2f).requiresGrad_(true);
    assertThatThrownBy(() -> GradCheck.gradcheck(in -> in[0].mul(2), x))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use float64 inputs");
  }
}

package io.jgrad.nn.init;

import static io.jgrad.JGrad.noGrad;

import io.jgrad.Generator;
import io.jgrad.Tensor;
import java.util.Locale;

/**
 * In-place initialisers for parameters, as PyTorch's {@code torch.nn.init}; all run under no-grad
 * and return the tensor they filled.
 *
 * <p>{@code Init.kaimingUniform_(linear.weight(), Math.sqrt(5), FanMode.FAN_IN, "leaky_relu")}
 */
public final class Init {
  private Init() {}

  /** Which fan {@link #kaimingUniform_} scales by, as PyTorch's {@code mode=}. */
  public enum FanMode {
    /** Preserves the variance of activations in the forward pass. */
    FAN_IN,
    /** Preserves the variance of gradients in the backward pass. */
    FAN_OUT
  }

  /** Fan-in and fan-out of a weight, as {@code _calculate_fan_in_and_fan_out}. */
  public record Fans(int fanIn, int fanOut) {}

  /**
   * Fills with U(a, b) from the default generator.
   *
   * <p>{@code Init.uniform_(w, -0.1, 0.1)}.
   */
  public static Tensor uniform_(Tensor t, double a, double b) {
    try (var g = noGrad()) {
      return t.uniform_(a, b);
    }
  }

  /**
   * Fills with U(a, b) from {@code generator}.
   *
   * <p>{@code Init.uniform_(w, 0, 1, gen)}.
   */
  public static Tensor uniform_(Tensor t, double a, double b, Generator generator) {
    try (var g = noGrad()) {
      return t.uniform_(a, b, generator);
    }
  }

  /**
   * Fills with N(mean, std^2).
   *
   * <p>{@code Init.normal_(w, 0, 0.02)}.
   */
  public static Tensor normal_(Tensor t, double mean, double std) {
    try (var g = noGrad()) {
      return t.normal_(mean, std);
    }
  }

  /** Fills with N(mean, std^2) from {@code generator}. */
  public static Tensor normal_(Tensor t, double mean, double std, Generator generator) {
    try (var g = noGrad()) {
      return t.normal_(mean, std, generator);
    }
  }

  /**
   * Fills with {@code value}.
   *
   * <p>{@code Init.constant_(b, 0.1)}.
   */
  public static Tensor constant_(Tensor t, double value) {
    try (var g = noGrad()) {
      return t.fill_(value);
    }
  }

  /**
   * Fills with zeros.
   *
   * <p>{@code Init.zeros_(bias)}.
   */
  public static Tensor zeros_(Tensor t) {
    return constant_(t, 0);
  }

  /**
   * Fills with ones.
   *
   * <p>{@code Init.ones_(gamma)}.
   */
  public static Tensor ones_(Tensor t) {
    return constant_(t, 1);
  }

  /**
   * Fills a 2-d tensor with the identity matrix.
   *
   * <p>{@code Init.eye_(zeros(3, 5))}.
   *
   * @throws IllegalArgumentException unless {@code t} is 2-d
   */
  public static Tensor eye_(Tensor t) {
    if (t.dim() != 2) {
      throw new IllegalArgumentException(
          "eye_: Only tensors with 2 dimensions are supported (got " + t.dim() + ")");
    }
    try (var g = noGrad()) {
      t.zero_();
      for (int i = 0; i < Math.min(t.size(0), t.size(1)); i++) {
        t.select(0, i).narrow(0, i, 1).fill_(1);
      }
      return t;
    }
  }

  /**
   * The recommended gain for a nonlinearity; {@code param} is leaky_relu's negative slope.
   *
   * <p>{@code Init.calculateGain("leaky_relu", Math.sqrt(5))} is sqrt(1/3).
   *
   * @throws IllegalArgumentException for an unknown nonlinearity
   */
  public static double calculateGain(String nonlinearity, double param) {
    return switch (nonlinearity) {
      case "linear",
          "conv1d",
          "conv2d",
          "conv3d",
          "conv_transpose1d",
          "conv_transpose2d",
          "conv_transpose3d",
          "sigmoid" ->
          1;
      case "tanh" -> 5.0 / 3;
      case "relu" -> Math.sqrt(2.0);
      // Same expression as PyTorch (negative_slope ** 2 is correctly rounded, like x * x).
      case "leaky_relu" -> Math.sqrt(2.0 / (1 + param * param));
      case "selu" -> 3.0 / 4;
      default -> throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
    };
  }

  /** {@link #calculateGain(String, double)} with leaky_relu's default slope 0.01. */
  public static double calculateGain(String nonlinearity) {
    return calculateGain(nonlinearity, 0.01);
  }

  /**
   * Fan-in (input maps × receptive field) and fan-out of a weight of rank ≥ 2.
   *
   * <p>{@code Init.calculateFanInAndFanOut(zeros(10, 784))} is (784, 10).
   *
   * @throws IllegalArgumentException for fewer than 2 dimensions
   */
  public static Fans calculateFanInAndFanOut(Tensor t) {
    if (t.dim() < 2) {
      throw new IllegalArgumentException(
          "Fan in and fan out can not be computed for tensor with "
              + "fewer than 2 dimensions (got shape "
              + t.shape()
              + ")");
    }
    int receptiveField = 1;
    for (int d = 2; d < t.dim(); d++) {
      receptiveField *= t.size(d);
    }
    return new Fans(t.size(1) * receptiveField, t.size(0) * receptiveField);
  }

  /**
   * Glorot uniform: U(-a, a) with a = gain·sqrt(6/(fan_in+fan_out)).
   *
   * <p>{@code Init.xavierUniform_(w, 1.0)}.
   */
  public static Tensor xavierUniform_(Tensor t, double gain) {
    Fans fans = calculateFanInAndFanOut(t);
    double std = gain * Math.sqrt(2.0 / (double) (fans.fanIn() + fans.fanOut()));
    double a = Math.sqrt(3.0) * std;
    return uniform_(t, -a, a);
  }

  /** Glorot normal: N(0, std^2), std = gain·sqrt(2/(fan_in+fan_out)). */
  public static Tensor xavierNormal_(Tensor t, double gain) {
    Fans fans = calculateFanInAndFanOut(t);
    double std = gain * Math.sqrt(2.0 / (double) (fans.fanIn() + fans.fanOut()));
    return normal_(t, 0, std);
  }

  /**
   * He uniform: U(-b, b), b = sqrt(3)·gain/sqrt(fan).
   *
   * <p>{@code Init.kaimingUniform_(w, Math.sqrt(5), FanMode.FAN_IN, "leaky_relu")} is Linear's
   * default.
   */
  public static Tensor kaimingUniform_(Tensor t, double a, FanMode mode, String nonlinearity) {
    if (t.numel() == 0) {
      return t;
    }
    double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
    double bound = Math.sqrt(3.0) * std;
    return uniform_(t, -bound, bound);
  }

  /** {@link #kaimingUniform_(Tensor, double, FanMode, String)} with fan_in and leaky_relu. */
  public static Tensor kaimingUniform_(Tensor t, double a) {
    return kaimingUniform_(t, a, FanMode.FAN_IN, "leaky_relu");
  }

  /**
   * He normal: N(0, std^2), std = gain/sqrt(fan).
   *
   * <p>{@code Init.kaimingNormal_(w, 0, FanMode.FAN_OUT, "relu")}.
   */
  public static Tensor kaimingNormal_(Tensor t, double a, FanMode mode, String nonlinearity) {
    if (t.numel() == 0) {
      return t;
    }
    double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
    return normal_(t, 0, std);
  }

  /** Parses PyTorch's mode strings {@code "fan_in"} and {@code "fan_out"}. */
  public static FanMode fanMode(String mode) {
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "fan_in" -> FanMode.FAN_IN;
      case "fan_out" -> FanMode.FAN_OUT;
      default ->
          throw new IllegalArgumentException(
              "Mode " + mode + " not supported, please use one of ['fan_in', 'fan_out']");
    };
  }

  private static int fan(Tensor t, FanMode mode) {
    Fans fans = calculateFanInAndFanOut(t);
    return mode == FanMode.FAN_IN ? fans.fanIn() : fans.fanOut();
  }
}

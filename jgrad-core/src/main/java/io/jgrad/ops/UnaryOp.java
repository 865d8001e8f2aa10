package io.jgrad.ops;

/**
 * Elementwise unary functions, with the reference scalar function in double precision.
 *
 * <p>{@code UnaryOp.SIGMOID.apply(0)} is 0.5. Float32 kernels evaluate in double and round once,
 * which is within PyTorch's documented 1-ulp tolerance for its vectorised float math.
 */
public enum UnaryOp {
  /** {@code -x}. */
  NEG("neg", "NegBackward0"),
  /** {@code e^x}. */
  EXP("exp", "ExpBackward0"),
  /** Natural logarithm. */
  LOG("log", "LogBackward0"),
  /** {@code log(1 + x)}, accurate for small x. */
  LOG1P("log1p", "Log1PBackward0"),
  /** {@code e^x - 1}, accurate for small x. */
  EXPM1("expm1", "Expm1Backward0"),
  /** Square root. */
  SQRT("sqrt", "SqrtBackward0"),
  /** {@code 1 / sqrt(x)}. */
  RSQRT("rsqrt", "RsqrtBackward0"),
  /** {@code 1 / x}. */
  RECIPROCAL("reciprocal", "ReciprocalBackward0"),
  /** Absolute value. */
  ABS("abs", "AbsBackward0"),
  /** -1, 0 or 1 (0 for NaN-free zero, NaN for NaN). */
  SIGN("sign", "SignBackward0"),
  /** Sine. */
  SIN("sin", "SinBackward0"),
  /** Cosine. */
  COS("cos", "CosBackward0"),
  /** Hyperbolic tangent. */
  TANH("tanh", "TanhBackward0"),
  /** Logistic sigmoid {@code 1 / (1 + e^-x)}. */
  SIGMOID("sigmoid", "SigmoidBackward0"),
  /** {@code max(x, 0)}. */
  RELU("relu", "ReluBackward0"),
  /** Gauss error function. */
  ERF("erf", "ErfBackward0"),
  /** Round toward negative infinity. */
  FLOOR("floor", "FloorBackward0"),
  /** Round toward positive infinity. */
  CEIL("ceil", "CeilBackward0"),
  /** Round half to even, like {@code torch.round}. */
  ROUND("round", "RoundBackward0");

  private final String opName;
  private final String backwardName;

  UnaryOp(String opName, String backwardName) {
    this.opName = opName;
    this.backwardName = backwardName;
  }

  /** PyTorch's op name. */
  public String opName() {
    return opName;
  }

  /** The {@code grad_fn} name PyTorch prints for this op. */
  public String backwardName() {
    return backwardName;
  }

  /** Whether the op keeps integer inputs integer (others promote integers to float32). */
  public boolean preservesIntegers() {
    return this == NEG
        || this == ABS
        || this == SIGN
        || this == RELU
        || this == FLOOR
        || this == CEIL
        || this == ROUND;
  }

  /** The reference scalar function. */
  public double apply(double x) {
    return switch (this) {
      case NEG -> -x;
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case LOG1P -> Math.log1p(x);
      case EXPM1 -> Math.expm1(x);
      case SQRT -> Math.sqrt(x);
      case RSQRT -> 1.0 / Math.sqrt(x);
      case RECIPROCAL -> 1.0 / x;
      case ABS -> Math.abs(x);
      case SIGN -> Double.isNaN(x) ? Double.NaN : Math.signum(x);
      case SIN -> Math.sin(x);
      case COS -> Math.cos(x);
      case TANH -> Math.tanh(x);
      case SIGMOID -> sigmoid(x);
      case RELU -> x > 0 || Double.isNaN(x) ? x : 0.0;
      case ERF -> SpecialFunctions.erf(x);
      case FLOOR -> Math.floor(x);
      case CEIL -> Math.ceil(x);
      case ROUND -> Math.rint(x);
    };
  }

  private static double sigmoid(double x) {
    // Two branches so that neither exp overflows: the same value, computed stably.
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}

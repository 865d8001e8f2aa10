package io.jgrad.ops;

/**
 * Elementwise binary arithmetic, with the scalar function every backend must agree with.
 *
 * <p>{@code BinaryOp.ADD.apply(2, 3)} is 5. Backends may specialise hot cases but the scalar
 * function is the reference.
 */
public enum BinaryOp {
  /** {@code a + b}. */
  ADD("add", "AddBackward0"),
  /** {@code a - b}. */
  SUB("sub", "SubBackward0"),
  /** {@code a * b}. */
  MUL("mul", "MulBackward0"),
  /** {@code a / b} (true division). */
  DIV("div", "DivBackward0"),
  /** {@code a ** b}. */
  POW("pow", "PowBackward1"),
  /** Elementwise maximum, NaN-propagating like {@code torch.maximum}. */
  MAXIMUM("maximum", "MaximumBackward0"),
  /** Elementwise minimum, NaN-propagating like {@code torch.minimum}. */
  MINIMUM("minimum", "MinimumBackward0"),
  /** {@code atan2(a, b)}. */
  ATAN2("atan2", "Atan2Backward0"),
  /** Python-style remainder, with the sign of the divisor ({@code torch.remainder}). */
  REMAINDER("remainder", "RemainderBackward0");

  private final String opName;
  private final String backwardName;

  BinaryOp(String opName, String backwardName) {
    this.opName = opName;
    this.backwardName = backwardName;
  }

  /** PyTorch's op name, used in error messages. */
  public String opName() {
    return opName;
  }

  /** The {@code grad_fn} name PyTorch prints for this op. */
  public String backwardName() {
    return backwardName;
  }

  /** The reference scalar function in double precision. */
  public double apply(double a, double b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
      case POW -> Math.pow(a, b);
      case MAXIMUM -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
      case MINIMUM -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
      case ATAN2 -> Math.atan2(a, b);
      case REMAINDER -> a - Math.floor(a / b) * b;
    };
  }

  /** The reference function on integers (division is handled by promotion to float first). */
  public long apply(long a, long b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> {
        if (b == 0) {
          throw new ArithmeticException("ZeroDivisionError: integer division by zero");
        }
        yield Math.floorDiv(a, b);
      }
      case POW -> integerPow(a, b);
      case MAXIMUM -> Math.max(a, b);
      case MINIMUM -> Math.min(a, b);
      case ATAN2 -> (long) Math.atan2(a, b);
      case REMAINDER -> {
        if (b == 0) {
          throw new ArithmeticException("ZeroDivisionError: integer remainder by zero");
        }
        yield Math.floorMod(a, b);
      }
    };
  }

  private static long integerPow(long base, long exponent) {
    if (exponent < 0) {
      throw new IllegalArgumentException(
          "Integers to negative integer powers are not allowed (exponent " + exponent + ")");
    }
    long result = 1;
    long b = base;
    long e = exponent;
    while (e > 0) {
      if ((e & 1) == 1) {
        result *= b;
      }
      b *= b;
      e >>= 1;
    }
    return result;
  }
}

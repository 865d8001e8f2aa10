package io.jgrad.backend.cuda;

import io.jgrad.DType;
import io.jgrad.ops.BinaryOp;
import io.jgrad.ops.CompareOp;
import io.jgrad.ops.ReduceOp;
import io.jgrad.ops.UnaryOp;
import java.util.List;
import java.util.Locale;

/**
 * Generates the CUDA C of every kernel from the op enums and dtypes, by text substitution into a
 * few templates. Elementwise families get a strided entry point (shape and per-operand strides
 * passed by value, broadcasting = stride 0) and a {@code _contig} fast path.
 *
 * <p>{@code KernelSources.unary(UnaryOp.EXP, FLOAT32)} contains {@code expf(x)}.
 */
final class KernelSources {
  private KernelSources() {}

  /** An operand of an elementwise kernel: its name, C element type and whether it is written. */
  record Operand(String name, String cType, boolean output) {}

  /** The C element type of {@code dtype}; bool is stored as one byte holding 0 or 1. */
  static String cType(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> "float";
      case FLOAT64 -> "double";
      case INT64 -> "long long";
      case INT32 -> "int";
      case UINT8, BOOL -> "unsigned char";
    };
  }

  /** PyTorch's CUDA dtype name in "not implemented for" messages. */
  static String scalarTypeName(DType dtype) {
    return switch (dtype) {
      case FLOAT32 -> "Float";
      case FLOAT64 -> "Double";
      case INT64 -> "Long";
      case INT32 -> "Int";
      case UINT8 -> "Byte";
      case BOOL -> "Bool";
    };
  }

  private static String fn(String name, DType dtype) {
    return name + (dtype == DType.FLOAT32 ? "f" : "");
  }

  /**
   * The expression of {@code op} on value {@code x} of {@code dtype}.
   *
   * @throws IllegalArgumentException for ops integers do not support (they are promoted first)
   */
  static String unaryExpression(UnaryOp op, DType dtype) {
    String t = cType(dtype);
    if (dtype.isFloatingPoint()) {
      return switch (op) {
        case NEG -> "-x";
        case EXP -> fn("exp", dtype) + "(x)";
        case LOG -> fn("log", dtype) + "(x)";
        case LOG1P -> fn("log1p", dtype) + "(x)";
        case EXPM1 -> fn("expm1", dtype) + "(x)";
        case SQRT -> fn("sqrt", dtype) + "(x)";
        case RSQRT -> fn("rsqrt", dtype) + "(x)";
        case RECIPROCAL -> "(" + t + ")1 / x";
        case ABS -> fn("fabs", dtype) + "(x)";
        case SIGN -> "x > (" + t + ")0 ? (" + t + ")1 : (x < (" + t + ")0 ? (" + t + ")-1 : x)";
        case SIN -> fn("sin", dtype) + "(x)";
        case COS -> fn("cos", dtype) + "(x)";
        case TANH -> fn("tanh", dtype) + "(x)";
        case SIGMOID -> "(" + t + ")1 / ((" + t + ")1 + " + fn("exp", dtype) + "(-x))";
        case RELU -> "(x > (" + t + ")0 || jg_isnan(x)) ? x : (" + t + ")0";
        case ERF -> fn("erf", dtype) + "(x)";
        case FLOOR -> fn("floor", dtype) + "(x)";
        case CEIL -> fn("ceil", dtype) + "(x)";
        case ROUND -> fn("rint", dtype) + "(x)";
      };
    }
    return switch (op) {
      case NEG -> "(" + t + ")(-x)";
      case ABS -> dtype == DType.UINT8 || dtype == DType.BOOL ? "x" : "x < 0 ? (" + t + ")(-x) : x";
      case SIGN -> "(" + t + ")((x > 0) - (x < 0))";
      case RELU -> "x > 0 ? x : (" + t + ")0";
      case FLOOR, CEIL, ROUND -> "x";
      default ->
          throw new IllegalArgumentException(
              "\"" + op.opName() + "_cuda\" not implemented for '" + scalarTypeName(dtype) + "'");
    };
  }

  /** The expression of {@code op} on values {@code a} and {@code b} of {@code dtype}. */
  static String binaryExpression(BinaryOp op, DType dtype) {
    String t = cType(dtype);
    if (dtype.isFloatingPoint()) {
      return switch (op) {
        case ADD -> "a + b";
        case SUB -> "a - b";
        case MUL -> "a * b";
        case DIV -> "a / b";
        case POW -> "jg_pow(a, b)";
        case MAXIMUM -> "jg_isnan(a) ? a : (jg_isnan(b) ? b : (a > b ? a : b))";
        case MINIMUM -> "jg_isnan(a) ? a : (jg_isnan(b) ? b : (a < b ? a : b))";
        case ATAN2 -> fn("atan2", dtype) + "(a, b)";
        case REMAINDER -> "jg_remainder(a, b)";
      };
    }
    // Integers (and bool, computed as long long then normalised) in long long, then narrowed.
    String wide =
        switch (op) {
          case ADD -> "(long long)a + (long long)b";
          case SUB -> "(long long)a - (long long)b";
          case MUL -> "(long long)a * (long long)b";
          case DIV -> "jg_ifloordiv((long long)a, (long long)b)";
          case POW -> "jg_ipow((long long)a, (long long)b)";
          case MAXIMUM -> "(long long)(a > b ? a : b)";
          case MINIMUM -> "(long long)(a < b ? a : b)";
          case ATAN2 -> "(long long)atan2((double)a, (double)b)";
          case REMAINDER -> "jg_iremainder((long long)a, (long long)b)";
        };
    return dtype == DType.BOOL
        ? "(unsigned char)((" + wide + ") != 0)"
        : "(" + t + ")(" + wide + ")";
  }

  /** The predicate of {@code op} on {@code a} and {@code b}, as 0 or 1. */
  static String compareExpression(CompareOp op) {
    String symbol =
        switch (op) {
          case EQ -> "==";
          case NE -> "!=";
          case LT -> "<";
          case LE -> "<=";
          case GT -> ">";
          case GE -> ">=";
        };
    return "(unsigned char)(a " + symbol + " b)";
  }

  /** The conversion of value {@code x} from {@code from} to {@code to}, as a C++ cast would. */
  static String convertExpression(DType from, DType to) {
    if (to == DType.BOOL) {
      return "(unsigned char)(x != (" + cType(from) + ")0)";
    }
    if (to == DType.UINT8 && from.isFloatingPoint()) {
      return "(unsigned char)(long long)x"; // wraps like a CPU cast instead of undefined behaviour
    }
    return "(" + cType(to) + ")x";
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** {@code out = op(x)}. */
  static KernelSource unary(UnaryOp op, DType dtype) {
    String t = cType(dtype);
    return elementwise(
        "unary_" + lower(op) + "_" + dtype,
        List.of(new Operand("x", t, false), new Operand("out", t, true)),
        "",
        "out_p[o_out] = " + unaryExpression(op, dtype) + ";");
  }

  /** {@code out = op(a, b)}. */
  static KernelSource binary(BinaryOp op, DType dtype) {
    String t = cType(dtype);
    return elementwise(
        "binary_" + lower(op) + "_" + dtype,
        List.of(
            new Operand("a", t, false), new Operand("b", t, false), new Operand("out", t, true)),
        "",
        "out_p[o_out] = " + binaryExpression(op, dtype) + ";");
  }

  /** {@code out = op(a, b)} into bool. */
  static KernelSource compare(CompareOp op, DType dtype) {
    String t = cType(dtype);
    return elementwise(
        "compare_" + lower(op) + "_" + dtype,
        List.of(
            new Operand("a", t, false),
            new Operand("b", t, false),
            new Operand("out", "unsigned char", true)),
        "",
        "out_p[o_out] = " + compareExpression(op) + ";");
  }

  /** {@code out = c ? a : b}. */
  static KernelSource where(DType dtype) {
    String t = cType(dtype);
    return elementwise(
        "where_" + dtype,
        List.of(
            new Operand("c", "unsigned char", false),
            new Operand("a", t, false),
            new Operand("b", t, false),
            new Operand("out", t, true)),
        "",
        "out_p[o_out] = c ? a : b;");
  }

  /** {@code out = (to) x}. */
  static KernelSource copy(DType from, DType to) {
    return elementwise(
        "copy_" + from + "_" + to,
        List.of(new Operand("x", cType(from), false), new Operand("out", cType(to), true)),
        "",
        "out_p[o_out] = " + convertExpression(from, to) + ";");
  }

  /** {@code out = value}; the value arrives as a double kernel argument. */
  static KernelSource fill(DType dtype) {
    String value =
        dtype == DType.BOOL
            ? "(unsigned char)(value != 0.0)"
            : dtype == DType.UINT8
                ? "(unsigned char)(long long)value"
                : "(" + cType(dtype) + ")value";
    return elementwise(
        "fill_" + dtype,
        List.of(new Operand("out", cType(dtype), true)),
        ", double value",
        "out_p[o_out] = " + value + ";");
  }

  /**
   * A strided kernel and its contiguous twin. Strided parameters: {@code (long long n, JgShape
   * shape, [JgStrides s_NAME, T* NAME_p]..., extra)}; contiguous: {@code (long long n, [T*
   * NAME_p]..., extra)}. Inputs are loaded into locals named after the operand first, so an output
   * may alias an input (in-place ops).
   */
  static KernelSource elementwise(
      String name, List<Operand> operands, String extraParameters, String statement) {
    StringBuilder strided = new StringBuilder();
    StringBuilder contiguous = new StringBuilder();
    StringBuilder offsets = new StringBuilder();
    StringBuilder stridedLoads = new StringBuilder();
    StringBuilder contiguousLoads = new StringBuilder();
    for (Operand o : operands) {
      String pointer = (o.output() ? "" : "const ") + o.cType() + "* " + o.name() + "_p";
      strided.append(", JgStrides s_").append(o.name()).append(", ").append(pointer);
      contiguous.append(", ").append(pointer);
      offsets
          .append("      o_")
          .append(o.name())
          .append(" += c * s_")
          .append(o.name())
          .append(".s[d];\n");
      if (!o.output()) {
        stridedLoads
            .append("    const ")
            .append(o.cType())
            .append(' ')
            .append(o.name())
            .append(" = ")
            .append(o.name())
            .append("_p[o_")
            .append(o.name())
            .append("];\n");
        contiguousLoads
            .append("    const ")
            .append(o.cType())
            .append(' ')
            .append(o.name())
            .append(" = ")
            .append(o.name())
            .append("_p[i];\n");
      }
    }
    StringBuilder declarations = new StringBuilder("    long long r = i");
    for (Operand o : operands) {
      declarations.append(", o_").append(o.name()).append(" = 0");
    }
    declarations.append(";\n");
    String contiguousStatement = statement;
    for (Operand o : operands) {
      contiguousStatement = contiguousStatement.replace("o_" + o.name() + "]", "i]");
    }
    String text =
        KernelPrelude.SOURCE
            + "extern \"C\" __global__ void "
            + name
            + "(long long n, JgShape shape"
            + strided
            + extraParameters
            + ") {\n"
            + "  JG_LOOP(i, n) {\n"
            + declarations
            + "    for (int d = shape.rank - 1; d >= 0; --d) {\n"
            + "      const int size = shape.sizes[d];\n"
            + "      const long long c = r % size;\n"
            + "      r /= size;\n"
            + offsets
            + "    }\n"
            + stridedLoads
            + "    "
            + statement
            + "\n  }\n}\n"
            + "extern \"C\" __global__ void "
            + name
            + "_contig(long long n"
            + contiguous
            + extraParameters
            + ") {\n"
            + "  JG_LOOP(i, n) {\n"
            + contiguousLoads
            + "    "
            + contiguousStatement
            + "\n  }\n}\n";
    return new KernelSource(name, text);
  }

  /** The accumulator type of {@code op} over {@code dtype}. */
  static String accumulatorType(ReduceOp op, DType dtype) {
    if (op == ReduceOp.SUM || op == ReduceOp.PROD) {
      // PyTorch's CUDA acc_type: float accumulates in float, integers and bool in int64.
      return dtype.isFloatingPoint() ? cType(dtype) : "long long";
    }
    return cType(dtype);
  }

  /** The identity of {@code op} over {@code dtype} as a C expression. */
  static String identity(ReduceOp op, DType dtype) {
    boolean max = op == ReduceOp.MAX;
    return switch (op) {
      case SUM -> "0";
      case PROD -> "1";
      case MAX, MIN ->
          switch (dtype) {
            case FLOAT32 -> max ? "__int_as_float(0xff800000)" : "__int_as_float(0x7f800000)";
            case FLOAT64 ->
                max
                    ? "__longlong_as_double(0xfff0000000000000ULL)"
                    : "__longlong_as_double(0x7ff0000000000000ULL)";
            case INT64 -> max ? "(-9223372036854775807LL - 1)" : "9223372036854775807LL";
            case INT32 -> max ? "(-2147483647 - 1)" : "2147483647";
            case UINT8 -> max ? "0" : "255";
            case BOOL -> max ? "0" : "1";
          };
      case ARGMAX, ARGMIN -> throw new IllegalArgumentException("no identity for " + op);
    };
  }
}

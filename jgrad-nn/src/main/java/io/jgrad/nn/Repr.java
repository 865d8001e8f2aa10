package io.jgrad.nn;

import java.math.BigDecimal;

/** Python-style text for module reprs, so {@code toString()} matches PyTorch's output. */
final class Repr {
  private Repr() {}

  /** Python's {@code repr(float)}: {@code 1e-05}, {@code 0.1}, {@code 1.0}. */
  static String pythonFloat(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    // Double.toString gives the shortest round-tripping digits, as Python's repr does.
    BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
    String digits = decimal.unscaledValue().toString();
    int exponent = digits.length() - decimal.scale() - 1;
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String mantissa =
          digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    String plain = decimal.toPlainString();
    return sign + (plain.contains(".") ? plain : plain + ".0");
  }

  /** Python's {@code repr(bool)}. */
  static String pythonBool(boolean value) {
    return value ? "True" : "False";
  }

  /** Python's tuple repr: {@code (10,)}, {@code (2, 5)}. */
  static String pythonTuple(int... values) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ").append(values[i]);
    }
    return out.append(values.length == 1 ? ",)" : ")").toString();
  }

  /** PyTorch's {@code _addindent}: indents every line but the first. */
  static String addIndent(String text, int spaces) {
    return text.replace("\n", "\n" + " ".repeat(spaces));
  }
}

package io.jgrad.examples;

/**
 * Python's number formatting, so examples print what the notebooks printed.
 *
 * <p>{@code PyFormat.repr(810.5762939453125)} is {@code "810.5762939453125"}; {@code
 * PyFormat.repr(1e-5)} is {@code "1e-05"} as in Python, where Java would print {@code 1.0E-5}.
 */
public final class PyFormat {
  private PyFormat() {}

  /** Python's {@code repr(float)}: the shortest round-tripping digits, Python's layout. */
  public static String repr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0.0" : "0.0";
    }
    // Java 19+ Double.toString yields the shortest round-tripping digits; re-layout them.
    String java = Double.toString(Math.abs(value));
    String digits;
    int exponent;
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
    int exp10 = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
    int dot = mantissa.indexOf('.');
    String intPart = mantissa.substring(0, dot);
    String fracPart = mantissa.substring(dot + 1);
    digits = intPart + fracPart;
    exponent = exp10 + intPart.length() - 1;
    // Strip leading zeros (e.g. "0.001" -> digits "0001") and trailing zeros.
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
      exponent--;
    }
    digits = digits.substring(lead).replaceAll("0+$", "");
    if (digits.isEmpty()) {
      digits = "0";
    }
    String sign = value < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
      String m = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      return sign
          + m
          + "e"
          + (exponent < 0 ? "-" : "+")
          + String.format("%02d", Math.abs(exponent));
    }
    if (exponent < 0) {
      return sign + "0." + "0".repeat(-exponent - 1) + digits;
    }
    if (digits.length() <= exponent + 1) {
      return sign + digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
    }
    return sign + digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
  }

  /** Python's {@code repr} of a float32 value widened to double, as {@code tensor.item()} does. */
  public static String repr(float value) {
    return repr((double) value);
  }

  /**
   * Python's {@code format(value, ".Nf")}: fixed point, rounded half-even on the exact binary value
   * (Java's {@code %f} rounds half-up, which differs on exact ties such as 0.125).
   *
   * <p>{@code PyFormat.fixed(0.125, 2)} is {@code "0.12"}.
   */
  public static String fixed(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return repr(value);
    }
    String s =
        new java.math.BigDecimal(value)
            .setScale(decimals, java.math.RoundingMode.HALF_EVEN)
            .toPlainString();
    boolean negative = value < 0 || (value == 0 && 1 / value < 0);
    return negative && !s.startsWith("-") ? "-" + s : s;
  }

  /**
   * Python's {@code format(value, " .Nf")}: like {@link #fixed} with a space for the sign of
   * positives.
   */
  public static String spaceFixed(double value, int decimals) {
    String s = fixed(value, decimals);
    return s.startsWith("-") ? s : " " + s;
  }
}

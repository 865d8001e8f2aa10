package io.jgrad.plot;

/**
 * The symbol drawn at each data point, named after matplotlib's marker codes.
 *
 * <p>{@code Series.of("samples", x, y).withMarker(Marker.CIRCLE)} is matplotlib's {@code 'o'}.
 */
public enum Marker {
  /** No marker, the default for line series. */
  NONE(""),
  /** A filled circle, matplotlib {@code 'o'}. */
  CIRCLE("o"),
  /** A filled square, matplotlib {@code 's'}. */
  SQUARE("s"),
  /** A filled diamond, matplotlib {@code 'D'}. */
  DIAMOND("D"),
  /** An upward triangle, matplotlib {@code '^'}. */
  TRIANGLE_UP("^"),
  /** A downward triangle, matplotlib {@code 'v'}. */
  TRIANGLE_DOWN("v"),
  /** A diagonal cross, matplotlib {@code 'x'}. */
  CROSS("x"),
  /** A plus sign, matplotlib {@code '+'}. */
  PLUS("+");

  private final String format;

  Marker(String format) {
    this.format = format;
  }

  /**
   * Returns the matplotlib format character for this marker.
   *
   * <p>{@code Marker.CIRCLE.format()} is {@code "o"}.
   */
  public String format() {
    return format;
  }
}

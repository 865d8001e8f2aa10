package io.jgrad.plot;

/**
 * How a series' line is stroked, named after matplotlib's {@code linestyle} values.
 *
 * <p>{@code Series.of("loss", y).withLineStyle(LineStyle.DASH_DOT)} is matplotlib's {@code '-.'}.
 */
public enum LineStyle {
  /** A continuous line, matplotlib {@code '-'}. */
  SOLID("-"),
  /** Long dashes, matplotlib {@code '--'}. */
  DASHED("--"),
  /** Alternating dashes and dots, matplotlib {@code '-.'}. */
  DASH_DOT("-."),
  /** Dots, matplotlib {@code ':'}. */
  DOTTED(":"),
  /** No line at all: only markers are drawn (a scatter series). */
  NONE("");

  private final String format;

  LineStyle(String format) {
    this.format = format;
  }

  /**
   * Returns the matplotlib format fragment for this style.
   *
   * <p>{@code LineStyle.DASH_DOT.format()} is {@code "-."}.
   */
  public String format() {
    return format;
  }

  /**
   * Returns the dash pattern for a line {@code width} pixels wide, or an empty array for a
   * continuous line.
   */
  float[] dashPattern(float width) {
    // matplotlib's default dash patterns (rcParams lines.*_pattern), scaled by line width as
    // matplotlib does, so a jgrad chart reads like the notebook it replaces.
    return switch (this) {
      case SOLID, NONE -> new float[0];
      case DASHED -> new float[] {3.7f * width, 1.6f * width};
      case DASH_DOT -> new float[] {6.4f * width, 1.6f * width, 1f * width, 1.6f * width};
      case DOTTED -> new float[] {1f * width, 1.65f * width};
    };
  }
}

package io.jgrad.plot;

import java.awt.Color;
import java.util.Objects;

/**
 * A parsed matplotlib format string such as {@code "r-."}: colour, line style and marker, each
 * optional, in any order (matplotlib's {@code _process_plot_format}).
 */
record SeriesFormat(Color color, LineStyle lineStyle, Marker marker) {

  static SeriesFormat parse(String format) {
    Objects.requireNonNull(format, "format");
    Color color = null;
    LineStyle lineStyle = null;
    Marker marker = null;
    int i = 0;
    while (i < format.length()) {
      String two = i + 1 < format.length() ? format.substring(i, i + 2) : "";
      char c = format.charAt(i);
      LineStyle parsedLine = null;
      int width = 1;
      if (two.equals("--")) {
        parsedLine = LineStyle.DASHED;
        width = 2;
      } else if (two.equals("-.")) {
        parsedLine = LineStyle.DASH_DOT;
        width = 2;
      } else if (c == '-') {
        parsedLine = LineStyle.SOLID;
      } else if (c == ':') {
        parsedLine = LineStyle.DOTTED;
      }
      if (parsedLine != null) {
        requireUnset(lineStyle, "line style", format);
        lineStyle = parsedLine;
        i += width;
        continue;
      }
      Color parsedColor = colorOf(c);
      if (parsedColor != null) {
        requireUnset(color, "colour", format);
        color = parsedColor;
      } else {
        Marker parsedMarker = markerOf(c);
        if (parsedMarker == null) {
          throw new IllegalArgumentException(
              String.format(
                  "Series.withFormat: unrecognized character '%s' at index %d in format '%s'"
                      + " (colours bgrcmykw, lines - -- -. :, markers o . s D ^ v x +)",
                  c, i, format));
        }
        requireUnset(marker, "marker", format);
        marker = parsedMarker;
      }
      i++;
    }
    // matplotlib: a marker without a line style means "markers only"; otherwise a solid line.
    if (lineStyle == null) {
      lineStyle = marker == null ? LineStyle.SOLID : LineStyle.NONE;
    }
    return new SeriesFormat(color, lineStyle, marker == null ? Marker.NONE : marker);
  }

  Series applyTo(Series series) {
    Series styled = series.withLineStyle(lineStyle).withMarker(marker);
    return color == null ? styled : styled.withColor(color);
  }

  private static void requireUnset(Object current, String part, String format) {
    if (current != null) {
      throw new IllegalArgumentException(
          String.format("Series.withFormat: more than one %s in format '%s'", part, format));
    }
  }

  private static Color colorOf(char c) {
    // matplotlib's single-letter colours (matplotlib.colors.BASE_COLORS), not AWT's constants:
    // matplotlib 'g' is (0, 0.5, 0), AWT GREEN is (0, 1, 0).
    return switch (c) {
      case 'b' -> new Color(0, 0, 255);
      case 'g' -> new Color(0, 128, 0);
      case 'r' -> new Color(255, 0, 0);
      case 'c' -> new Color(0, 191, 191);
      case 'm' -> new Color(191, 0, 191);
      case 'y' -> new Color(191, 191, 0);
      case 'k' -> new Color(0, 0, 0);
      case 'w' -> new Color(255, 255, 255);
      default -> null;
    };
  }

  private static Marker markerOf(char c) {
    return switch (c) {
      case 'o', '.' -> Marker.CIRCLE;
      case 's' -> Marker.SQUARE;
      case 'D' -> Marker.DIAMOND;
      case '^' -> Marker.TRIANGLE_UP;
      case 'v' -> Marker.TRIANGLE_DOWN;
      case 'x' -> Marker.CROSS;
      case '+' -> Marker.PLUS;
      default -> null;
    };
  }
}

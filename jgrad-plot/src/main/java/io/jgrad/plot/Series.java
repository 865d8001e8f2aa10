package io.jgrad.plot;

import static io.jgrad.plot.Checks.checkArgument;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One named curve or point cloud: its data and how it is drawn. Immutable; the {@code with...}
 * methods return changed copies.
 *
 * <p>{@code Series.of("整体损失", losses).withFormat("r-.")} is matplotlib's {@code ax.plot(losses,
 * 'r-.', label='整体损失')}. Without explicit x values the points sit at x = 0, 1, ..., n-1.
 */
public final class Series {
  static {
    Headless.ensure();
  }

  /** Line width in pixels when none is given; two pixels stay legible in a scaled-down PNG. */
  static final float DEFAULT_LINE_WIDTH = 2f;

  private final String name;
  private final double[] x;
  private final double[] y;
  private final Color color; // null means "next colour of the plot's cycle"
  private final LineStyle lineStyle;
  private final Marker marker;
  private final float lineWidth;

  private Series(
      String name,
      double[] x,
      double[] y,
      Color color,
      LineStyle lineStyle,
      Marker marker,
      float lineWidth) {
    this.name = name;
    this.x = x;
    this.y = y;
    this.color = color;
    this.lineStyle = lineStyle;
    this.marker = marker;
    this.lineWidth = lineWidth;
  }

  /**
   * Returns a solid line through {@code y} at x = 0..n-1.
   *
   * <p>{@code Series.of("loss", new double[] {3, 2, 1.5})}
   *
   * @throws IllegalArgumentException if {@code name} is empty or {@code y} is empty
   */
  public static Series of(String name, double[] y) {
    Objects.requireNonNull(y, "y");
    return create(name, indices(y.length), y.clone());
  }

  /**
   * Returns a solid line through the points ({@code x[i]}, {@code y[i]}).
   *
   * <p>{@code Series.of("fit", new double[] {0, 1}, new double[] {1, 3})}
   *
   * @throws IllegalArgumentException if the lengths differ, the data is empty or the name is empty
   */
  public static Series of(String name, double[] x, double[] y) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    return create(name, x.clone(), y.clone());
  }

  /**
   * Returns a solid line through {@code y} at x = 0..n-1, widening each float exactly.
   *
   * <p>{@code Series.of("loss", new float[] {3f, 2f})}
   *
   * @throws IllegalArgumentException if {@code name} is empty or {@code y} is empty
   */
  public static Series of(String name, float[] y) {
    Objects.requireNonNull(y, "y");
    return create(name, indices(y.length), widen(y));
  }

  /**
   * Returns a solid line through the points ({@code x[i]}, {@code y[i]}).
   *
   * <p>{@code Series.of("fit", new float[] {0f, 1f}, new float[] {1f, 3f})}
   *
   * @throws IllegalArgumentException if the lengths differ, the data is empty or the name is empty
   */
  public static Series of(String name, float[] x, float[] y) {
    Objects.requireNonNull(x, "x");
    Objects.requireNonNull(y, "y");
    return create(name, widen(x), widen(y));
  }

  /**
   * Returns a solid line through the recorded values at x = 0..n-1.
   *
   * <p>{@code Series.of("batch loss", stats.get("batch_loss"))} with a {@code List<Double>}.
   *
   * @throws IllegalArgumentException if the list is empty, holds a null or the name is empty
   */
  public static Series of(String name, List<? extends Number> y) {
    double[] values = unbox(y, name, "y");
    return create(name, indices(values.length), values);
  }

  /**
   * Returns a solid line through the points ({@code x.get(i)}, {@code y.get(i)}).
   *
   * <p>{@code Series.of("loss", steps, losses)} with two {@code List<Double>}s.
   *
   * @throws IllegalArgumentException if the sizes differ, a list holds a null or is empty
   */
  public static Series of(String name, List<? extends Number> x, List<? extends Number> y) {
    return create(name, unbox(x, name, "x"), unbox(y, name, "y"));
  }

  /**
   * Returns unconnected circles at the points ({@code x[i]}, {@code y[i]}).
   *
   * <p>{@code Series.scatter("samples", x, y)} is matplotlib's {@code ax.plot(x, y, 'o')}.
   *
   * @throws IllegalArgumentException if the lengths differ, the data is empty or the name is empty
   */
  public static Series scatter(String name, double[] x, double[] y) {
    return of(name, x, y).withLineStyle(LineStyle.NONE).withMarker(Marker.CIRCLE);
  }

  /**
   * Returns a copy styled by a matplotlib format string: colour letter, line style, marker.
   *
   * <p>{@code series.withFormat("r-.")} gives a red dash-dot line; {@code "k"} a black solid line;
   * {@code "bo"} blue circles with no line, as in matplotlib. Colours are {@code bgrcmykw}, lines
   * {@code - -- -. :}, markers {@code o . s D ^ v x +}.
   *
   * @throws IllegalArgumentException if {@code format} holds an unknown or repeated part
   */
  public Series withFormat(String format) {
    return SeriesFormat.parse(format).applyTo(this);
  }

  /**
   * Returns a copy drawn in {@code color}.
   *
   * <p>{@code series.withColor(Color.RED)}
   */
  public Series withColor(Color color) {
    Objects.requireNonNull(color, "color");
    return new Series(name, x, y, color, lineStyle, marker, lineWidth);
  }

  /**
   * Returns a copy stroked with {@code lineStyle}.
   *
   * <p>{@code series.withLineStyle(LineStyle.DASHED)}
   */
  public Series withLineStyle(LineStyle lineStyle) {
    Objects.requireNonNull(lineStyle, "lineStyle");
    return new Series(name, x, y, color, lineStyle, marker, lineWidth);
  }

  /**
   * Returns a copy with {@code marker} at every point.
   *
   * <p>{@code series.withMarker(Marker.SQUARE)}
   */
  public Series withMarker(Marker marker) {
    Objects.requireNonNull(marker, "marker");
    return new Series(name, x, y, color, lineStyle, marker, lineWidth);
  }

  /**
   * Returns a copy whose line is {@code width} pixels wide.
   *
   * <p>{@code series.withLineWidth(1.5f)}
   *
   * @throws IllegalArgumentException if {@code width} is not a positive finite number
   */
  public Series withLineWidth(float width) {
    checkArgument(
        width > 0 && Float.isFinite(width),
        "Series.withLineWidth: width must be positive and finite, got %s (series '%s')",
        width,
        name);
    return new Series(name, x, y, color, lineStyle, marker, width);
  }

  /**
   * Returns the legend label.
   *
   * <p>{@code Series.of("loss", y).name()} is {@code "loss"}.
   */
  public String name() {
    return name;
  }

  /**
   * Returns a copy of the x values.
   *
   * <p>{@code Series.of("a", new double[] {5, 6}).x()}: [0, 1]
   */
  public double[] x() {
    return x.clone();
  }

  /**
   * Returns a copy of the y values.
   *
   * <p>{@code Series.of("a", new double[] {5, 6}).y()}: [5, 6]
   */
  public double[] y() {
    return y.clone();
  }

  /**
   * Returns the number of points.
   *
   * <p>{@code Series.of("a", new double[] {5, 6}).size()} is 2.
   */
  public int size() {
    return y.length;
  }

  /**
   * Returns the explicit colour, or empty when the plot picks the next colour of its cycle.
   *
   * <p>{@code Series.of("a", y).withFormat("k").color()} holds black.
   */
  public Optional<Color> color() {
    return Optional.ofNullable(color);
  }

  /**
   * Returns the line style.
   *
   * <p>{@code Series.of("a", y).lineStyle()} is {@code SOLID}.
   */
  public LineStyle lineStyle() {
    return lineStyle;
  }

  /**
   * Returns the marker.
   *
   * <p>{@code Series.of("a", y).marker()} is {@code NONE}.
   */
  public Marker marker() {
    return marker;
  }

  /**
   * Returns the line width in pixels.
   *
   * <p>{@code Series.of("a", y).lineWidth()} is 2.
   */
  public float lineWidth() {
    return lineWidth;
  }

  double[] xView() {
    return x;
  }

  double[] yView() {
    return y;
  }

  @Override
  public String toString() {
    return "Series[" + name + ", " + y.length + " points, " + lineStyle + ", " + marker + "]";
  }

  private static Series create(String name, double[] x, double[] y) {
    Objects.requireNonNull(name, "name");
    checkArgument(!name.isEmpty(), "Series: name must not be empty");
    checkArgument(
        x.length == y.length,
        "Series: series '%s' has %s x values but %s y values",
        name,
        x.length,
        y.length);
    checkArgument(y.length > 0, "Series: series '%s' is empty (0 points)", name);
    checkFinite(name, "x", x);
    checkFinite(name, "y", y);
    return new Series(name, x, y, null, LineStyle.SOLID, Marker.NONE, DEFAULT_LINE_WIDTH);
  }

  private static void checkFinite(String name, String axis, double[] values) {
    // An infinity stretches the axis to nothing and XChart then fails deep inside its tick
    // code; a diverged loss is better reported here, naming the point.
    for (int i = 0; i < values.length; i++) {
      if (Double.isInfinite(values[i]) || Double.isNaN(values[i])) {
        throw new IllegalArgumentException(
            String.format(
                "Series: series '%s' has non-finite %s[%d] = %s", name, axis, i, values[i]));
      }
    }
  }

  private static double[] indices(int n) {
    double[] result = new double[n];
    for (int i = 0; i < n; i++) {
      result[i] = i;
    }
    return result;
  }

  private static double[] widen(float[] values) {
    double[] result = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = values[i];
    }
    return result;
  }

  private static double[] unbox(List<? extends Number> values, String name, String axis) {
    Objects.requireNonNull(values, axis);
    double[] result = new double[values.size()];
    for (int i = 0; i < result.length; i++) {
      Number value = values.get(i);
      checkArgument(value != null, "Series: series '%s' has null %s[%d]", name, axis, i);
      result[i] = value.doubleValue();
    }
    return result;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Series that
        && name.equals(that.name)
        && Arrays.equals(x, that.x)
        && Arrays.equals(y, that.y)
        && Objects.equals(color, that.color)
        && lineStyle == that.lineStyle
        && marker == that.marker
        && Float.compare(lineWidth, that.lineWidth) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(x), Arrays.hashCode(y), color, lineStyle, marker);
  }
}

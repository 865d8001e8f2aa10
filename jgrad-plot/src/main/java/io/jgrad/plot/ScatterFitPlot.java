package io.jgrad.plot;

import static io.jgrad.plot.Checks.checkArgument;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/**
 * Data points drawn as dots against a fitted curve drawn as a line, such as {@code sin(x)} samples
 * against a fitted cubic.
 *
 * <p>{@code ScatterFitPlot.builder().points("样本", x, y).fit("三次拟合", cubic::apply,
 * 200).build().save(Path.of("fit.png"))}
 */
public final class ScatterFitPlot {
  static {
    Headless.ensure();
  }

  private final LinePlot plot;

  private ScatterFitPlot(LinePlot plot) {
    this.plot = plot;
  }

  /**
   * Returns an empty builder: 800x600 pixels, blue points, red fitted line.
   *
   * <p>{@code ScatterFitPlot.builder().points("data", x, y).fit("fit", xs, ys).build()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the chart to {@code file} as PNG, atomically.
   *
   * <p>{@code plot.save(Path.of("fit.png"))}
   *
   * @throws IllegalArgumentException if {@code file} does not end in {@code .png}
   * @throws IOException if the directory is missing or not writable
   */
  public void save(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    PngFiles.checkPngExtension("ScatterFitPlot.save", file);
    PngFiles.writeAtomically(file, toPng());
  }

  /**
   * Returns the chart encoded as PNG.
   *
   * <p>{@code byte[] png = plot.toPng();}
   */
  public byte[] toPng() {
    return plot.toPng();
  }

  /**
   * Returns the chart drawn on a new image.
   *
   * <p>{@code plot.toImage().getWidth()}
   */
  public BufferedImage toImage() {
    return plot.toImage();
  }

  /**
   * Returns the same chart as a {@link LinePlot}: the points series first, then the fit.
   *
   * <p>{@code plot.asLinePlot().series().get(1).name()} is the fit's name.
   */
  public LinePlot asLinePlot() {
    return plot;
  }

  /**
   * Returns the font family the text is drawn in.
   *
   * <p>{@code plot.fontFamily()}
   */
  public String fontFamily() {
    return plot.fontFamily();
  }

  /**
   * Collects the points, the fit and the labels; {@link #build()} checks them.
   *
   * <p>{@code ScatterFitPlot.builder().xLabel("x").points("data", x, y).fit("fit", f, 100)}
   */
  public static final class Builder {
    private final LinePlot.Builder plot = LinePlot.builder();
    private Series points;
    private Series fit;

    private Builder() {}

    /**
     * Sets the chart title.
     *
     * <p>{@code builder.title("sin(x) and a cubic")}
     */
    public Builder title(String title) {
      plot.title(title);
      return this;
    }

    /**
     * Sets the x-axis label.
     *
     * <p>{@code builder.xLabel("x")}
     */
    public Builder xLabel(String xLabel) {
      plot.xLabel(xLabel);
      return this;
    }

    /**
     * Sets the y-axis label.
     *
     * <p>{@code builder.yLabel("y")}
     */
    public Builder yLabel(String yLabel) {
      plot.yLabel(yLabel);
      return this;
    }

    /**
     * Sets the image size in pixels.
     *
     * <p>{@code builder.size(600, 600)}
     *
     * @throws IllegalArgumentException if a side is not in 1..16384
     */
    public Builder size(int width, int height) {
      plot.size(width, height);
      return this;
    }

    /**
     * Shows or hides the legend (shown by default).
     *
     * <p>{@code builder.legend(false)}
     */
    public Builder legend(boolean legend) {
      plot.legend(legend);
      return this;
    }

    /**
     * Sets the observed data, drawn as blue dots.
     *
     * <p>{@code builder.points("samples", x, y)}
     *
     * @throws IllegalArgumentException if the lengths differ or the data is empty
     */
    public Builder points(String name, double[] x, double[] y) {
      return points(Series.of(name, x, y).withFormat("bo"));
    }

    /**
     * Sets the observed data, drawn as blue dots.
     *
     * <p>{@code builder.points("samples", xFloats, yFloats)}
     *
     * @throws IllegalArgumentException if the lengths differ or the data is empty
     */
    public Builder points(String name, float[] x, float[] y) {
      return points(Series.of(name, x, y).withFormat("bo"));
    }

    /**
     * Sets the observed data as a styled series, for colours or markers other than blue dots.
     *
     * <p>{@code builder.points(Series.of("samples", x, y).withFormat("gs"))}
     */
    public Builder points(Series points) {
      this.points = Objects.requireNonNull(points, "points");
      return this;
    }

    /**
     * Sets the fitted curve through the points ({@code x[i]}, {@code y[i]}), drawn as a red line.
     *
     * <p>{@code builder.fit("cubic", xs, model.predict(xs))}
     *
     * @throws IllegalArgumentException if the lengths differ or the data is empty
     */
    public Builder fit(String name, double[] x, double[] y) {
      return fit(Series.of(name, x, y).withFormat("r-"));
    }

    /**
     * Sets the fitted curve through the points ({@code x[i]}, {@code y[i]}), drawn as a red line.
     *
     * <p>{@code builder.fit("cubic", xFloats, predictionFloats)}
     *
     * @throws IllegalArgumentException if the lengths differ or the data is empty
     */
    public Builder fit(String name, float[] x, float[] y) {
      return fit(Series.of(name, x, y).withFormat("r-"));
    }

    /**
     * Sets the fitted curve as {@code function} sampled at {@code samples} evenly spaced x values
     * spanning the points' x range; call {@link #points} first.
     *
     * <p>{@code builder.points("sin", x, y).fit("cubic", t -> a + b * t + c * t * t + d * t * t *
     * t, 200)}
     *
     * @throws IllegalArgumentException if {@code samples < 2}
     * @throws IllegalStateException if no points were set yet
     */
    public Builder fit(String name, DoubleUnaryOperator function, int samples) {
      Objects.requireNonNull(function, "function");
      checkArgument(
          samples >= 2, "ScatterFitPlot.fit: samples must be at least 2, got %s", samples);
      if (points == null) {
        throw new IllegalStateException(
            "ScatterFitPlot.fit: call points(...) before fit(name, function, samples), which"
                + " samples the function over the points' x range");
      }
      double[] px = points.xView();
      double min = px[0];
      double max = px[0];
      for (double value : px) {
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      double[] x = new double[samples];
      double[] y = new double[samples];
      for (int i = 0; i < samples; i++) {
        // Interpolate from both ends so the last sample is exactly max, not max minus rounding.
        double t = (double) i / (samples - 1);
        x[i] = min * (1 - t) + max * t;
        y[i] = function.applyAsDouble(x[i]);
      }
      return fit(Series.of(name, x, y).withFormat("r-"));
    }

    /**
     * Sets the fitted curve as a styled series.
     *
     * <p>{@code builder.fit(Series.of("cubic", xs, ys).withFormat("k--"))}
     */
    public Builder fit(Series fit) {
      this.fit = Objects.requireNonNull(fit, "fit");
      return this;
    }

    /**
     * Returns the plot.
     *
     * <p>{@code ScatterFitPlot plot = builder.build();}
     *
     * @throws IllegalArgumentException if the points or the fit are missing, or share a name
     */
    public ScatterFitPlot build() {
      checkArgument(points != null, "ScatterFitPlot.build: no points; call points(...) first");
      checkArgument(fit != null, "ScatterFitPlot.build: no fitted curve; call fit(...) first");
      return new ScatterFitPlot(plot.copy().add(points).add(fit).build());
    }
  }
}

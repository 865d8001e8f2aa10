package io.jgrad.plot;

import static io.jgrad.plot.Checks.checkArgument;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A chart of named series over a shared x axis, saved as PNG: loss curves, learning rates, fits.
 *
 * <p>{@code LinePlot.builder().xLabel("训练步数").yLabel("模型损失").add(Series.of("批次损失",
 * batch).withFormat("k")).add(Series.of("整体损失", total).withFormat("r-.")).build().save(path)}
 *
 * <p>Text with Chinese, Japanese or Korean characters is drawn in an installed CJK font; see {@link
 * #fontFamily()}. The same plot renders to the same PNG bytes on the same machine.
 */
public final class LinePlot {
  static {
    Headless.ensure();
  }

  // matplotlib's default colour cycle ("tab10"), so uncoloured series match the notebook's.
  private static final int[] COLOR_CYCLE = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
    0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf
  };

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final int width;
  private final int height;
  private final List<Series> series;
  private final boolean legend;
  private final boolean logY;
  private final String cjkFamily; // null: no CJK text, or no installed font can draw it

  private LinePlot(Builder builder) {
    this.title = builder.title;
    this.xLabel = builder.xLabel;
    this.yLabel = builder.yLabel;
    this.width = builder.width;
    this.height = builder.height;
    this.series = List.copyOf(builder.series);
    this.legend = builder.legend;
    this.logY = builder.logY;
    StringBuilder text = new StringBuilder(title).append(xLabel).append(yLabel);
    for (Series s : series) {
      text.append(s.name());
    }
    this.cjkFamily = Fonts.cjkFamilyFor(text.toString()).orElse(null);
  }

  /**
   * Returns an empty builder: 800x600 pixels, legend on, linear y axis, no titles.
   *
   * <p>{@code LinePlot.builder().add(Series.of("loss", losses)).build()}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the chart to {@code file} as PNG, atomically: a crash leaves the old file or none.
   *
   * <p>{@code plot.save(Path.of("sgd.png"))}
   *
   * @throws IllegalArgumentException if {@code file} does not end in {@code .png}
   * @throws IOException if the directory is missing or not writable
   */
  public void save(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    PngFiles.checkPngExtension("LinePlot.save", file);
    PngFiles.writeAtomically(file, toPng());
  }

  /**
   * Returns the chart encoded as PNG; equal plots give equal bytes.
   *
   * <p>{@code byte[] png = plot.toPng();}
   */
  public byte[] toPng() {
    return PngFiles.encode(toImage());
  }

  /**
   * Returns the chart drawn on a new {@code width x height} RGB image.
   *
   * <p>{@code plot.toImage().getWidth()} is {@code plot.width()}.
   */
  public BufferedImage toImage() {
    XYChart chart = toChart();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D graphics = image.createGraphics();
    try {
      chart.paint(graphics, width, height);
    } finally {
      graphics.dispose();
    }
    return image;
  }

  /**
   * Returns the font family the text is drawn in: a CJK family when any label holds CJK characters
   * and one is installed, otherwise XChart's default (Java's {@code SansSerif}).
   *
   * <p>{@code builder.xLabel("训练步数").add(s).build().fontFamily()} is {@code "WenQuanYi Micro Hei"}
   * where fonts-wqy-microhei is installed.
   */
  public String fontFamily() {
    if (cjkFamily != null) {
      return cjkFamily;
    }
    return new XYChart(1, 1).getStyler().getChartTitleFont().getFamily();
  }

  /**
   * Returns the series in drawing order.
   *
   * <p>{@code plot.series().get(0).name()}
   */
  public List<Series> series() {
    return series;
  }

  /**
   * Returns the image width in pixels.
   *
   * <p>{@code plot.width()} is 800 by default.
   */
  public int width() {
    return width;
  }

  /**
   * Returns the image height in pixels.
   *
   * <p>{@code plot.height()} is 600 by default.
   */
  public int height() {
    return height;
  }

  /**
   * Returns the chart title, empty when none.
   *
   * <p>{@code plot.title()}
   */
  public String title() {
    return title;
  }

  /**
   * Returns the x-axis label, empty when none.
   *
   * <p>{@code plot.xLabel()}
   */
  public String xLabel() {
    return xLabel;
  }

  /**
   * Returns the y-axis label, empty when none.
   *
   * <p>{@code plot.yLabel()}
   */
  public String yLabel() {
    return yLabel;
  }

  /**
   * Returns whether the legend is drawn.
   *
   * <p>{@code plot.hasLegend()} is true by default.
   */
  public boolean hasLegend() {
    return legend;
  }

  /**
   * Returns whether the y axis is logarithmic.
   *
   * <p>{@code plot.isLogY()} is false by default.
   */
  public boolean isLogY() {
    return logY;
  }

  private XYChart toChart() {
    XYChart chart = new XYChart(width, height);
    chart.setTitle(title);
    chart.setXAxisTitle(xLabel);
    chart.setYAxisTitle(yLabel);
    XYStyler styler = chart.getStyler();
    styler.setChartTitleVisible(!title.isEmpty());
    styler.setXAxisTitleVisible(!xLabel.isEmpty());
    styler.setYAxisTitleVisible(!yLabel.isEmpty());
    styler.setLegendVisible(legend);
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setLegendBackgroundColor(Color.WHITE);
    styler.setLegendBorderColor(new Color(0xcccccc));
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderColor(Color.BLACK);
    styler.setPlotGridLinesColor(new Color(0xe5e5e5));
    styler.setYAxisLogarithmic(logY);
    styler.setMarkerSize(7);
    styler.setAntiAlias(true);
    styler.setTextAntiAlias(true);
    if (cjkFamily != null) {
      styler.setChartTitleFont(inFamily(styler.getChartTitleFont()));
      styler.setAxisTitleFont(inFamily(styler.getAxisTitleFont()));
      styler.setAxisTickLabelsFont(inFamily(styler.getAxisTickLabelsFont()));
      styler.setLegendFont(inFamily(styler.getLegendFont()));
    }
    int nextColor = 0;
    for (Series s : series) {
      XYSeries drawn = chart.addSeries(s.name(), s.xView(), s.yView());
      Color color = s.color().orElse(null);
      if (color == null) {
        color = new Color(COLOR_CYCLE[nextColor % COLOR_CYCLE.length]);
        nextColor++;
      }
      drawn.setLineColor(color);
      drawn.setMarkerColor(color);
      drawn.setMarker(markerOf(s.marker()));
      if (s.lineStyle() == LineStyle.NONE) {
        drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        drawn.setLineStyle(SeriesLines.NONE);
      } else {
        drawn.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        drawn.setLineStyle(strokeOf(s.lineStyle(), s.lineWidth()));
      }
    }
    return chart;
  }

  private Font inFamily(Font font) {
    return new Font(cjkFamily, font.getStyle(), font.getSize());
  }

  private static BasicStroke strokeOf(LineStyle style, float width) {
    float[] dash = style.dashPattern(width);
    if (dash.length == 0) {
      return new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }
    return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
  }

  private static org.knowm.xchart.style.markers.Marker markerOf(Marker marker) {
    return switch (marker) {
      case NONE -> SeriesMarkers.NONE;
      case CIRCLE -> SeriesMarkers.CIRCLE;
      case SQUARE -> SeriesMarkers.SQUARE;
      case DIAMOND -> SeriesMarkers.DIAMOND;
      case TRIANGLE_UP -> SeriesMarkers.TRIANGLE_UP;
      case TRIANGLE_DOWN -> SeriesMarkers.TRIANGLE_DOWN;
      case CROSS -> SeriesMarkers.CROSS;
      case PLUS -> SeriesMarkers.PLUS;
    };
  }

  /**
   * Collects a plot's labels, size and series; {@link #build()} checks them.
   *
   * <p>{@code LinePlot.builder().title("loss").size(600, 600).add(series).build()}
   */
  public static final class Builder {
    private String title = "";
    private String xLabel = "";
    private String yLabel = "";
    private int width = 800;
    private int height = 600;
    private final List<Series> series = new ArrayList<>();
    private boolean legend = true;
    private boolean logY;

    private Builder() {}

    /**
     * Sets the chart title.
     *
     * <p>{@code builder.title("SGD")}
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * Sets the x-axis label.
     *
     * <p>{@code builder.xLabel("训练步数")}
     */
    public Builder xLabel(String xLabel) {
      this.xLabel = Objects.requireNonNull(xLabel, "xLabel");
      return this;
    }

    /**
     * Sets the y-axis label.
     *
     * <p>{@code builder.yLabel("模型损失")}
     */
    public Builder yLabel(String yLabel) {
      this.yLabel = Objects.requireNonNull(yLabel, "yLabel");
      return this;
    }

    /**
     * Sets the image size in pixels; matplotlib's {@code figsize=(6, 6), dpi=100} is 600x600.
     *
     * <p>{@code builder.size(600, 600)}
     *
     * @throws IllegalArgumentException if a side is not in 1..16384
     */
    public Builder size(int width, int height) {
      // 16384 keeps one image under 1 GiB of int pixels; anything larger is a unit mistake.
      checkArgument(
          width >= 1 && width <= 16384 && height >= 1 && height <= 16384,
          "LinePlot.size: width and height must be in 1..16384, got %sx%s",
          width,
          height);
      this.width = width;
      this.height = height;
      return this;
    }

    /**
     * Adds a series, drawn after the ones before it.
     *
     * <p>{@code builder.add(Series.of("a", y))}
     */
    public Builder add(Series series) {
      this.series.add(Objects.requireNonNull(series, "series"));
      return this;
    }

    /**
     * Shows or hides the legend (shown by default).
     *
     * <p>{@code builder.legend(false)}
     */
    public Builder legend(boolean legend) {
      this.legend = legend;
      return this;
    }

    /**
     * Makes the y axis logarithmic, for losses spanning decades.
     *
     * <p>{@code builder.logY(true)}; every y value must then be positive.
     */
    public Builder logY(boolean logY) {
      this.logY = logY;
      return this;
    }

    /** Returns an independent builder with the same settings and series. */
    Builder copy() {
      Builder copy = new Builder();
      copy.title = title;
      copy.xLabel = xLabel;
      copy.yLabel = yLabel;
      copy.width = width;
      copy.height = height;
      copy.series.addAll(series);
      copy.legend = legend;
      copy.logY = logY;
      return copy;
    }

    /**
     * Returns the plot.
     *
     * <p>{@code LinePlot plot = builder.build();}
     *
     * @throws IllegalArgumentException if there are no series, two share a name, or the y axis is
     *     logarithmic and a y value is not positive
     */
    public LinePlot build() {
      checkArgument(!series.isEmpty(), "LinePlot.build: no series added; call add(Series) first");
      Set<String> names = new HashSet<>();
      for (Series s : series) {
        // XChart keys series by name; a duplicate would replace the first one silently.
        checkArgument(names.add(s.name()), "LinePlot.build: duplicate series name '%s'", s.name());
        if (logY) {
          double[] y = s.yView();
          for (int i = 0; i < y.length; i++) {
            checkArgument(
                y[i] > 0,
                "LinePlot.build: a logarithmic y axis needs positive values, but series '%s'"
                    + " has y[%s] = %s",
                s.name(),
                i,
                y[i]);
          }
        }
      }
      return new LinePlot(this);
    }
  }
}

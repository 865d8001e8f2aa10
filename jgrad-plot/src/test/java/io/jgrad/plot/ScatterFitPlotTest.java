package io.jgrad.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterFitPlotTest {
  @TempDir Path directory;

  private static double[] sinSamplesX() {
    double[] x = new double[30];
    for (int i = 0; i < x.length; i++) {
      x[i] = -3 + 6.0 * i / (x.length - 1);
    }
    return x;
  }

  private static double[] sin(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.sin(x[i]);
    }
    return y;
  }

  // Taylor cubic of sin: close to sin on [-1, 1], visibly apart near ±3.
  private static double cubic(double t) {
    return t - t * t * t / 6;
  }

  @Test
  void drawsBluePointsAndRedFittedCurve() throws IOException {
    double[] x = sinSamplesX();
    Path file = directory.resolve("fit.png");
    ScatterFitPlot.builder()
        .title("sin(x)")
        .xLabel("x")
        .yLabel("y")
        .size(500, 400)
        .points("sin", x, sin(x))
        .fit("cubic", ScatterFitPlotTest::cubic, 200)
        .build()
        .save(file);

    BufferedImage image = PlotImages.read(file);
    assertThat(image.getWidth()).isEqualTo(500);
    assertThat(image.getHeight()).isEqualTo(400);
    assertThat(PlotImages.countPixels(image, 0x0000ff)).isGreaterThan(200);
    assertThat(PlotImages.countPixels(image, 0xff0000)).isGreaterThan(100);
  }

  @Test
  void sampledFitSpansThePointsRange() {
    double[] x = sinSamplesX();
    ScatterFitPlot plot =
        ScatterFitPlot.builder()
            .points("sin", x, sin(x))
            .fit("cubic", ScatterFitPlotTest::cubic, 5)
            .build();

    Series points = plot.asLinePlot().series().get(0);
    Series fit = plot.asLinePlot().series().get(1);
    assertThat(points.lineStyle()).isEqualTo(LineStyle.NONE);
    assertThat(points.marker()).isEqualTo(Marker.CIRCLE);
    assertThat(fit.x()).containsExactly(-3, -1.5, 0, 1.5, 3);
    assertThat(fit.y()[4]).isEqualTo(cubic(3));
  }

  @Test
  void buildTwiceGivesEqualPlots() {
    double[] x = sinSamplesX();
    ScatterFitPlot.Builder builder =
        ScatterFitPlot.builder().points("sin", x, sin(x)).fit("fit", x, sin(x));

    assertThat(builder.build().toPng()).isEqualTo(builder.build().toPng());
  }

  @Test
  void missingPartsAndBadSamplesAreRejected() {
    double[] x = sinSamplesX();
    assertThatThrownBy(() -> ScatterFitPlot.builder().points("p", x, sin(x)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no fitted curve");
    assertThatThrownBy(() -> ScatterFitPlot.builder().fit("f", Math::sin, 10))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call points(...) before fit");
    assertThatThrownBy(() -> ScatterFitPlot.builder().points("p", x, sin(x)).fit("f", Math::sin, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("samples must be at least 2, got 1");
    assertThatThrownBy(
            () -> ScatterFitPlot.builder().points("p", new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 x values but 1 y values");
  }

  @Test
  void saveRejectsJpeg() {
    double[] x = sinSamplesX();
    ScatterFitPlot plot = ScatterFitPlot.builder().points("p", x, sin(x)).fit("f", x, x).build();
    assertThatThrownBy(() -> plot.save(directory.resolve("fit.jpg")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ScatterFitPlot.save: unsupported file extension '.jpg'");
  }
}

package io.jgrad.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
  // Losses printed by the seed notebook's SGD loop (seed 1024), steps 1..20.
  private static final double[] BATCH_LOSS = {
    101.19, 3.61, 4.00, 14.92, 25.90, 44.56, 60.46, 60.59, 47.31, 24.05,
    14.43, 4.00, 1.48, 0.58, 1.48, 0.95, 1.03, 1.68, 0.55, 1.27
  };
  private static final double[] TOTAL_LOSS = {
    80.0, 60.2, 45.5, 34.6, 26.5, 20.4, 15.9, 12.5, 10.0, 8.1,
    6.7, 5.6, 4.8, 4.2, 3.7, 3.4, 3.1, 2.9, 2.8, 2.7
  };
  private static final int RED = 0xff0000;
  private static final int BLUE = 0x0000ff;

  @TempDir Path directory;

  private static LinePlot notebookPlot(String xLabel) {
    return LinePlot.builder()
        .size(600, 600)
        .xLabel(xLabel)
        .yLabel("模型损失")
        .add(Series.of("批次损失", BATCH_LOSS).withFormat("k"))
        .add(Series.of("整体损失", TOTAL_LOSS).withFormat("r-."))
        .build();
  }

  @Test
  void savesPngOfRequestedSizeWithSeriesColours() throws IOException {
    Path file = directory.resolve("sgd.png");
    LinePlot.builder()
        .title("SGD")
        .size(640, 480)
        .add(Series.of("batch", BATCH_LOSS).withFormat("r"))
        .add(Series.of("total", TOTAL_LOSS).withFormat("b--"))
        .build()
        .save(file);

    BufferedImage image = PlotImages.read(file);
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(480);
    assertThat(PlotImages.distinctColors(image)).isGreaterThan(20);
    assertThat(PlotImages.countPixels(image, RED)).isGreaterThan(100);
    assertThat(PlotImages.countPixels(image, BLUE)).isGreaterThan(50);
    assertThat(PlotImages.countPixels(image, 0xffffff))
        .as("mostly white background")
        .isGreaterThan(640 * 480 / 2);
  }

  @Test
  void uncolouredSeriesTakeMatplotlibDefaultCycle() {
    BufferedImage image =
        LinePlot.builder()
            .add(Series.of("first", BATCH_LOSS))
            .add(Series.of("second", TOTAL_LOSS))
            .build()
            .toImage();

    assertThat(PlotImages.countPixels(image, 0x1f77b4)).isGreaterThan(50);
    assertThat(PlotImages.countPixels(image, 0xff7f0e)).isGreaterThan(50);
  }

  @Test
  void pngBytesAreIdenticalAcrossSaves() throws IOException {
    Path first = directory.resolve("first.png");
    Path second = directory.resolve("second.png");
    notebookPlot("训练步数").save(first);
    notebookPlot("训练步数").save(second);

    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    assertThat(notebookPlot("训练步数").toPng()).isEqualTo(Files.readAllBytes(first));
  }

  @Test
  void chineseLabelsChooseCjkFontAndAreDrawn() {
    assumeTrue(
        Fonts.isInstalled("WenQuanYi Micro Hei"),
        "font WenQuanYi Micro Hei (Debian fonts-wqy-microhei) is not installed");
    LinePlot labelled = notebookPlot("训练步数");
    LinePlot unlabelled = notebookPlot("");

    assertThat(labelled.fontFamily()).isEqualTo("WenQuanYi Micro Hei");
    assertThat(
            PlotImages.countDifferentPixels(
                PlotImages.read(labelled.toPng()), PlotImages.read(unlabelled.toPng())))
        .isGreaterThan(100);
  }

  @Test
  void latinLabelsKeepDefaultFont() {
    LinePlot plot =
        LinePlot.builder().xLabel("step").yLabel("loss").add(Series.of("a", BATCH_LOSS)).build();

    assertThat(plot.fontFamily()).isEqualTo("SansSerif");
  }

  @Test
  void logarithmicYAxisRendersAndRejectsNonPositiveValues() {
    LinePlot plot =
        LinePlot.builder().logY(true).add(Series.of("loss", BATCH_LOSS).withFormat("r")).build();
    assertThat(plot.isLogY()).isTrue();
    assertThat(PlotImages.countPixels(plot.toImage(), RED)).isGreaterThan(50);

    assertThatThrownBy(
            () ->
                LinePlot.builder()
                    .logY(true)
                    .add(Series.of("loss", new double[] {1, 0.5, -2}))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 'loss' has y[2] = -2.0");
  }

  @Test
  void saveReplacesExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = directory.resolve("loss.png");
    Files.writeString(file, "old contents");

    notebookPlot("训练步数").save(file);

    assertThat(PlotImages.read(file).getWidth()).isEqualTo(600);
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void saveRejectsExtensionsOtherThanPng() {
    LinePlot plot = notebookPlot("训练步数");
    Path svg = directory.resolve("loss.svg");

    assertThatThrownBy(() -> plot.save(svg))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unsupported file extension '.svg'")
        .hasMessageContaining("loss.svg")
        .hasMessageContaining("only .png");
    assertThatThrownBy(() -> plot.save(directory.resolve("loss")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("extension ''");
    assertThat(Files.exists(svg)).isFalse();
  }

  @Test
  void saveAcceptsUpperCaseExtension() throws IOException {
    Path file = directory.resolve("LOSS.PNG");
    notebookPlot("训练步数").save(file);
    assertThat(PlotImages.read(file).getHeight()).isEqualTo(600);
  }

  @Test
  void saveIntoMissingDirectoryThrowsIOException() {
    Path file = directory.resolve("missing").resolve("loss.png");
    assertThatThrownBy(() -> notebookPlot("x").save(file)).isInstanceOf(IOException.class);
  }

  @Test
  void buildRejectsNoSeriesAndDuplicateNames() {
    assertThatThrownBy(() -> LinePlot.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no series");
    assertThatThrownBy(
            () ->
                LinePlot.builder()
                    .add(Series.of("loss", BATCH_LOSS))
                    .add(Series.of("loss", TOTAL_LOSS))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate series name 'loss'");
  }

  @Test
  void sizeRejectsNonPositiveSides() {
    assertThatThrownBy(() -> LinePlot.builder().size(0, 480))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0x480");
  }

  @Test
  void builderKeepsSettings() {
    LinePlot plot =
        LinePlot.builder()
            .title("t")
            .xLabel("x")
            .yLabel("y")
            .legend(false)
            .add(Series.of("a", BATCH_LOSS))
            .build();

    assertThat(plot.title()).isEqualTo("t");
    assertThat(plot.xLabel()).isEqualTo("x");
    assertThat(plot.yLabel()).isEqualTo("y");
    assertThat(plot.hasLegend()).isFalse();
    assertThat(plot.width()).isEqualTo(800);
    assertThat(plot.height()).isEqualTo(600);
    assertThat(plot.series()).extracting(Series::name).containsExactly("a");
  }
}

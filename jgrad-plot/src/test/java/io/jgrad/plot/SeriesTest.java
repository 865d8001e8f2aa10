package io.jgrad.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {
  @Test
  void yOnlySeriesUsesIndicesAsX() {
    Series series = Series.of("loss", new double[] {5, 6, 7});

    assertThat(series.x()).containsExactly(0, 1, 2);
    assertThat(series.y()).containsExactly(5, 6, 7);
    assertThat(series.size()).isEqualTo(3);
    assertThat(series.lineStyle()).isEqualTo(LineStyle.SOLID);
    assertThat(series.marker()).isEqualTo(Marker.NONE);
    assertThat(series.color()).isEmpty();
  }

  @Test
  void floatAndListOverloadsWidenValues() {
    Series floats = Series.of("f", new float[] {0.5f, 1.5f}, new float[] {2f, 3f});
    Series list = Series.of("l", List.of(2.0, 3.0));
    Series lists = Series.of("ll", List.of(1, 2), List.of(4.0, 5.0));

    assertThat(floats.x()).containsExactly(0.5, 1.5);
    assertThat(list.x()).containsExactly(0, 1);
    assertThat(list.y()).containsExactly(2, 3);
    assertThat(lists.x()).containsExactly(1, 2);
  }

  @Test
  void dataIsCopiedOnTheWayInAndOut() {
    double[] y = {1, 2};
    Series series = Series.of("a", y);
    y[0] = 99;
    series.y()[1] = 99;

    assertThat(series.y()).containsExactly(1, 2);
  }

  @Test
  void formatStringsFollowMatplotlib() {
    Series base = Series.of("a", new double[] {1, 2});

    Series black = base.withFormat("k");
    assertThat(black.color()).contains(new Color(0, 0, 0));
    assertThat(black.lineStyle()).isEqualTo(LineStyle.SOLID);

    Series redDashDot = base.withFormat("r-.");
    assertThat(redDashDot.color()).contains(new Color(255, 0, 0));
    assertThat(redDashDot.lineStyle()).isEqualTo(LineStyle.DASH_DOT);

    Series blueDots = base.withFormat("bo");
    assertThat(blueDots.lineStyle()).isEqualTo(LineStyle.NONE);
    assertThat(blueDots.marker()).isEqualTo(Marker.CIRCLE);

    Series dashedSquares = base.withFormat("s--g");
    assertThat(dashedSquares.lineStyle()).isEqualTo(LineStyle.DASHED);
    assertThat(dashedSquares.marker()).isEqualTo(Marker.SQUARE);
    assertThat(dashedSquares.color()).contains(new Color(0, 128, 0));

    assertThat(base.withFormat(":").lineStyle()).isEqualTo(LineStyle.DOTTED);
  }

  @Test
  void formatRejectsUnknownAndRepeatedParts() {
    Series base = Series.of("a", new double[] {1});

    assertThatThrownBy(() -> base.withFormat("rq"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unrecognized character 'q' at index 1 in format 'rq'");
    assertThatThrownBy(() -> base.withFormat("rk"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one colour in format 'rk'");
  }

  @Test
  void mismatchedLengthsNameBothCounts() {
    assertThatThrownBy(() -> Series.of("fit", new double[] {1, 2, 3}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Series: series 'fit' has 3 x values but 2 y values");
    assertThatThrownBy(() -> Series.of("fit", List.of(1.0), List.of(1.0, 2.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 x values but 2 y values");
  }

  @Test
  void emptySeriesAndBadValuesAreRejected() {
    assertThatThrownBy(() -> Series.of("loss", new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Series: series 'loss' is empty (0 points)");
    assertThatThrownBy(() -> Series.of("", new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name must not be empty");
    assertThatThrownBy(() -> Series.of("loss", new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 'loss' has non-finite y[1] = NaN");
    assertThatThrownBy(() -> Series.of("loss", Arrays.asList(1.0, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series 'loss' has null y[1]");
    assertThatThrownBy(() -> Series.of("loss", new double[] {1}).withLineWidth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 0.0");
  }
}

package io.jgrad.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private static final long MILLIS = 1_000_000L;
  private static final long SECONDS = 1_000_000_000L;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong(1_000 * SECONDS);

  private ProgressBar bar(long total, boolean terminal) {
    return new ProgressBar("train", total, out, clock::get, terminal, 10, Duration.ofMinutes(1));
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void terminalModeRedrawsOneLineWithRateAndEta() {
    try (ProgressBar bar = bar(1000, true)) {
      for (int i = 0; i < 450; i++) {
        clock.addAndGet(12 * SECONDS / 450);
        bar.step();
      }
      bar.setPostfix("loss=0.4321");
      clock.set(1_000 * SECONDS + 12_400 * MILLIS);
      bar.step(0);

      String text = output();
      String last = text.substring(text.lastIndexOf('\r') + 1);
      assertThat(text).startsWith("\rtrain   0% |").doesNotContain("\n");
      assertThat(text.chars().filter(c -> c == '\r').count()).isGreaterThan(10);
      assertThat(last)
          .isEqualTo(
              "train  45% |█████████           | 450/1000 [00:12<00:16, 36.3 it/s]"
                  + " loss=0.4321");
    }
    assertThat(output()).endsWith("\n");
  }

  @Test
  void terminalModeThrottlesRedrawsToTenPerSecond() {
    try (ProgressBar bar = bar(1000, true)) {
      for (int i = 0; i < 100; i++) {
        clock.addAndGet(MILLIS);
        bar.step();
      }
    }
    // Start, one redraw after 100 ms, and the final redraw on close.
    assertThat(output().chars().filter(c -> c == '\r').count()).isEqualTo(3);
  }

  @Test
  void terminalModePadsShorterLinesToEraseLongerOnes() {
    try (ProgressBar bar = bar(10, true)) {
      bar.setPostfix("loss=123456.789");
      clock.addAndGet(SECONDS);
      bar.step();
      bar.setPostfix("");
      clock.addAndGet(SECONDS);
      bar.step();
      String text = output();
      String last = text.substring(text.lastIndexOf('\r') + 1);
      assertThat(last).endsWith("it/s]                ");
    }
  }

  @Test
  void plainModePrintsLinesEveryTenPercentWithoutCarriageReturns() {
    try (ProgressBar bar = bar(100, false)) {
      for (int i = 0; i < 100; i++) {
        clock.addAndGet(SECONDS / 10);
        bar.step();
      }
    }
    String[] lines = output().split("\n");
    assertThat(output()).doesNotContain("\r");
    assertThat(lines).hasSize(10);
    assertThat(lines[0])
        .isEqualTo("train  10% |██                  | 10/100 [00:01<00:09, 10.0 it/s]");
    assertThat(lines[9])
        .isEqualTo("train 100% |████████████████████| 100/100 [00:10<00:00, 10.0 it/s]");
  }

  @Test
  void plainModeAlsoLogsAfterTheIntervalAndOnClose() {
    try (ProgressBar bar =
        new ProgressBar("slow", 1000, out, clock::get, false, 50, Duration.ofSeconds(30))) {
      clock.addAndGet(31 * SECONDS);
      bar.step();
      clock.addAndGet(10 * SECONDS);
      bar.step();
    }
    String[] lines = output().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("slow   0% |").contains("1/1000 [00:31<8:36:09, 31.00 s/it]");
    assertThat(lines[1]).contains("2/1000 [00:41<").contains("20.50 s/it");
  }

  @Test
  void formatsHoursAndUnknownRates() {
    assertThat(ProgressLine.clock(3 * 3600 + 62)).isEqualTo("3:01:02");
    assertThat(ProgressLine.clock(75)).isEqualTo("01:15");
    assertThat(ProgressLine.format("", 0, 10, 0, ""))
        .isEqualTo("  0% |                    | 0/10 [00:00<?, ? it/s]");
    assertThat(ProgressLine.bar(0.5 / 20)).isEqualTo("▌" + " ".repeat(19));
  }

  @Test
  void countsBeyondTotalKeepTheBarFull() {
    String line = ProgressLine.format("x", 12, 10, 2 * SECONDS, "");
    assertThat(line).isEqualTo("x 100% |████████████████████| 12/10 [00:02<00:00, 6.0 it/s]");
  }

  @Test
  void emptyTotalIsImmediatelyComplete() {
    try (ProgressBar bar = bar(0, false)) {
      assertThat(bar.total()).isZero();
    }
    assertThat(output()).startsWith("train 100% |").contains("0/0");
  }

  @Test
  void badArgumentsAndUseAfterCloseAreRejected() {
    assertThatThrownBy(() -> ProgressBar.create("train", -1, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total must be >= 0, got -1 (label 'train')");
    assertThatThrownBy(() -> ProgressBar.create("train", 10, out, 0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logEveryPercent must be in 1..100, got 0");
    assertThatThrownBy(() -> ProgressBar.create("train", 10, out, 10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logInterval must be positive, got PT0S");

    ProgressBar bar = bar(10, false);
    assertThatThrownBy(() -> bar.step(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n must be >= 0, got -2");
    bar.step(3);
    bar.close();
    bar.close();
    assertThat(bar.count()).isEqualTo(3);
    assertThatThrownBy(bar::step)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("bar 'train' is already closed");
  }

  @Test
  void streamsOtherThanTheConsoleAreNeverTerminals() {
    assertThat(ProgressBar.isTerminal(out)).isFalse();
  }
}

package io.jgrad.progress;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A tqdm-like progress bar for training loops.
 *
 * <p>{@code try (var bar = ProgressBar.create("epoch 1", batches, System.err)) { for (...) {
 * train(); bar.setPostfix("loss=" + loss); bar.step(); } }}
 *
 * <p>On a terminal it redraws one line with {@code \r}, at most every 100 ms: {@code epoch 1 45%
 * |█████████ | 450/1000 [00:12<00:14, 36.5 it/s] loss=0.4321}. Elsewhere (CI logs, pipes, files) it
 * prints the same text as plain lines, one each time another 10% is done or a minute has passed,
 * and a final line on {@link #close()}. Safe to call from several threads.
 */
public final class ProgressBar implements AutoCloseable {
  /** Terminal redraws at most this often, like tqdm's {@code mininterval=0.1}. */
  static final long REDRAW_NANOS = 100_000_000L;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final LongSupplier nanoClock;
  private final boolean terminal;
  private final int logEveryPercent;
  private final long logIntervalNanos;
  private final long startNanos;

  private long count;
  private String postfix = "";
  private boolean closed;
  private long lastDrawNanos;
  private long lastLoggedCount = -1;
  private int lastLoggedPercentStep;
  private int drawnLength;

  ProgressBar(
      String label,
      long total,
      PrintStream out,
      LongSupplier nanoClock,
      boolean terminal,
      int logEveryPercent,
      Duration logInterval) {
    this.label = Objects.requireNonNull(label, "label");
    this.out = Objects.requireNonNull(out, "out");
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    Objects.requireNonNull(logInterval, "logInterval");
    if (total < 0) {
      throw new IllegalArgumentException(
          String.format("ProgressBar: total must be >= 0, got %d (label '%s')", total, label));
    }
    if (logEveryPercent < 1 || logEveryPercent > 100) {
      throw new IllegalArgumentException(
          String.format(
              "ProgressBar: logEveryPercent must be in 1..100, got %d (label '%s')",
              logEveryPercent, label));
    }
    if (logInterval.isNegative() || logInterval.isZero()) {
      throw new IllegalArgumentException(
          String.format(
              "ProgressBar: logInterval must be positive, got %s (label '%s')",
              logInterval, label));
    }
    this.total = total;
    this.terminal = terminal;
    this.logEveryPercent = logEveryPercent;
    this.logIntervalNanos = saturatedNanos(logInterval);
    this.startNanos = nanoClock.getAsLong();
    this.lastDrawNanos = startNanos;
    if (terminal) {
      draw(startNanos);
    }
  }

  /**
   * Returns a bar over {@code total} steps writing to {@code out}, redrawing in place when {@code
   * out} is the console's terminal and logging every 10% or every minute otherwise.
   *
   * <p>{@code ProgressBar.create("train", 1000, System.err)}
   *
   * @throws IllegalArgumentException if {@code total} is negative
   */
  public static ProgressBar create(String label, long total, PrintStream out) {
    return create(label, total, out, 10, Duration.ofMinutes(1));
  }

  /**
   * Returns a bar as {@link #create(String, long, PrintStream)} does, but logging plain lines each
   * {@code logEveryPercent}% of progress and whenever {@code logInterval} passed since the last
   * line.
   *
   * <p>{@code ProgressBar.create("train", 1000, System.out, 25, Duration.ofSeconds(30))}
   *
   * @throws IllegalArgumentException if {@code total < 0}, {@code logEveryPercent} is outside
   *     1..100 or {@code logInterval} is not positive
   */
  public static ProgressBar create(
      String label, long total, PrintStream out, int logEveryPercent, Duration logInterval) {
    return new ProgressBar(
        label, total, out, System::nanoTime, isTerminal(out), logEveryPercent, logInterval);
  }

  /**
   * Records one finished step.
   *
   * <p>{@code bar.step()}
   *
   * @throws IllegalStateException if the bar is closed
   */
  public void step() {
    step(1);
  }

  /**
   * Records {@code n} finished steps, e.g. the samples of one batch.
   *
   * <p>{@code bar.step(batchSize)}
   *
   * @throws IllegalArgumentException if {@code n} is negative
   * @throws IllegalStateException if the bar is closed
   */
  public synchronized void step(long n) {
    if (n < 0) {
      throw new IllegalArgumentException(
          String.format("ProgressBar.step: n must be >= 0, got %d (label '%s')", n, label));
    }
    checkOpen("step");
    long before = count;
    count += n;
    long now = nanoClock.getAsLong();
    if (terminal) {
      boolean justFinished = before < total && count >= total;
      if (justFinished || now - lastDrawNanos >= REDRAW_NANOS) {
        draw(now);
      }
    } else {
      int percentStep = percentStep();
      boolean intervalPassed = count != lastLoggedCount && now - lastDrawNanos >= logIntervalNanos;
      if (percentStep > lastLoggedPercentStep || intervalPassed) {
        log(now);
      }
    }
  }

  /**
   * Sets the text shown after the rate, such as the current loss; shown from the next redraw.
   *
   * <p>{@code bar.setPostfix(String.format("loss=%.4f", loss))}
   *
   * @throws IllegalStateException if the bar is closed
   */
  public synchronized void setPostfix(String postfix) {
    Objects.requireNonNull(postfix, "postfix");
    checkOpen("setPostfix");
    this.postfix = postfix;
  }

  /**
   * Returns the steps recorded so far.
   *
   * <p>{@code bar.count()} is 3 after three {@code step()}s.
   */
  public synchronized long count() {
    return count;
  }

  /**
   * Returns the expected number of steps.
   *
   * <p>{@code ProgressBar.create("a", 9, out).total()}
   */
  public long total() {
    return total;
  }

  /**
   * Draws the final state and ends the line; later calls do nothing.
   *
   * <p>{@code bar.close()}, or let try-with-resources call it.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    long now = nanoClock.getAsLong();
    if (terminal) {
      draw(now);
      out.println();
    } else if (lastLoggedCount != count) {
      log(now);
    }
    out.flush();
    closed = true;
  }

  private void draw(long now) {
    String line = ProgressLine.format(label, count, total, now - startNanos, postfix);
    // Spaces wipe what is left of a longer previous line, e.g. after a shorter postfix.
    int padding = Math.max(0, drawnLength - line.length());
    out.print("\r" + line + " ".repeat(padding));
    out.flush();
    drawnLength = line.length();
    lastDrawNanos = now;
  }

  private void log(long now) {
    out.println(ProgressLine.format(label, count, total, now - startNanos, postfix));
    out.flush();
    lastDrawNanos = now;
    lastLoggedCount = count;
    lastLoggedPercentStep = percentStep();
  }

  private int percentStep() {
    if (total == 0) {
      return 100 / logEveryPercent;
    }
    // In double: count * 100 would overflow a long long before count itself does.
    double percent = Math.min(100.0, 100.0 * count / total);
    return (int) (percent / logEveryPercent);
  }

  private void checkOpen(String operation) {
    if (closed) {
      throw new IllegalStateException(
          String.format("ProgressBar.%s: bar '%s' is already closed", operation, label));
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      // Durations beyond ~292 years mean "never"; toNanos cannot represent them.
      return Long.MAX_VALUE;
    }
  }

  /** Returns whether {@code out} is a stream the console shows on an interactive terminal. */
  static boolean isTerminal(PrintStream out) {
    if (out != System.out && out != System.err) {
      return false;
    }
    // Since JDK 22 System.console() is non-null even when redirected; isTerminal() tells.
    Console console = System.console();
    return console != null && console.isTerminal();
  }
}

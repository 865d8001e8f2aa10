package io.jgrad.progress;

import java.util.Locale;

/**
 * Formats one progress line: {@code label 45% |█████████▌ | 450/1000 [00:12<00:14, 36.5 it/s]
 * loss=0.4321}.
 */
final class ProgressLine {
  static final int BAR_WIDTH = 20;

  // Eighth blocks give the bar sub-character resolution, as tqdm's Unicode bar does.
  private static final String[] PARTIAL_BLOCKS = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private ProgressLine() {}

  static String format(String label, long count, long total, long elapsedNanos, String postfix) {
    double fraction = total == 0 ? 1.0 : Math.min(1.0, (double) count / total);
    // Floor, not round: "100%" must mean done, never 99.6%.
    int percent = (int) Math.floor(fraction * 100);
    double seconds = elapsedNanos / (double) NANOS_PER_SECOND;
    boolean hasRate = count > 0 && elapsedNanos > 0;
    double rate = hasRate ? count / seconds : 0;
    String remaining;
    if (count >= total) {
      remaining = clock(0);
    } else {
      remaining = hasRate ? clock((long) Math.ceil((total - count) / rate)) : "?";
    }
    StringBuilder line = new StringBuilder(96);
    if (!label.isEmpty()) {
      line.append(label).append(' ');
    }
    line.append(String.format(Locale.ROOT, "%3d%% |", percent))
        .append(bar(fraction))
        .append("| ")
        .append(count)
        .append('/')
        .append(total)
        .append(" [")
        .append(clock((long) Math.floor(seconds)))
        .append('<')
        .append(remaining)
        .append(", ")
        .append(rate(hasRate, rate))
        .append(']');
    if (!postfix.isEmpty()) {
      line.append(' ').append(postfix);
    }
    return line.toString();
  }

  static String bar(double fraction) {
    double filled = fraction * BAR_WIDTH;
    int full = (int) filled;
    int eighths = (int) ((filled - full) * 8);
    StringBuilder bar = new StringBuilder(BAR_WIDTH);
    bar.append("█".repeat(full));
    if (full < BAR_WIDTH) {
      bar.append(PARTIAL_BLOCKS[eighths]);
    }
    while (bar.length() < BAR_WIDTH) {
      bar.append(' ');
    }
    return bar.toString();
  }

  /** Returns {@code mm:ss}, or {@code h:mm:ss} from one hour on, as tqdm prints durations. */
  static String clock(long seconds) {
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    long rest = seconds % 60;
    if (hours > 0) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, rest);
    }
    return String.format(Locale.ROOT, "%02d:%02d", minutes, rest);
  }

  private static String rate(boolean hasRate, double rate) {
    if (!hasRate) {
      return "? it/s";
    }
    // Below one step per second tqdm flips to seconds per step, which stays readable.
    if (rate < 1) {
      return String.format(Locale.ROOT, "%.2f s/it", 1 / rate);
    }
    return String.format(Locale.ROOT, "%.1f it/s", rate);
  }
}

package io.jgrad.plot;

/** Argument checks that build their message only when the check fails. */
final class Checks {
  private Checks() {}

  static void checkArgument(boolean condition, String template, Object... args) {
    if (!condition) {
      throw new IllegalArgumentException(String.format(template, args));
    }
  }
}

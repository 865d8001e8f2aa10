package io.jgrad.plot;

/**
 * Switches AWT to headless mode before this package first touches it.
 *
 * <p>AWT reads {@code java.awt.headless} once, on first use; a stray {@code DISPLAY} pointing at an
 * unreachable X server would otherwise make font or image code fail in CI or over SSH. An explicit
 * setting by the application (a Swing program that also plots) is respected.
 */
final class Headless {
  static final String PROPERTY = "java.awt.headless";

  private Headless() {}

  static void ensure() {
    if (System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "true");
    }
  }
}

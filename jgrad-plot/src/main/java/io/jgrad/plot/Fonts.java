package io.jgrad.plot;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks a font family that has glyphs for the chart's text.
 *
 * <p>Java's logical {@code SansSerif} font draws empty boxes ("tofu") for Chinese on many Linux
 * machines, so text with CJK characters is drawn in an installed CJK family instead, the way the
 * seed notebook sets {@code plt.rcParams['font.sans-serif'] = ['SimHei']}.
 */
final class Fonts {
  static {
    Headless.ensure();
  }

  /** Families tried first, in order: common, complete CJK sans-serif fonts on Linux/Mac/Windows. */
  static final List<String> PREFERRED_CJK_FAMILIES =
      List.of(
          "WenQuanYi Micro Hei",
          "WenQuanYi Zen Hei",
          "Noto Sans CJK SC",
          "Noto Sans SC",
          "Source Han Sans SC",
          "Source Han Sans CN",
          "Microsoft YaHei",
          "SimHei",
          "PingFang SC",
          "Hiragino Sans GB",
          "Droid Sans Fallback",
          "AR PL UMing CN");

  private Fonts() {}

  /** Returns whether {@code text} holds Chinese, Japanese or Korean characters or punctuation. */
  static boolean containsCjk(String text) {
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
      if (script == Character.UnicodeScript.HAN
          || script == Character.UnicodeScript.HIRAGANA
          || script == Character.UnicodeScript.KATAKANA
          || script == Character.UnicodeScript.HANGUL
          || script == Character.UnicodeScript.BOPOMOFO) {
        return true;
      }
      Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
      if (block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
          || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns an installed family that can draw all of {@code text}, or empty when the text needs no
   * CJK font or no installed family can draw it (the default font is then the best there is).
   */
  static Optional<String> cjkFamilyFor(String text) {
    if (!containsCjk(text)) {
      return Optional.empty();
    }
    for (String family : PREFERRED_CJK_FAMILIES) {
      if (Installed.FAMILIES.contains(family) && canDisplay(family, text)) {
        return Optional.of(family);
      }
    }
    // The family list is sorted, so the fallback choice is the same on every run.
    for (String family : Installed.FAMILIES) {
      if (canDisplay(family, text)) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }

  /** Returns whether a family named {@code family} is installed. */
  static boolean isInstalled(String family) {
    return Installed.FAMILIES.contains(family);
  }

  private static boolean canDisplay(String family, String text) {
    return new Font(family, Font.PLAIN, 12).canDisplayUpTo(text) == -1;
  }

  /** Holds the installed family names, looked up once and only when CJK text needs them. */
  private static final class Installed {
    // Locale.ENGLISH so the names match PREFERRED_CJK_FAMILIES under a Chinese default locale,
    // where the JDK would otherwise report "文泉驿微米黑".
    static final List<String> FAMILIES =
        List.of(
            GraphicsEnvironment.getLocalGraphicsEnvironment()
                .getAvailableFontFamilyNames(Locale.ENGLISH));
  }
}

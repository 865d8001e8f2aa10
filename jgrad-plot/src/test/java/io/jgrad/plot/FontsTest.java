package io.jgrad.plot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FontsTest {
  @Test
  void detectsCjkCharactersAndPunctuation() {
    assertThat(Fonts.containsCjk("训练步数")).isTrue();
    assertThat(Fonts.containsCjk("loss（对数）")).isTrue();
    assertThat(Fonts.containsCjk("ステップ")).isTrue();
    assertThat(Fonts.containsCjk("손실")).isTrue();
    assertThat(Fonts.containsCjk("loss, step 1 — é")).isFalse();
  }

  @Test
  void latinTextNeedsNoCjkFamily() {
    assertThat(Fonts.cjkFamilyFor("batch loss")).isEmpty();
  }

  @Test
  void headlessIsSwitchedOnWhenUnset() {
    String before = System.getProperty(Headless.PROPERTY);
    try {
      System.clearProperty(Headless.PROPERTY);
      Headless.ensure();
      assertThat(System.getProperty(Headless.PROPERTY)).isEqualTo("true");

      System.setProperty(Headless.PROPERTY, "false");
      Headless.ensure();
      assertThat(System.getProperty(Headless.PROPERTY)).isEqualTo("false");
    } finally {
      if (before == null) {
        System.clearProperty(Headless.PROPERTY);
      } else {
        System.setProperty(Headless.PROPERTY, before);
      }
    }
  }
}

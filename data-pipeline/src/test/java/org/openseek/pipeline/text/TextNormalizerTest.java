package org.openseek.pipeline.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void composesToNfc() {
    assertEquals("caf\u00E9", TextNormalizer.normalize("cafe\u0301"));
    assertEquals("\uAC00", TextNormalizer.normalize("\u1100\u1161"));
  }

  @Test
  void keepsFullWidthPunctuation() {
    String chinese = "你好，世界：１２３！";

    assertEquals(chinese, TextNormalizer.normalize(chinese));
  }

  @Test
  void turnsCrlfAndCrIntoLf() {
    assertEquals("a\nb\nc\n\nd", TextNormalizer.normalize("a\r\nb\rc\r\n\r\nd"));
  }

  @Test
  void removesControlCharacters() {
    assertEquals("[32m红[m\tx", TextNormalizer.normalize("\u001B[32m红\u001B[m\tx"));
    assertEquals("ab", TextNormalizer.normalize("a\u0000\u0007\u007F\u0085\u009Fb"));
  }

  @Test
  void removesByteOrderMarks() {
    assertEquals("ab", TextNormalizer.normalize("\uFEFFa\uFEFFb"));
  }

  @Test
  void removesUnpairedSurrogatesButKeepsPairs() {
    assertEquals("a\uD83D\uDE00b", TextNormalizer.normalize("a\uD800\uD83D\uDE00b\uDC00"));
  }

  @Test
  void stripsTrailingWhitespaceOnly() {
    assertEquals("  lead\n  inner  \nend", TextNormalizer.normalize("  lead\n  inner  \nend \n\t\u3000\n"));
  }

  @Test
  void removalCanJoinCombiningSequences() {
    assertEquals("\u00E9", TextNormalizer.normalize("e\u0000\u0301"));
  }
}

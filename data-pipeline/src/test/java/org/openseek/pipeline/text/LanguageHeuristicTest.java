package org.openseek.pipeline.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanguageHeuristicTest {

  @Test
  void chineseText() {
    assertEquals("zh", LanguageHeuristic.detect("今天天气很好，我们去公园散步吧。", 0.3));
  }

  @Test
  void mixedTextAgainstCjkShare() {
    // 3 Han letters of 8 letters (0.375) reach the share; 2 of 7 (0.29) do not.
    assertEquals("zh", LanguageHeuristic.detect("数据集 Spark", 0.3));
    assertEquals("en", LanguageHeuristic.detect("数据 Spark", 0.3));
  }

  @Test
  void englishText() {
    assertEquals("en", LanguageHeuristic.detect("The quick brown fox jumps over the lazy dog.", 0.3));
  }

  @Test
  void otherScriptsAreUndetermined() {
    assertEquals("und", LanguageHeuristic.detect("Привет, как дела?", 0.3));
    assertEquals("und", LanguageHeuristic.detect("12345 !!! ...", 0.3));
    assertEquals("und", LanguageHeuristic.detect("", 0.3));
  }

  @Test
  void cjkLanguageTags() {
    assertTrue(LanguageHeuristic.isCjkLanguage("zh"));
    assertTrue(LanguageHeuristic.isCjkLanguage("zh-Hant"));
    assertTrue(LanguageHeuristic.isCjkLanguage("ja"));
    assertTrue(LanguageHeuristic.isCjkLanguage("KO"));
    assertFalse(LanguageHeuristic.isCjkLanguage("en"));
    assertFalse(LanguageHeuristic.isCjkLanguage("und"));
    assertFalse(LanguageHeuristic.isCjkLanguage("zhx"));
  }
}

package org.openseek.pipeline.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterChainTest {

  /** min-chars 20, max-chars 60, mean line at least 10 (other) and 5 (CJK) code points. */
  private static final FilterChain CHAIN =
      FilterChain.from(new CleanConfig(1, 20, 60, 10, 5, 0.3));

  private static void assertDropped(String reason, String text, String lang) {
    assertEquals(reason, CHAIN.firstFailure(text, lang), () -> "text: " + text);
  }

  private static void assertKept(String text, String lang) {
    assertNull(CHAIN.firstFailure(text, lang), () -> "text: " + text);
  }

  @Test
  void eachRuleNamesItsDrop() {
    assertDropped("empty_text", "", "en");
    assertDropped("too_short", "nineteen characters", "en");
    assertDropped("too_long", "x".repeat(61), "en");
    assertDropped("mean_line_too_short", "short\nlines\nonly\nhere\nand\nthere\nagain", "en");
  }

  @Test
  void documentWithinAllLimitsIsKept() {
    assertKept("a single line of exactly forty characters", "en");
    assertKept("x".repeat(60), "en");
    assertKept("x".repeat(20), "en");
  }

  @Test
  void firstFailingRuleWins() {
    // Too short and with short lines: too_short comes first.
    assertDropped("too_short", "a\nb\nc", "en");
  }

  @Test
  void lengthsCountCodePoints() {
    // 19 emoji are 38 UTF-16 units but 19 code points.
    assertDropped("too_short", "\uD83D\uDE00".repeat(19), "en");
    assertKept("\uD83D\uDE00".repeat(20), "en");
  }

  @Test
  void meanLineThresholdFollowsLanguage() {
    // Lines of 6 code points: below 10 for English, above 5 for Chinese.
    String lines = "第一行文字。\n第二行文字。\n第三行文字。\n第四行文字。";

    assertDropped("mean_line_too_short", lines, "en");
    assertKept(lines, "zh");
    assertKept(lines, "ja");
  }

  @Test
  void blankLinesDoNotLowerTheMean() {
    String text = "a line with enough text\n\n   \n\nanother line of enough text";

    assertKept(text, "en");
  }

  @Test
  void ruleOrderIsFixed() {
    List<String> names = CHAIN.filters().stream().map(DocumentFilter::name).toList();

    assertEquals(List.of("empty_text", "too_short", "too_long", "mean_line_too_short"), names);
  }
}

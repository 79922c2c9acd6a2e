package org.openseek.pipeline.clean;

import org.openseek.pipeline.text.LanguageHeuristic;

/**
 * Drops documents whose non-empty lines are too short on average, which catches menus, link
 * lists and other line-per-item boilerplate. CCI4.0 applies this to Chinese web text with a
 * minimum mean of 10 characters.
 *
 * <p>The unit is code points for every language. Because a Chinese character carries roughly a
 * word while a Latin word takes several letters, the threshold is chosen by the document's
 * language: {@code cjkMin} for zh, ja and ko, {@code otherMin} for the rest. Lines are split at
 * LF and measured after stripping surrounding whitespace, and lines that are then empty do not
 * count.
 */
public final class MeanLineLengthFilter implements DocumentFilter {

  public static final String NAME = "mean_line_too_short";

  private final int otherMin;
  private final int cjkMin;

  public MeanLineLengthFilter(int otherMin, int cjkMin) {
    this.otherMin = otherMin;
    this.cjkMin = cjkMin;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String check(String text, String lang) {
    int min = LanguageHeuristic.isCjkLanguage(lang) ? cjkMin : otherMin;
    long lines = 0;
    long chars = 0;
    for (String line : text.split("\n", -1)) {
      String stripped = line.strip();
      if (!stripped.isEmpty()) {
        lines++;
        chars += stripped.codePointCount(0, stripped.length());
      }
    }
    // Compares chars / lines < min without rounding. A text without lines has mean 0.
    return chars < (long) min * lines || (lines == 0 && min > 0) ? NAME : null;
  }
}

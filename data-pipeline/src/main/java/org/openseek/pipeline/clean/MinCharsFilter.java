package org.openseek.pipeline.clean;

/** Drops documents shorter than a minimum number of code points. */
public final class MinCharsFilter implements DocumentFilter {

  public static final String NAME = "too_short";

  private final int minChars;

  public MinCharsFilter(int minChars) {
    this.minChars = minChars;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String check(String text, String lang) {
    return text.codePointCount(0, text.length()) < minChars ? NAME : null;
  }
}

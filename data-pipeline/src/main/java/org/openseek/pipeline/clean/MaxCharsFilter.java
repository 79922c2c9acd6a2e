package org.openseek.pipeline.clean;

/** Drops documents longer than a maximum number of code points. */
public final class MaxCharsFilter implements DocumentFilter {

  public static final String NAME = "too_long";

  private final int maxChars;

  public MaxCharsFilter(int maxChars) {
    this.maxChars = maxChars;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String check(String text, String lang) {
    return text.codePointCount(0, text.length()) > maxChars ? NAME : null;
  }
}

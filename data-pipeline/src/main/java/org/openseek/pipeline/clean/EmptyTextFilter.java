package org.openseek.pipeline.clean;

/** Drops documents with no text left after normalization. */
public final class EmptyTextFilter implements DocumentFilter {

  public static final String NAME = "empty_text";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String check(String text, String lang) {
    return text.isEmpty() ? NAME : null;
  }
}

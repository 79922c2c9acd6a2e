package org.openseek.pipeline.clean;

import java.io.Serializable;
import java.util.List;

/** The clean stage's filters in their fixed order; the first failing rule names the drop. */
public final class FilterChain implements Serializable {

  private final List<DocumentFilter> filters;

  public FilterChain(List<DocumentFilter> filters) {
    this.filters = List.copyOf(filters);
  }

  /**
   * Builds the chain {@code empty_text}, {@code too_short}, {@code too_long},
   * {@code mean_line_too_short}.
   */
  public static FilterChain from(CleanConfig config) {
    return new FilterChain(List.of(
        new EmptyTextFilter(),
        new MinCharsFilter(config.minChars()),
        new MaxCharsFilter(config.maxChars()),
        new MeanLineLengthFilter(config.minMeanLineChars(), config.minMeanLineCharsCjk())));
  }

  public List<DocumentFilter> filters() {
    return filters;
  }

  /** Returns the drop reason of the first filter that fails, or null to keep the document. */
  public String firstFailure(String text, String lang) {
    for (DocumentFilter filter : filters) {
      String reason = filter.check(text, lang);
      if (reason != null) {
        return reason;
      }
    }
    return null;
  }
}

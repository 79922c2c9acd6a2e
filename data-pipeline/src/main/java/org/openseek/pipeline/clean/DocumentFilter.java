package org.openseek.pipeline.clean;

import java.io.Serializable;

/**
 * One heuristic rule of the clean stage. Filters see normalized text and run in a fixed order,
 * and the first one that fails decides the drop reason.
 */
public interface DocumentFilter extends Serializable {

  /** Stable rule name, written as {@code filter_reason} and used as the stats key. */
  String name();

  /**
   * Checks one document.
   *
   * @param text the normalized text
   * @param lang the document's language tag
   * @return null to keep the document, else the drop reason
   */
  String check(String text, String lang);
}

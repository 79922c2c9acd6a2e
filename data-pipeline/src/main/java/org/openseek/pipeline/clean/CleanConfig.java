package org.openseek.pipeline.clean;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.util.Set;
import org.openseek.pipeline.config.ConfigChecks;

/**
 * The validated {@code clean} config section. Lengths count Unicode code points.
 *
 * @param outputFiles number of files in each of kept/, dropped/ and quarantine/
 * @param minChars documents shorter than this are dropped as {@code too_short}
 * @param maxChars documents longer than this are dropped as {@code too_long}
 * @param minMeanLineChars minimum mean length of the non-empty lines of a non-CJK document
 * @param minMeanLineCharsCjk minimum mean length of the non-empty lines of a zh, ja or ko document
 * @param cjkShare share of letters that must be CJK for the language heuristic to say "zh"
 */
public record CleanConfig(int outputFiles, int minChars, int maxChars, int minMeanLineChars,
    int minMeanLineCharsCjk, double cjkShare) implements Serializable {

  public static final String SECTION = "clean";

  private static final Set<String> KEYS = Set.of("output-files", "min-chars", "max-chars",
      "min-mean-line-chars", "min-mean-line-chars-cjk", "cjk-share");

  /**
   * Reads and validates the {@code clean} section.
   *
   * @throws IllegalArgumentException naming the key ({@code clean.<key>}) when a value is invalid
   */
  public static CleanConfig from(Config config) {
    Config section = ConfigChecks.section(config, SECTION, KEYS);
    int outputFiles = ConfigChecks.intInRange(section, SECTION, "output-files", 1, 100_000);
    int minChars = ConfigChecks.intInRange(section, SECTION, "min-chars", 0, Integer.MAX_VALUE);
    int maxChars = ConfigChecks.intInRange(section, SECTION, "max-chars", 1, Integer.MAX_VALUE);
    if (maxChars < minChars) {
      throw new IllegalArgumentException(SECTION + ".max-chars (" + maxChars
          + ") must not be less than " + SECTION + ".min-chars (" + minChars + ")");
    }
    int meanLine = ConfigChecks.intInRange(section, SECTION, "min-mean-line-chars", 0,
        Integer.MAX_VALUE);
    int meanLineCjk = ConfigChecks.intInRange(section, SECTION, "min-mean-line-chars-cjk", 0,
        Integer.MAX_VALUE);
    double cjkShare = ConfigChecks.doubleAbove(section, SECTION, "cjk-share", 0.0, 1.0);
    return new CleanConfig(outputFiles, minChars, maxChars, meanLine, meanLineCjk, cjkShare);
  }
}

package org.openseek.dedup;

import com.typesafe.config.Config;
import java.util.Set;
import org.openseek.pipeline.config.ConfigChecks;

/**
 * The validated {@code dedup} config section.
 *
 * @param method the dedup method, so far always {@code "exact"}
 * @param perSource true to compare documents only within their source ({@code scope = "per-source"}),
 *     false to compare across all sources ({@code scope = "global"})
 * @param outputFiles number of files in each of kept/, dropped/ and quarantine/
 */
public record DedupConfig(String method, boolean perSource, int outputFiles) {

  public static final String SECTION = "dedup";
  public static final String EXACT = "exact";
  public static final String GLOBAL = "global";
  public static final String PER_SOURCE = "per-source";

  private static final Set<String> KEYS = Set.of("method", "scope", "output-files");

  /**
   * Reads and validates the {@code dedup} section.
   *
   * @throws IllegalArgumentException naming the key ({@code dedup.<key>}) when a value is invalid
   */
  public static DedupConfig from(Config config) {
    Config section = ConfigChecks.section(config, SECTION, KEYS);
    String method = ConfigChecks.oneOf(section, SECTION, "method", Set.of(EXACT));
    String scope = ConfigChecks.oneOf(section, SECTION, "scope", Set.of(GLOBAL, PER_SOURCE));
    int outputFiles = ConfigChecks.intInRange(section, SECTION, "output-files", 1, 100_000);
    return new DedupConfig(method, scope.equals(PER_SOURCE), outputFiles);
  }
}

package org.openseek.tokenizer;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One shard entry of a {@link Manifest}.
 *
 * @param file path of the shard relative to the manifest's folder, with {@code /} separators
 * @param documents number of documents in the shard
 * @param tokens number of token ids in the shard, BOS and EOS included
 * @param bytes size of the shard file in bytes
 * @param sha256 lowercase hex sha256 of the shard file bytes
 */
public record ManifestShard(
    @JsonProperty("file") String file,
    @JsonProperty("documents") long documents,
    @JsonProperty("tokens") long tokens,
    @JsonProperty("bytes") long bytes,
    @JsonProperty("sha256") String sha256) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates the entry.
   *
   * @throws IllegalArgumentException if the path leaves the manifest's folder, a count is negative
   *     or the checksum is not 64 lowercase hex digits
   */
  public ManifestShard {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    if (file.isEmpty() || file.startsWith("/") || file.contains("\\")) {
      throw new IllegalArgumentException(
          "Shard path '" + file + "' must be a non-empty relative path with / separators");
    }
    for (String segment : file.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "Shard path '"
                + file
                + "' must stay inside the dataset folder (no empty, . or .. parts)");
      }
    }
    if (documents < 0 || tokens < 0 || bytes < 0) {
      throw new IllegalArgumentException(
          "Shard "
              + file
              + " has a negative count: documents "
              + documents
              + ", tokens "
              + tokens
              + ", bytes "
              + bytes);
    }
    if (!SHA256_HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "Shard " + file + " sha256 must be 64 lowercase hex digits, got '" + sha256 + "'");
    }
  }

  /** Creates the entry for a shard that {@link ShardWriter#finish()} summarized. */
  public static ManifestShard of(String file, ShardSummary summary) {
    return new ManifestShard(
        file, summary.documents(), summary.tokens(), summary.bytes(), summary.sha256());
  }
}

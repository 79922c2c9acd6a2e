package org.openseek.pipeline.stage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of one stage run, written as {@code stats.json} beside the stage output.
 *
 * <p>Every input record ends up in exactly one of kept, dropped (by reason) or quarantined (by
 * reason); {@link #checkBalanced()} enforces that before the output is committed.
 */
@JsonPropertyOrder({"stage", "input", "kept", "dropped", "quarantined", "bytes_in", "bytes_out",
    "wall_seconds", "details"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class StageStats {

  @JsonProperty("stage")
  private String stage;
  @JsonProperty("input")
  private long input;
  @JsonProperty("kept")
  private long kept;
  @JsonProperty("dropped")
  private Map<String, Long> dropped = new TreeMap<>();
  @JsonProperty("quarantined")
  private Map<String, Long> quarantined = new TreeMap<>();
  @JsonProperty("bytes_in")
  private long bytesIn;
  @JsonProperty("bytes_out")
  private long bytesOut;
  @JsonProperty("wall_seconds")
  private double wallSeconds;
  /** Stage-specific figures such as tokens per source or training losses. */
  @JsonProperty("details")
  private Map<String, Object> details = new LinkedHashMap<>();

  public StageStats() {}

  public StageStats(String stage) {
    this.stage = stage;
  }

  public String stage() {
    return stage;
  }

  public long input() {
    return input;
  }

  public StageStats input(long count) {
    this.input = count;
    return this;
  }

  public long kept() {
    return kept;
  }

  public StageStats kept(long count) {
    this.kept = count;
    return this;
  }

  /** Drop counts by reason, sorted by reason. */
  public Map<String, Long> dropped() {
    return dropped;
  }

  public StageStats addDropped(String reason, long count) {
    dropped.merge(reason, count, Long::sum);
    return this;
  }

  /** Quarantine counts by reason, sorted by reason. */
  public Map<String, Long> quarantined() {
    return quarantined;
  }

  public StageStats addQuarantined(String reason, long count) {
    quarantined.merge(reason, count, Long::sum);
    return this;
  }

  public long bytesIn() {
    return bytesIn;
  }

  public StageStats bytesIn(long bytes) {
    this.bytesIn = bytes;
    return this;
  }

  public long bytesOut() {
    return bytesOut;
  }

  public StageStats bytesOut(long bytes) {
    this.bytesOut = bytes;
    return this;
  }

  public double wallSeconds() {
    return wallSeconds;
  }

  public StageStats wallSeconds(double seconds) {
    this.wallSeconds = seconds;
    return this;
  }

  public Map<String, Object> details() {
    return details;
  }

  public StageStats detail(String key, Object value) {
    details.put(key, value);
    return this;
  }

  @JsonIgnore
  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  @JsonIgnore
  public long quarantinedTotal() {
    return quarantined.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Checks that input = kept + dropped + quarantined.
   *
   * @throws StageAccountingException naming every count when they do not add up
   */
  public void checkBalanced() {
    long accounted = kept + droppedTotal() + quarantinedTotal();
    if (accounted != input) {
      throw new StageAccountingException(String.format(
          "stage '%s' lost or invented records: input %d != kept %d + dropped %d %s + quarantined %d %s",
          stage, input, kept, droppedTotal(), dropped, quarantinedTotal(), quarantined));
    }
  }
}

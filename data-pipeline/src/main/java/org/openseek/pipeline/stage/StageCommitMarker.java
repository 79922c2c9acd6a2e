package org.openseek.pipeline.stage;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Content of the {@code _SUCCESS} file that marks a committed stage output.
 *
 * @param stage the stage name
 * @param configHash sha256 of the stage's config section and its inputs' markers
 * @param committedAt ISO-8601 instant of the commit
 */
public record StageCommitMarker(
    @JsonProperty("stage") String stage,
    @JsonProperty("config_hash") String configHash,
    @JsonProperty("committed_at") String committedAt) {}

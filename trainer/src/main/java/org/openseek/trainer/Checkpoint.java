package org.openseek.trainer;

import java.nio.file.Path;

/**
 * A checkpoint read back into memory.
 *
 * @param directory the {@code iter_NNNNNNN} directory it was read from
 * @param meta the contents of its {@code meta.json}
 * @param model the model with the saved weights
 * @param optimizer AdamW with the saved moment estimates and step count
 */
public record Checkpoint(Path directory, CheckpointMeta meta, GptModel model, AdamW optimizer) {}

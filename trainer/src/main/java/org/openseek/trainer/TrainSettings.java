package org.openseek.trainer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Set;

/**
 * Settings of one training run, from config section {@code train}. The module's
 * {@code reference.conf} documents every key with its unit.
 *
 * @param steps number of optimizer iterations
 * @param microBatchSize sequences per forward and backward pass
 * @param globalBatchSize sequences per optimizer step, a multiple of {@code microBatchSize}
 * @param seed seed of the PyTorch random generator that initializes the weights
 * @param logInterval iterations between two log lines
 * @param checkpointInterval iterations between two checkpoints, or 0 for one after the last only
 * @param resetPositionIds whether position ids restart at 0 after every EOD token
 * @param resetAttentionMask whether attention stays inside each document
 * @param eodMaskLoss whether positions whose input token is EOD are left out of the loss
 * @param model model shape and initialization
 * @param optimizer AdamW and learning-rate schedule settings
 */
public record TrainSettings(
    int steps,
    int microBatchSize,
    int globalBatchSize,
    int seed,
    int logInterval,
    int checkpointInterval,
    boolean resetPositionIds,
    boolean resetAttentionMask,
    boolean eodMaskLoss,
    ModelSettings model,
    OptimizerSettings optimizer) {

  public TrainSettings {
    SettingsChecks.atLeast("train.steps", steps, 1);
    SettingsChecks.atLeast("train.micro-batch-size", microBatchSize, 1);
    SettingsChecks.atLeast("train.global-batch-size", globalBatchSize, 1);
    if (globalBatchSize % microBatchSize != 0) {
      throw new IllegalArgumentException("train.global-batch-size (" + globalBatchSize
          + ") must be a multiple of train.micro-batch-size (" + microBatchSize + ")");
    }
    SettingsChecks.atLeast("train.log-interval", logInterval, 1);
    SettingsChecks.atLeast("train.checkpoint-interval", checkpointInterval, 0);
    if (model == null || optimizer == null) {
      throw new IllegalArgumentException("train.model and train.optimizer must both be set");
    }
    if (optimizer.warmupSteps() > steps) {
      throw new IllegalArgumentException("train.optimizer.warmup-steps (" + optimizer.warmupSteps()
          + ") must not exceed train.steps (" + steps + ")");
    }
  }

  /**
   * Reads the settings from the {@code train} section of a config. Keys missing from the section
   * take the defaults of the module's {@code reference.conf}.
   *
   * @throws IllegalArgumentException when a key is unknown, has the wrong type or is out of range,
   *     with the key in the message
   */
  public static TrainSettings from(Config trainSection) {
    // Only the train section of the reference files is resolved: other modules' sections may hold
    // substitutions, such as ${openseek.home}, that only the launcher defines.
    Config defaults = ConfigFactory
        .parseResources(TrainSettings.class.getClassLoader(), "reference.conf")
        .getConfig("train");
    Config merged = trainSection.withFallback(defaults).resolve();
    SettingsReader reader = new SettingsReader(merged, "train");
    reader.rejectUnknownKeys(Set.of("steps", "micro-batch-size", "global-batch-size", "seed",
        "log-interval", "checkpoint-interval", "reset-position-ids", "reset-attention-mask",
        "eod-mask-loss", "model", "optimizer"));
    return new TrainSettings(
        reader.getInt("steps"),
        reader.getInt("micro-batch-size"),
        reader.getInt("global-batch-size"),
        reader.getInt("seed"),
        reader.getInt("log-interval"),
        reader.getInt("checkpoint-interval"),
        reader.getBoolean("reset-position-ids"),
        reader.getBoolean("reset-attention-mask"),
        reader.getBoolean("eod-mask-loss"),
        ModelSettings.read(reader.child("model")),
        OptimizerSettings.read(reader.child("optimizer")));
  }

  /** Returns the number of micro-batches whose gradients one optimizer step accumulates. */
  public int gradientAccumulationSteps() {
    return globalBatchSize / microBatchSize;
  }

  /** Returns the document-boundary flags that shape the attention mask, positions and loss mask. */
  public DocumentMasking documentMasking() {
    return new DocumentMasking(resetPositionIds, resetAttentionMask, eodMaskLoss);
  }
}

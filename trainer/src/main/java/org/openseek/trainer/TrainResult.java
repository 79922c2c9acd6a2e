package org.openseek.trainer;

import java.nio.file.Path;

/**
 * Summary of a finished training run. For a run that resumed from a checkpoint, the losses and
 * sample count cover the whole run, including the iterations before the checkpoint.
 *
 * @param steps iterations of the run, {@code train.steps}
 * @param firstLoss lm loss of iteration 1, read from {@code metrics.jsonl} when the run resumed
 * @param lastLoss lm loss of the last iteration
 * @param consumedSamples samples consumed by all iterations
 * @param checkpointPath directory of the checkpoint written after the last iteration
 * @param meanStepMs mean iteration wall time in milliseconds over the iterations that this call
 *     trained, leaving out its first one (which also pays for one-time native allocations) when
 *     there is more than one. When the call found the last checkpoint already written and trained
 *     nothing, the mean covers the iterations in {@code metrics.jsonl} except iteration 1
 * @param tokensPerSecond input tokens per second over the same iterations as {@code meanStepMs}
 */
public record TrainResult(
    int steps,
    double firstLoss,
    double lastLoss,
    long consumedSamples,
    Path checkpointPath,
    double meanStepMs,
    double tokensPerSecond) {}

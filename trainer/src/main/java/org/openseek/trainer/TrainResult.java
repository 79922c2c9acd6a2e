package org.openseek.trainer;

import java.nio.file.Path;

/**
 * Summary of a finished training run.
 *
 * @param steps iterations run
 * @param firstLoss lm loss of iteration 1
 * @param lastLoss lm loss of the last iteration
 * @param consumedSamples samples consumed by all iterations
 * @param checkpointPath directory of the checkpoint written after the last iteration
 * @param meanStepMs mean iteration wall time in milliseconds, leaving out iteration 1 (which also
 *     pays for one-time native allocations) when there is more than one iteration
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

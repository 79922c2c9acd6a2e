package org.openseek.trainer;

/**
 * Measurements of one iteration, written as one line of {@code metrics.jsonl} with snake_case keys.
 *
 * @param iteration 1-based iteration number
 * @param consumedSamples samples consumed up to and including this iteration
 * @param lr learning rate of the update
 * @param lmLoss mean next-token cross-entropy over the global batch, in nats
 * @param gradNorm global L2 gradient norm before clipping
 * @param stepMs wall time of the iteration in milliseconds: batch assembly, forward, backward and
 *     update
 * @param tokensPerSecond input tokens of the global batch divided by the wall time
 */
public record IterationMetrics(
    long iteration,
    long consumedSamples,
    double lr,
    double lmLoss,
    double gradNorm,
    double stepMs,
    double tokensPerSecond) {}

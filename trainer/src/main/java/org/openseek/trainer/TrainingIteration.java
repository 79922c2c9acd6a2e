package org.openseek.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.Collection;
import java.util.List;

/**
 * One optimizer iteration: forward and backward passes over its micro-batches with gradient
 * accumulation, global-norm clipping, then an AdamW update.
 */
final class TrainingIteration {

  /**
   * Result of an iteration.
   *
   * @param loss mean of the micro-batch losses
   * @param gradNorm global gradient norm before clipping
   */
  record Outcome(double loss, double gradNorm) {}

  private final Engine engine;
  private final GptModel model;
  private final AdamW optimizer;
  private final double clipGrad;

  TrainingIteration(Engine engine, GptModel model, AdamW optimizer, double clipGrad) {
    this.engine = engine;
    this.model = model;
    this.optimizer = optimizer;
    this.clipGrad = clipGrad;
  }

  /**
   * Runs iteration {@code iteration} over {@code microBatches} with learning rate {@code lr}.
   *
   * @throws IllegalStateException when the loss or the gradient norm is not finite, before any
   *     weight changes
   */
  Outcome run(long iteration, List<MicroBatch> microBatches, double lr) {
    int count = microBatches.size();
    double lossSum = 0;
    for (MicroBatch batch : microBatches) {
      try (NDScope scope = new NDScope();
          GradientCollector collector = engine.newGradientCollector()) {
        scope.suppressNotUsedWarning();
        NDArray loss = model.loss(batch);
        lossSum += loss.getFloat();
        // Dividing by the micro-batch count makes the accumulated gradient that of the mean loss.
        collector.backward(loss.div(GraphScalar.of(loss, count)));
      }
    }
    double loss = lossSum / count;

    Collection<NDArray> parameters = model.parameters().asMap().values();
    double gradNorm = GradientClipping.clip(parameters, clipGrad);
    if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
      throw new IllegalStateException("training diverged at iteration " + iteration + ": lm loss "
          + loss + ", grad norm " + gradNorm + ". Lower train.optimizer.lr, lengthen"
          + " train.optimizer.warmup-steps, or set train.optimizer.clip-grad");
    }
    optimizer.step(lr);
    return new Outcome(loss, gradNorm);
  }
}

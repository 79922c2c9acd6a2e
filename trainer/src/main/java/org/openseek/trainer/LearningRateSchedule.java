package org.openseek.trainer;

/**
 * Megatron-LM's warm-up plus cosine schedule, by 1-based iteration: linear from 0 to {@code lr}
 * over {@code warmupSteps} iterations, then cosine decay that reaches {@code minLr} at the last
 * iteration.
 */
public final class LearningRateSchedule {

  private final double maxLr;
  private final double minLr;
  private final int warmupSteps;
  private final int totalSteps;

  public LearningRateSchedule(OptimizerSettings optimizer, int totalSteps) {
    if (totalSteps < 1) {
      throw new IllegalArgumentException("total steps must be at least 1, got " + totalSteps);
    }
    if (optimizer.warmupSteps() > totalSteps) {
      throw new IllegalArgumentException("warm-up steps (" + optimizer.warmupSteps()
          + ") must not exceed total steps (" + totalSteps + ")");
    }
    this.maxLr = optimizer.lr();
    this.minLr = optimizer.minLr();
    this.warmupSteps = optimizer.warmupSteps();
    this.totalSteps = totalSteps;
  }

  /**
   * Returns the learning rate of 1-based {@code iteration}. Iterations past the last one get
   * {@code minLr}.
   */
  public double learningRate(long iteration) {
    if (iteration < 1) {
      throw new IllegalArgumentException("iterations are 1-based, got " + iteration);
    }
    if (iteration <= warmupSteps) {
      return maxLr * iteration / warmupSteps;
    }
    if (iteration >= totalSteps) {
      return minLr;
    }
    double decayRatio = (double) (iteration - warmupSteps) / (totalSteps - warmupSteps);
    double cosineFactor = 0.5 * (Math.cos(Math.PI * decayRatio) + 1.0);
    return minLr + cosineFactor * (maxLr - minLr);
  }
}

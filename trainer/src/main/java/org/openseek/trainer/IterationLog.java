package org.openseek.trainer;

import java.util.Locale;

/**
 * Collects iterations between two log lines and formats the line as Megatron-LM does, with the
 * loss and time averaged over the interval and the learning rate and grad norm of its last
 * iteration.
 */
final class IterationLog {

  private final int totalSteps;
  private final int globalBatchSize;
  private final int sequenceLength;
  private int iterations;
  private double lossSum;
  private double millisSum;
  private IterationMetrics last;

  IterationLog(int totalSteps, int globalBatchSize, int sequenceLength) {
    this.totalSteps = totalSteps;
    this.globalBatchSize = globalBatchSize;
    this.sequenceLength = sequenceLength;
  }

  void add(IterationMetrics metrics) {
    iterations++;
    lossSum += metrics.lmLoss();
    millisSum += metrics.stepMs();
    last = metrics;
  }

  /** Returns the line for the iterations added since the last call, and starts a new interval. */
  String drainLine() {
    if (last == null) {
      throw new IllegalStateException("no iteration was added since the last log line");
    }
    double meanMillis = millisSum / iterations;
    double tokensPerSecond = (double) globalBatchSize * sequenceLength / (meanMillis / 1000.0);
    String line = format(last.iteration(), totalSteps, last.consumedSamples(), meanMillis,
        last.lr(), globalBatchSize, lossSum / iterations, last.gradNorm(), tokensPerSecond);
    iterations = 0;
    lossSum = 0;
    millisSum = 0;
    last = null;
    return line;
  }

  static String format(long iteration, int totalSteps, long consumedSamples, double stepMillis,
      double lr, int globalBatchSize, double loss, double gradNorm, double tokensPerSecond) {
    return String.format(Locale.ROOT, " iteration %8d/%8d | consumed samples: %12d |"
            + " elapsed time per iteration (ms): %.1f | learning rate: %.6E |"
            + " global batch size: %5d | lm loss: %.6E | grad norm: %.3f |"
            + " tokens per second: %d |",
        iteration, totalSteps, consumedSamples, stepMillis, lr, globalBatchSize, loss, gradNorm,
        Math.round(tokensPerSecond));
  }
}

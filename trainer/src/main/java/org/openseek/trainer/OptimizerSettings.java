package org.openseek.trainer;

import java.util.Set;

/**
 * AdamW and learning-rate schedule settings, from config section {@code train.optimizer}.
 *
 * @param lr peak learning rate
 * @param minLr learning rate at the last iteration
 * @param warmupSteps iterations of linear warm-up from 0 to {@code lr}
 * @param beta1 decay rate of the first-moment estimate
 * @param beta2 decay rate of the second-moment estimate
 * @param epsilon term added to the square root of the second moment
 * @param weightDecay decoupled weight decay for tensors of rank 2 or more
 * @param clipGrad maximum global L2 norm of the gradients, or 0 for no clipping
 */
public record OptimizerSettings(
    double lr,
    double minLr,
    int warmupSteps,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    double clipGrad) {

  private static final String PREFIX = "train.optimizer.";

  public OptimizerSettings {
    SettingsChecks.positive(PREFIX + "lr", lr);
    SettingsChecks.nonNegative(PREFIX + "min-lr", minLr);
    if (minLr > lr) {
      throw new IllegalArgumentException(PREFIX + "min-lr (" + minLr + ") must not exceed "
          + PREFIX + "lr (" + lr + ")");
    }
    SettingsChecks.atLeast(PREFIX + "warmup-steps", warmupSteps, 0);
    SettingsChecks.decayRate(PREFIX + "beta1", beta1);
    SettingsChecks.decayRate(PREFIX + "beta2", beta2);
    SettingsChecks.positive(PREFIX + "epsilon", epsilon);
    SettingsChecks.nonNegative(PREFIX + "weight-decay", weightDecay);
    SettingsChecks.nonNegative(PREFIX + "clip-grad", clipGrad);
  }

  static OptimizerSettings read(SettingsReader reader) {
    reader.rejectUnknownKeys(Set.of("lr", "min-lr", "warmup-steps", "beta1", "beta2", "epsilon",
        "weight-decay", "clip-grad"));
    return new OptimizerSettings(
        reader.getDouble("lr"),
        reader.getDouble("min-lr"),
        reader.getInt("warmup-steps"),
        reader.getDouble("beta1"),
        reader.getDouble("beta2"),
        reader.getDouble("epsilon"),
        reader.getDouble("weight-decay"),
        reader.getDouble("clip-grad"));
  }
}

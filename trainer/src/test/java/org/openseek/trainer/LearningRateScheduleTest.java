package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  private static final double TOLERANCE = 1e-12;

  private static LearningRateSchedule schedule(int warmup, int steps) {
    return new LearningRateSchedule(new OptimizerSettings(3e-3, 3e-4, warmup, 0.9, 0.95, 1e-8, 0.1,
        1.0), steps);
  }

  @Test
  void warmupIsLinearFromZero() {
    LearningRateSchedule schedule = schedule(10, 100);

    assertEquals(3.0e-4, schedule.learningRate(1), TOLERANCE);
    assertEquals(9.0e-4, schedule.learningRate(3), TOLERANCE);
    assertEquals(1.5e-3, schedule.learningRate(5), TOLERANCE);
    assertEquals(3.0e-3, schedule.learningRate(10), TOLERANCE);
  }

  @Test
  void cosineDecayReachesMinimumAtLastStep() {
    LearningRateSchedule schedule = schedule(10, 100);

    // Golden values: min + 0.5 * (1 + cos(pi * (i - 10) / 90)) * (max - min).
    assertEquals(2.99917762e-3, schedule.learningRate(11), 1e-11);
    assertEquals(1.65e-3, schedule.learningRate(55), TOLERANCE);
    assertEquals(6.15840002e-4, schedule.learningRate(80), 1e-11);
    assertEquals(3.0e-4, schedule.learningRate(100), TOLERANCE);
    assertEquals(3.0e-4, schedule.learningRate(150), TOLERANCE);
  }

  @Test
  void megatronFirstIterationValue() {
    // OpenSeek-Small-v1-Baseline: lr 3e-3 and 2,000 warm-up iterations, and its log shows lr
    // 1.5e-6 at iteration 1.
    LearningRateSchedule schedule = new LearningRateSchedule(
        new OptimizerSettings(3e-3, 3e-4, 2000, 0.9, 0.95, 1e-8, 0.1, 1.0), 24_000);

    assertEquals(1.5e-6, schedule.learningRate(1), TOLERANCE);
  }

  @Test
  void withoutWarmupStartsNearPeak() {
    LearningRateSchedule schedule = schedule(0, 4);

    // decay ratio 1/4: 3e-4 + 0.5 * (1 + cos(pi / 4)) * 2.7e-3
    assertEquals(2.60459415e-3, schedule.learningRate(1), 1e-11);
    assertEquals(1.65e-3, schedule.learningRate(2), TOLERANCE);
    assertEquals(3.0e-4, schedule.learningRate(4), TOLERANCE);
  }

  @Test
  void warmupOverAllStepsNeverDecays() {
    LearningRateSchedule schedule = schedule(4, 4);

    assertEquals(7.5e-4, schedule.learningRate(1), TOLERANCE);
    assertEquals(3.0e-3, schedule.learningRate(4), TOLERANCE);
  }

  @Test
  void iterationZeroIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> schedule(10, 100).learningRate(0));
  }
}

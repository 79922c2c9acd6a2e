package org.openseek.jobs.stages;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The train stage's memory guard on the output layer. */
class TrainStageTest {

  private static final long GIB = 1L << 30;

  @Test
  void quickstartShapeFits() {
    assertDoesNotThrow(() -> TrainStage.checkOutputLayerFits(4, 128, 151_872, 24 * GIB));
  }

  @Test
  void hugeSequenceIsRejectedByName() {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> TrainStage.checkOutputLayerFits(4, 1_000_000, 151_872, 24 * GIB));

    assertTrue(thrown.getMessage().contains("mix.seq-length 1000000"), thrown.getMessage());
    assertTrue(thrown.getMessage().contains("train.micro-batch-size 4"), thrown.getMessage());
  }
}

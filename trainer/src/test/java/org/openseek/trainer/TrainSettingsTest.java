package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class TrainSettingsTest {

  private static TrainSettings parse(String hocon) {
    return TrainSettings.from(ConfigFactory.parseString(hocon));
  }

  private static String rejectionMessage(String hocon) {
    return assertThrows(IllegalArgumentException.class, () -> parse(hocon)).getMessage();
  }

  @Test
  void defaultsComeFromReferenceConf() {
    TrainSettings settings = TrainSettings.from(ConfigFactory.empty());

    assertEquals(100, settings.steps());
    assertEquals(4, settings.microBatchSize());
    assertEquals(4, settings.globalBatchSize());
    assertEquals(42, settings.seed());
    assertEquals(1, settings.logInterval());
    assertEquals(0, settings.checkpointInterval());
    assertTrue(settings.resetPositionIds());
    assertTrue(settings.resetAttentionMask());
    assertFalse(settings.eodMaskLoss());
    assertEquals(new ModelSettings(2, 64, 4, 256, 1_000_000, 1e-6, 0.02, 64, true),
        settings.model());
    assertEquals(new OptimizerSettings(3e-3, 3e-4, 10, 0.9, 0.95, 1e-8, 0.1, 1.0),
        settings.optimizer());
    assertEquals(1, settings.gradientAccumulationSteps());
  }

  @Test
  void partialSectionKeepsOtherDefaults() {
    TrainSettings settings =
        parse("global-batch-size = 12, micro-batch-size = 3, optimizer.lr = 1e-3");

    assertEquals(4, settings.gradientAccumulationSteps());
    assertEquals(1e-3, settings.optimizer().lr(), 1e-15);
    assertEquals(3e-4, settings.optimizer().minLr(), 1e-15);
    assertEquals(64, settings.model().hiddenSize());
  }

  @Test
  void paddedVocabularyRoundsUp() {
    ModelSettings model = parse("").model();

    assertEquals(151_872, model.paddedVocabSize(151_851));
    assertEquals(128, model.paddedVocabSize(128));
    assertEquals(192, model.paddedVocabSize(129));
    assertEquals(16, model.headSize());
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertTrue(rejectionMessage("model.hidden-size = 0").contains("train.model.hidden-size"));
    assertTrue(rejectionMessage("steps = many").contains("train.steps"));
    assertTrue(rejectionMessage("optimizer.beta2 = 1.0").contains("train.optimizer.beta2"));
    assertTrue(rejectionMessage("optimizer.min-lr = 1").contains("train.optimizer.min-lr"));
    assertTrue(rejectionMessage("global-batch-size = 6, micro-batch-size = 4")
        .contains("train.global-batch-size"));
    assertTrue(rejectionMessage("steps = 5, optimizer.warmup-steps = 6")
        .contains("train.optimizer.warmup-steps"));
    assertTrue(rejectionMessage("model { hidden-size = 60, attention-heads = 8 }")
        .contains("train.model.attention-heads"));
    assertTrue(rejectionMessage("model { hidden-size = 12, attention-heads = 4 }")
        .contains("must be even"));
  }

  @Test
  void unknownKeysAreRejected() {
    assertTrue(rejectionMessage("model.hiden-size = 64").contains("train.model.hiden-size"));
    assertTrue(rejectionMessage("optimiser.lr = 1").contains("train.optimiser"));
    assertTrue(rejectionMessage("optimizer.momentum = 0.9").contains("train.optimizer.momentum"));
  }
}

package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingIterationTest {

  private static final DocumentMasking MASKING = new DocumentMasking(true, true, false);

  @Test
  void iterationsLeaveNoArraysOnModelManager() {
    TrainSettings settings = TestSettings.small("");
    CountingDocumentsSource source = new CountingDocumentsSource(100, 16, 12, 3, 8, 5);
    Engine engine = Engine.getInstance();
    engine.setRandomSeed(1);
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(settings.model(), source.vocabSize(), manager);
      AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), manager);
      TrainingIteration iteration = new TrainingIteration(engine, model, optimizer, 1.0);
      int before = ((BaseNDManager) manager).getManagedArrays().size();

      for (int i = 1; i <= 3; i++) {
        try (NDManager step = manager.newSubManager()) {
          List<MicroBatch> batches = List.of(
              MicroBatch.load(source, (i - 1) * 4L, 2, MASKING, step),
              MicroBatch.load(source, (i - 1) * 4L + 2, 2, MASKING, step));
          iteration.run(i, batches, 1e-3);
        }
      }

      assertEquals(before, ((BaseNDManager) manager).getManagedArrays().size(),
          "arrays created by forward, backward, clipping or AdamW stayed attached to the model's"
              + " manager");
      assertEquals(3, optimizer.stepCount());
    }
  }

  @Test
  void nonFiniteLossStopsTraining() {
    TrainSettings settings = TestSettings.small("");
    CountingDocumentsSource source = new CountingDocumentsSource(100, 16, 2, 3, 8, 5);
    Engine engine = Engine.getInstance();
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(settings.model(), source.vocabSize(), manager);
      model.parameters().get("decoder.final_layernorm.weight").muli(Float.NaN);
      AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), manager);
      TrainingIteration iteration = new TrainingIteration(engine, model, optimizer, 1.0);

      IllegalStateException error = assertThrows(IllegalStateException.class,
          () -> iteration.run(7, List.of(MicroBatch.load(source, 0, 2, MASKING, manager)), 1e-3));

      assertTrue(error.getMessage().contains("iteration 7"), error.getMessage());
      assertEquals(0, optimizer.stepCount(), "no update may follow a non-finite loss");
    }
  }
}

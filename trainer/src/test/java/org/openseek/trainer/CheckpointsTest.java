package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

  private static final DocumentMasking MASKING = new DocumentMasking(true, true, false);

  @TempDir
  Path checkpointsDir;

  private final TrainSettings settings = TestSettings.small("");
  private final CountingDocumentsSource source = new CountingDocumentsSource(100, 16, 8, 3, 8, 21);

  private CheckpointMeta meta(long iteration, AdamW optimizer) {
    return CheckpointMeta.of(iteration, settings, source,
        settings.model().paddedVocabSize(source.vocabSize()), optimizer.stepCount());
  }

  /** Trains one iteration on samples [2 * (iteration - 1), 2 * iteration) and returns its loss. */
  private double trainOnce(GptModel model, AdamW optimizer, NDManager manager, int iteration) {
    try (NDManager step = manager.newSubManager()) {
      MicroBatch batch = MicroBatch.load(source, 2L * (iteration - 1), 2, MASKING, step);
      return new TrainingIteration(Engine.getInstance(), model, optimizer, 1.0)
          .run(iteration, List.of(batch), 1e-2).loss();
    }
  }

  private double evaluate(GptModel model, NDManager manager) {
    try (NDManager step = manager.newSubManager()) {
      return model.loss(MicroBatch.load(source, 6, 2, MASKING, step)).getFloat();
    }
  }

  private static double maxParameterDifference(GptModel a, GptModel b) {
    double max = 0;
    for (Map.Entry<String, NDArray> entry : a.parameters().asMap().entrySet()) {
      float[] left = entry.getValue().toFloatArray();
      float[] right = b.parameters().get(entry.getKey()).toFloatArray();
      for (int i = 0; i < left.length; i++) {
        max = Math.max(max, Math.abs(left[i] - right[i]));
      }
    }
    return max;
  }

  @Test
  void roundTripKeepsLossAndOptimizerState() throws IOException {
    Engine.getInstance().setRandomSeed(42);
    try (NDManager original = NDManager.newBaseManager();
        NDManager restored = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(settings.model(), source.vocabSize(), original);
      AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), original);
      trainOnce(model, optimizer, original, 1);
      trainOnce(model, optimizer, original, 2);

      Path saved = Checkpoints.save(checkpointsDir, model, optimizer, meta(2, optimizer));
      double lossBefore = evaluate(model, original);
      Checkpoint checkpoint = Checkpoints.load(saved, restored);

      assertEquals(saved, Checkpoints.latest(checkpointsDir).orElseThrow());
      assertEquals(2, checkpoint.meta().iteration());
      assertEquals(2, checkpoint.optimizer().stepCount());
      assertEquals(lossBefore, evaluate(checkpoint.model(), restored), 1e-6);

      // Equal updates after loading show that the AdamW moments and step count came back too.
      double lossOriginal = trainOnce(model, optimizer, original, 3);
      double lossRestored = trainOnce(checkpoint.model(), checkpoint.optimizer(), restored, 3);
      assertEquals(lossOriginal, lossRestored, 1e-6);
      assertEquals(0.0, maxParameterDifference(model, checkpoint.model()), 1e-6);
    }
  }

  @Test
  void temporaryDirectoryIsRenamedAway() throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(settings.model(), source.vocabSize(), manager);
      AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), manager);

      Checkpoints.save(checkpointsDir, model, optimizer, meta(5, optimizer));

      try (var entries = Files.list(checkpointsDir)) {
        assertEquals(List.of("iter_0000005", "latest_checkpointed_iteration.txt"),
            entries.map(p -> p.getFileName().toString()).sorted().toList());
      }
      assertThrows(IOException.class,
          () -> Checkpoints.save(checkpointsDir, model, optimizer, meta(5, optimizer)));
    }
  }

  @Test
  void mismatchedSettingsAreRejected() throws IOException {
    Path saved;
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(settings.model(), source.vocabSize(), manager);
      AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), manager);
      saved = Checkpoints.save(checkpointsDir, model, optimizer, meta(1, optimizer));
    }
    Path metaFile = saved.resolve(Checkpoints.META_FILE);
    ObjectNode meta = (ObjectNode) Json.MAPPER.readTree(metaFile.toFile());
    ((ObjectNode) meta.get("model")).put("layers", 3);
    Json.MAPPER.writeValue(metaFile.toFile(), meta);

    try (NDManager manager = NDManager.newBaseManager()) {
      String message = assertThrows(IllegalArgumentException.class,
          () -> Checkpoints.load(saved, manager)).getMessage();
      assertTrue(message.contains("decoder.layers.2"), message);
    }
  }

  @Test
  void olderFormatIsRejected() throws IOException {
    Path saved;
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(settings.model(), source.vocabSize(), manager);
      AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), manager);
      saved = Checkpoints.save(checkpointsDir, model, optimizer, meta(1, optimizer));
    }
    Path metaFile = saved.resolve(Checkpoints.META_FILE);
    ObjectNode meta = (ObjectNode) Json.MAPPER.readTree(metaFile.toFile());
    meta.put("format_version", 1);
    meta.remove("datasets");
    Json.MAPPER.writeValue(metaFile.toFile(), meta);

    String message =
        assertThrows(IOException.class, () -> Checkpoints.readMeta(saved)).getMessage();

    assertTrue(message.contains("has checkpoint format 1, but this trainer reads format 2"),
        message);
  }

  @Test
  void metaWithoutFieldIsRejected() throws IOException {
    Path saved;
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(settings.model(), source.vocabSize(), manager);
      AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), manager);
      saved = Checkpoints.save(checkpointsDir, model, optimizer, meta(1, optimizer));
    }
    Path metaFile = saved.resolve(Checkpoints.META_FILE);
    ObjectNode meta = (ObjectNode) Json.MAPPER.readTree(metaFile.toFile());
    meta.remove("steps");
    Json.MAPPER.writeValue(metaFile.toFile(), meta);

    String message =
        assertThrows(IOException.class, () -> Checkpoints.readMeta(saved)).getMessage();

    assertTrue(message.contains("'steps'"), message);
  }

  @Test
  void latestIsEmptyWithoutCheckpoint() throws IOException {
    assertFalse(Checkpoints.latest(checkpointsDir).isPresent());
  }
}

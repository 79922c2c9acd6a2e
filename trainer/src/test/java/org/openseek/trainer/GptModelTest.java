package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GptModelTest {

  private static final int EOD = 9;
  private static final ModelSettings SMALL =
      new ModelSettings(2, 32, 4, 64, 10_000, 1e-6, 0.02, 64, true);
  private static final DocumentMasking NO_RESET = new DocumentMasking(false, false, false);

  /** Returns the logits of each sample for the given masking, all from one seeded model. */
  private static float[][] logitsOf(List<int[]> samples, DocumentMasking masking) {
    Engine.getInstance().setRandomSeed(7);
    FixedSamplesSource source = new FixedSamplesSource(10, EOD, samples);
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(SMALL, source.vocabSize(), manager);
      MicroBatch batch = MicroBatch.load(source, 0, samples.size(), masking, manager);
      NDArray logits = model.logits(batch);
      float[][] perSample = new float[samples.size()][];
      for (int b = 0; b < samples.size(); b++) {
        perSample[b] = logits.get(b).toFloatArray();
      }
      return perSample;
    }
  }

  /** Returns the max absolute logit difference between two samples over positions [from, to). */
  private static double maxDifference(float[][] logits, int from, int to, int vocab) {
    double max = 0;
    for (int i = from * vocab; i < to * vocab; i++) {
      max = Math.max(max, Math.abs(logits[0][i] - logits[1][i]));
    }
    return max;
  }

  @Test
  void parameterNamesAndCount() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(SMALL, 100, manager);
      Map<String, NDArray> parameters = model.parameters().asMap();

      assertEquals(128, model.paddedVocabSize());
      assertEquals(new Shape(128, 32),
          parameters.get("embedding.word_embeddings.weight").getShape());
      assertEquals(new Shape(96, 32),
          parameters.get("decoder.layers.1.self_attention.linear_qkv.weight").getShape());
      assertEquals(new Shape(128, 32),
          parameters.get("decoder.layers.0.mlp.linear_fc1.weight").getShape());
      assertEquals(new Shape(32, 64),
          parameters.get("decoder.layers.0.mlp.linear_fc2.weight").getShape());
      assertEquals(new Shape(32), parameters.get("decoder.final_layernorm.weight").getShape());
      assertEquals(1 + 6 * 2 + 1, parameters.size());
      // embedding 128*32 + 2 layers * (2*32 + 96*32 + 32*32 + 128*32 + 32*64) + final norm 32
      assertEquals(24_736, model.parameters().elementCount());
    }
  }

  @Test
  void untiedOutputLayerAddsAParameter() {
    ModelSettings untied = new ModelSettings(2, 32, 4, 64, 10_000, 1e-6, 0.02, 64, false);
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(untied, 100, manager);

      assertEquals(new Shape(128, 32), model.parameters().get("output_layer.weight").getShape());
      assertEquals(24_736 + 128 * 32, model.parameters().elementCount());
    }
  }

  @Test
  void laterTokensDoNotChangeEarlierLogits() {
    int[] original = {5, 6, EOD, 7, 8, EOD, 1, 2, 3};
    int[] changedLate = {5, 6, EOD, 7, 8, EOD, 4, 2, 3};

    float[][] logits = logitsOf(List.of(original, changedLate), NO_RESET);

    assertEquals(0.0, maxDifference(logits, 0, 6, 64), 1e-6, "positions before the change");
    assertTrue(maxDifference(logits, 6, 8, 64) > 1e-4, "positions from the change on must differ");
  }

  @Test
  void documentResetIsolatesDocuments() {
    int[] original = {5, 6, EOD, 7, 8, EOD, 1, 2, 3};
    int[] changedFirstDocument = {3, 4, EOD, 7, 8, EOD, 1, 2, 3};

    List<int[]> samples = List.of(original, changedFirstDocument);
    float[][] isolated = logitsOf(samples, new DocumentMasking(true, true, false));
    float[][] shared = logitsOf(samples, NO_RESET);

    assertEquals(0.0, maxDifference(isolated, 3, 8, 64), 1e-5,
        "documents 1 and 2 must not see document 0 when attention and positions reset");
    assertTrue(maxDifference(shared, 3, 8, 64) > 1e-4,
        "without the reset, later documents attend to document 0");
  }

  @Test
  void lossStartsNearUniform() {
    Engine.getInstance().setRandomSeed(3);
    CountingDocumentsSource source = new CountingDocumentsSource(100, 16, 4, 3, 8, 1);
    try (NDManager manager = NDManager.newBaseManager()) {
      GptModel model = GptModel.initialize(SMALL, source.vocabSize(), manager);
      MicroBatch batch =
          MicroBatch.load(source, 0, 4, new DocumentMasking(true, true, false), manager);

      double loss = model.loss(batch).getFloat();

      // Small initial weights predict nearly uniformly over the 128 padded rows: ln 128 = 4.85.
      assertEquals(Math.log(128), loss, 0.1);
    }
  }
}

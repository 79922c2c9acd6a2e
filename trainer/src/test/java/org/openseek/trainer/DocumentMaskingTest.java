package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentMaskingTest {

  private static final int EOD = 9;
  // The inputs are the first 8 tokens, so document 0 is [5 6 EOD], document 1 is [7 8 EOD] and
  // document 2 is [1 2].
  private static final int[] SAMPLE = {5, 6, EOD, 7, 8, EOD, 1, 2, 3};
  private static final DocumentMasking ALL_ON = new DocumentMasking(true, true, true);

  @Test
  void twoEodsSplitThreeDocuments() {
    int[] inputs = Arrays.copyOf(SAMPLE, 8);

    DocumentLayout layout = DocumentLayout.of(inputs, EOD, ALL_ON);

    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 2}, layout.documentIds());
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, layout.positionIds());
    assertArrayEquals(new float[] {1, 1, 0, 1, 1, 0, 1, 1}, layout.lossMask());
  }

  @Test
  void flagsOffGiveOneCausalSequence() {
    int[] inputs = Arrays.copyOf(SAMPLE, 8);

    DocumentMasking allOff = new DocumentMasking(false, false, false);
    DocumentLayout layout = DocumentLayout.of(inputs, EOD, allOff);

    assertArrayEquals(new int[8], layout.documentIds());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, layout.positionIds());
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, layout.lossMask());
  }

  @Test
  void attentionMaskIsCausalWithinDocuments() {
    FixedSamplesSource source = new FixedSamplesSource(10, EOD, List.of(SAMPLE));
    try (NDManager manager = NDManager.newBaseManager()) {
      MicroBatch batch = MicroBatch.load(source, 0, 1, ALL_ON, manager);

      assertEquals(new Shape(1, 1, 8, 8), batch.attentionMask().getShape());
      float[] mask = batch.attentionMask().toFloatArray();
      int[] documents = {0, 0, 0, 1, 1, 1, 2, 2};
      for (int query = 0; query < 8; query++) {
        for (int key = 0; key < 8; key++) {
          boolean allowed = key <= query && documents[key] == documents[query];
          float value = mask[query * 8 + key];
          if (allowed) {
            assertEquals(0f, value, "query " + query + " must see key " + key);
          } else {
            assertEquals(Float.NEGATIVE_INFINITY, value,
                "query " + query + " must not see key " + key);
          }
        }
      }
      assertArrayEquals(new long[] {6, EOD, 7, 8, EOD, 1, 2, 3}, batch.labels().toLongArray());
      assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2, 0, 1}, batch.positionIds().toFloatArray());
      assertEquals(6, batch.lossTokens());
    }
  }

  @Test
  void attentionMaskWithoutResetIsPlainCausal() {
    FixedSamplesSource source = new FixedSamplesSource(10, EOD, List.of(SAMPLE));
    try (NDManager manager = NDManager.newBaseManager()) {
      DocumentMasking positionsOnly = new DocumentMasking(true, false, false);
      MicroBatch batch = MicroBatch.load(source, 0, 1, positionsOnly, manager);

      float[] mask = batch.attentionMask().toFloatArray();
      assertEquals(0f, mask[7 * 8]);
      assertEquals(Float.NEGATIVE_INFINITY, mask[1]);
      assertEquals(8, batch.lossTokens());
    }
  }

  @Test
  void tokenOutsideVocabularyIsRejected() {
    FixedSamplesSource source = new FixedSamplesSource(10, EOD, List.of(new int[] {1, 2, 10}));
    try (NDManager manager = NDManager.newBaseManager()) {
      String message = assertThrows(IllegalArgumentException.class,
          () -> MicroBatch.load(source, 0, 1, ALL_ON, manager)).getMessage();
      assertTrue(message.contains("token id 10"), message);
    }
  }
}

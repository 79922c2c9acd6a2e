package org.openseek.mixer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlendedIndexTest {

  @Test
  void goldenVectorOfFirstTenIds() {
    BlendedIndex blend = BlendedIndex.build(new double[] {0.5, 0.3, 0.2}, 10);

    int[] ids = new int[10];
    for (int s = 0; s < ids.length; s++) {
      ids[s] = blend.datasetId(s);
    }
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 0, 2, 0, 1, 0}, ids);
  }

  @Test
  void sampleIndexesCountUpPerDataset() {
    BlendedIndex blend = BlendedIndex.build(new double[] {5, 3, 2}, 1000);

    long[] next = new long[3];
    for (long s = 0; s < blend.size(); s++) {
      int id = blend.datasetId(s);
      assertEquals(next[id], blend.datasetSampleIndex(s), "blended sample " + s);
      next[id]++;
    }
    assertArrayEquals(next, blend.samplesDrawn());
  }

  @Test
  void unnormalizedWeightsGiveSameBlend() {
    BlendedIndex fractions = BlendedIndex.build(new double[] {0.5, 0.3, 0.2}, 500);
    BlendedIndex counts = BlendedIndex.build(new double[] {50, 30, 20}, 500);

    assertArrayEquals(fractions.datasetIdArray(), counts.datasetIdArray());
    assertArrayEquals(fractions.weights(), counts.weights(), 1e-15);
  }

  @Test
  void equalWeightsBreakTiesByLowestIndex() {
    BlendedIndex blend = BlendedIndex.build(new double[] {1, 1}, 6);

    int[] ids = new int[(int) blend.size()];
    for (int s = 0; s < ids.length; s++) {
      ids[s] = blend.datasetId(s);
    }
    assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, ids);
  }

  @Test
  void realizedSharesWithinOnePercent() {
    double[][] weightSets = {
        {0.5, 0.3, 0.2},
        {1, 1, 1},
        {0.9, 0.05, 0.05},
        {0.01, 0.99},
        {7, 1, 3, 0.5, 2.5},
        {1},
    };
    long[] sizes = {100, 1_000, 12_345, 200_000};
    for (double[] weights : weightSets) {
      double[] normalized = BlendedIndex.normalize(weights);
      for (long size : sizes) {
        BlendedIndex blend = BlendedIndex.build(weights, size);
        double[] shares = blend.realizedShares();
        for (int i = 0; i < weights.length; i++) {
          String label = "weights " + java.util.Arrays.toString(weights) + ", size " + size
              + ", dataset " + i;
          assertEquals(normalized[i], shares[i], 0.01, label);
          if (size >= 200_000) {
            assertEquals(normalized[i], shares[i], 0.01 * normalized[i], label + " (relative)");
          }
        }
      }
    }
  }

  @Test
  void sizeIsSumOfCeilingTargets() {
    BlendedIndex blend = BlendedIndex.build(new double[] {1, 1, 1}, 10);

    // ceil(10 / 3) = 4 for each of three datasets.
    assertEquals(12, blend.size());
    assertArrayEquals(new long[] {4, 4, 4}, blend.samplesDrawn());
  }

  @Test
  void datasetSizesAddHalfPercentMargin() {
    BlendedIndex blend = BlendedIndex.build(new double[] {0.5, 0.3, 0.2}, 10_000);

    // ceil(ceil(10000 * w) * 1.005)
    assertArrayEquals(new long[] {5025, 3015, 2010}, blend.datasetSizes());
    long[] drawn = blend.samplesDrawn();
    long[] sizes = blend.datasetSizes();
    for (int i = 0; i < drawn.length; i++) {
      assertTrue(drawn[i] <= sizes[i], "dataset " + i + " draws " + drawn[i]);
    }
  }

  @Test
  void invalidWeightsRejected() {
    assertThrows(IllegalArgumentException.class, () -> BlendedIndex.build(new double[0], 10));
    assertThrows(IllegalArgumentException.class,
        () -> BlendedIndex.build(new double[] {1, 0}, 10));
    assertThrows(IllegalArgumentException.class,
        () -> BlendedIndex.build(new double[] {1, -2}, 10));
    assertThrows(IllegalArgumentException.class,
        () -> BlendedIndex.build(new double[] {1, Double.NaN}, 10));
    assertThrows(IllegalArgumentException.class,
        () -> BlendedIndex.build(new double[] {1, Double.POSITIVE_INFINITY}, 10));
    assertThrows(IllegalArgumentException.class,
        () -> BlendedIndex.build(new double[] {1}, 0));
  }

  @Test
  void storedArraysMustMatchRebuild() {
    BlendedIndex blend = BlendedIndex.build(new double[] {0.5, 0.3, 0.2}, 100);
    short[] ids = blend.datasetIdArray().clone();
    long[] indexes = blend.sampleIndexArray().clone();

    BlendedIndex reread = BlendedIndex.fromArrays(blend.weights(), 100, ids, indexes);
    assertArrayEquals(ids, reread.datasetIdArray());

    ids[5] = (short) ((ids[5] + 1) % 3);
    assertThrows(IllegalArgumentException.class,
        () -> BlendedIndex.fromArrays(blend.weights(), 100, ids, indexes));
  }
}

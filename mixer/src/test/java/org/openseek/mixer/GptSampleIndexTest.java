package org.openseek.mixer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GptSampleIndexTest {

  /** Documents of random lengths 0..maxLength; token ids run 1, 2, 3, ... across the dataset. */
  static InMemoryTokenDataset randomDataset(String name, int documents, int maxLength, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> docs = new ArrayList<>();
    int next = 1;
    for (int d = 0; d < documents; d++) {
      int[] doc = new int[random.nextInt(maxLength + 1)];
      for (int t = 0; t < doc.length; t++) {
        doc[t] = next++;
      }
      docs.add(doc);
    }
    return InMemoryTokenDataset.of(name, docs);
  }

  /** Concatenates the documents in document-index order. */
  static int[] concatenate(GptSampleIndex index) {
    TokenDataset dataset = index.dataset();
    long total = 0;
    for (int doc : index.documentIndex) {
      total += dataset.documentLength(doc);
    }
    int[] tokens = new int[(int) total];
    int position = 0;
    for (int doc : index.documentIndex) {
      int length = dataset.documentLength(doc);
      dataset.copyTokens(doc, 0, tokens, position, length);
      position += length;
    }
    return tokens;
  }

  @Test
  void sameArgumentsGiveSameIndex() {
    InMemoryTokenDataset dataset = randomDataset("web", 200, 40, 7);

    GptSampleIndex first = GptSampleIndex.build(dataset, 150, 16, 1234);
    GptSampleIndex second = GptSampleIndex.build(dataset, 150, 16, 1234);

    assertArrayEquals(first.documentIndex, second.documentIndex);
    assertArrayEquals(first.samplePositions, second.samplePositions);
    assertArrayEquals(first.sampleOffsets, second.sampleOffsets);
    assertArrayEquals(first.shuffleIndex, second.shuffleIndex);
    for (long k = 0; k < first.size(); k++) {
      assertArrayEquals(first.sample(k), second.sample(k), "sample " + k);
    }
  }

  @Test
  void otherSeedGivesOtherOrder() {
    InMemoryTokenDataset dataset = randomDataset("web", 200, 40, 7);

    GptSampleIndex first = GptSampleIndex.build(dataset, 150, 16, 1234);
    GptSampleIndex second = GptSampleIndex.build(dataset, 150, 16, 1235);

    assertFalse(Arrays.equals(first.documentIndex, second.documentIndex));
    assertFalse(Arrays.equals(first.shuffleIndex, second.shuffleIndex));
  }

  @Test
  void samplesAreSlicesOfShuffledConcatenation() {
    int seqLength = 16;
    InMemoryTokenDataset dataset = randomDataset("web", 300, 50, 11);
    GptSampleIndex index = GptSampleIndex.build(dataset, 400, seqLength, 99);
    int[] concatenated = concatenate(index);

    for (long k = 0; k < index.size(); k++) {
      int row = index.shuffleIndex[(int) k];
      int[] sample = index.sample(k);
      assertEquals(seqLength + 1, sample.length, "length of sample " + k);
      int start = row * seqLength;
      assertArrayEquals(Arrays.copyOfRange(concatenated, start, start + seqLength + 1), sample,
          "sample " + k + " (row " + row + ")");
    }
  }

  @Test
  void consecutiveRowsShareOneToken() {
    int seqLength = 8;
    InMemoryTokenDataset dataset = randomDataset("code", 100, 20, 3);
    GptSampleIndex index = GptSampleIndex.build(dataset, 50, seqLength, 5);

    for (int row = 0; row + 1 < index.size(); row++) {
      int[] current = index.sampleAtRow(row);
      int[] next = index.sampleAtRow(row + 1);
      assertEquals(current[seqLength], next[0], "boundary between rows " + row + " and next");
    }
  }

  @Test
  void shuffleIndexIsPermutation() {
    GptSampleIndex index = GptSampleIndex.build(randomDataset("web", 100, 30, 1), 80, 10, 2);

    int[] sorted = index.shuffleIndex.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
  }

  @Test
  void sampleCountFollowsEpochRule() {
    // 10 documents of 10 tokens: 100 tokens per epoch.
    List<int[]> docs = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      int[] doc = new int[10];
      Arrays.fill(doc, d + 1);
      docs.add(doc);
    }
    InMemoryTokenDataset dataset = InMemoryTokenDataset.of("flat", docs);

    // 9 samples of 10 tokens need 91 tokens: one epoch, (100 - 1) / 10 = 9 samples.
    GptSampleIndex singleEpoch = GptSampleIndex.build(dataset, 9, 10, 1);
    assertEquals(1, singleEpoch.epochs());
    assertEquals(9, singleEpoch.size());

    // 10 samples need 101 tokens: two epochs, (200 - 1) / 10 = 19 samples.
    GptSampleIndex twoEpochs = GptSampleIndex.build(dataset, 10, 10, 1);
    assertEquals(2, twoEpochs.epochs());
    assertEquals(19, twoEpochs.size());
    assertEquals(20, twoEpochs.documentIndex.length);
  }

  @Test
  void shortFinalEpochShuffledSeparately() {
    List<int[]> docs = new ArrayList<>();
    for (int d = 0; d < 10; d++) {
      int[] doc = new int[10];
      Arrays.fill(doc, d + 1);
      docs.add(doc);
    }
    InMemoryTokenDataset dataset = InMemoryTokenDataset.of("flat", docs);

    // 10 samples: 9 come from epoch one, 1 from epoch two, under 80% of 9 per epoch.
    GptSampleIndex index = GptSampleIndex.build(dataset, 10, 10, 1);
    assertTrue(index.separateFinalEpoch());
    int[] firstEpoch = Arrays.copyOfRange(index.documentIndex, 0, 10);
    Arrays.sort(firstEpoch);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, firstEpoch);
    int samplesBeforeFinalEpoch = (100 - 1) / 10;
    for (int k = 0; k < samplesBeforeFinalEpoch; k++) {
      assertTrue(index.shuffleIndex[k] < samplesBeforeFinalEpoch, "shuffle entry " + k);
    }

    // 17 samples: 8 from the final epoch, at least 80% of 9, so one shuffle.
    assertFalse(GptSampleIndex.build(dataset, 17, 10, 1).separateFinalEpoch());
  }

  @Test
  void datasetSmallerThanOneSample() {
    InMemoryTokenDataset dataset = InMemoryTokenDataset.of("tiny", new int[] {1, 2, 3},
        new int[] {4, 5});
    int seqLength = 16;

    GptSampleIndex index = GptSampleIndex.build(dataset, 4, seqLength, 42);

    // 4 * 16 + 1 = 65 tokens need 13 epochs of 5 tokens.
    assertEquals(13, index.epochs());
    assertTrue(index.size() >= 4);
    int[] concatenated = concatenate(index);
    for (long k = 0; k < index.size(); k++) {
      int row = index.shuffleIndex[(int) k];
      assertArrayEquals(
          Arrays.copyOfRange(concatenated, row * seqLength, row * seqLength + seqLength + 1),
          index.sample(k), "sample " + k);
    }
  }

  @Test
  void emptyDatasetErrorNamesIt() {
    InMemoryTokenDataset noDocuments = InMemoryTokenDataset.of("empty-one", List.of());
    InMemoryTokenDataset emptyDocuments = InMemoryTokenDataset.of("empty-two", new int[0],
        new int[0]);

    IllegalArgumentException first = assertThrows(IllegalArgumentException.class,
        () -> GptSampleIndex.build(noDocuments, 10, 8, 1));
    assertTrue(first.getMessage().contains("'empty-one'"), first.getMessage());
    IllegalArgumentException second = assertThrows(IllegalArgumentException.class,
        () -> GptSampleIndex.build(emptyDocuments, 10, 8, 1));
    assertTrue(second.getMessage().contains("'empty-two'"), second.getMessage());
  }

  @Test
  void sampleOutOfRangeRejected() {
    GptSampleIndex index = GptSampleIndex.build(randomDataset("web", 20, 20, 1), 5, 4, 1);

    assertThrows(IndexOutOfBoundsException.class, () -> index.sample(-1));
    assertThrows(IndexOutOfBoundsException.class, () -> index.sample(index.size()));
  }

  @Test
  void storedArraysRoundTrip() {
    InMemoryTokenDataset dataset = randomDataset("web", 50, 30, 2);
    GptSampleIndex index = GptSampleIndex.build(dataset, 40, 8, 3);

    GptSampleIndex reread = GptSampleIndex.fromArrays(dataset, 40, 8, index.documentIndex,
        index.samplePositions, index.sampleOffsets, index.shuffleIndex);

    for (long k = 0; k < index.size(); k++) {
      assertArrayEquals(index.sample(k), reread.sample(k));
    }
  }

  @Test
  void storedArraysForOtherDataRejected() {
    InMemoryTokenDataset dataset = randomDataset("web", 50, 30, 2);
    GptSampleIndex index = GptSampleIndex.build(dataset, 40, 8, 3);
    // Same document count, other lengths.
    InMemoryTokenDataset changed = randomDataset("web", 50, 30, 4);

    assertThrows(IllegalArgumentException.class, () -> GptSampleIndex.fromArrays(changed, 40, 8,
        index.documentIndex, index.samplePositions, index.sampleOffsets, index.shuffleIndex));
    int[] brokenShuffle = index.shuffleIndex.clone();
    brokenShuffle[0] = brokenShuffle[1];
    assertThrows(IllegalArgumentException.class, () -> GptSampleIndex.fromArrays(dataset, 40, 8,
        index.documentIndex, index.samplePositions, index.sampleOffsets, brokenShuffle));
  }
}

package org.openseek.mixer;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Megatron GPTDataset sample index over one dataset: which {@code seqLength + 1} tokens form the
 * k-th training sample.
 *
 * <p>The construction follows Megatron-LM's {@code gpt_dataset.py} and {@code helpers.cpp}:
 * <ol>
 *   <li>Epochs E is the smallest count with
 *       {@code E * tokensPerEpoch >= numSamples * seqLength + 1}.
 *   <li>The document index is E copies of the document ids, shuffled. When E > 1 and the last
 *       epoch supplies fewer than 80% of one epoch's samples, the first E - 1 copies and the last
 *       copy are shuffled separately, so the last, partial epoch does not crowd out whole epochs.
 *   <li>The concatenation of the documents in document-index order is cut into samples: sample j
 *       is tokens {@code [j * seqLength, j * seqLength + seqLength]} of it, so sample j and j + 1
 *       share one token. Row j of the sample index stores the (document-index position, token
 *       offset) of the first token of sample j. There are
 *       {@code (E * tokensPerEpoch - 1) / seqLength} samples plus one final row, and the partial
 *       sample at the very end is dropped.
 *   <li>The shuffle index is a permutation of the sample rows, shuffled in two parts when the
 *       document index was.
 * </ol>
 * Both shuffles are Fisher-Yates shuffles drawn, in that order, from one
 * {@link SplittableRandom} seeded with the seed. The result is deterministic for the same
 * documents, sample count, sequence length and seed, but it does not reproduce numpy's
 * {@code RandomState} permutations bit for bit.
 *
 * <p>All three arrays are int32, which limits the document index (E times the document count) and
 * the sample count to {@code Integer.MAX_VALUE - 8} entries each.
 */
public final class GptSampleIndex {

  /** Share of one epoch's samples under which the last epoch is shuffled separately. */
  static final double SEPARATE_FINAL_EPOCH_THRESHOLD = 0.80;

  private final TokenDataset dataset;
  private final long numSamples;
  private final int seqLength;
  private final int epochs;
  private final boolean separateFinalEpoch;
  final int[] documentIndex;
  final int[] samplePositions;
  final int[] sampleOffsets;
  final int[] shuffleIndex;

  private GptSampleIndex(TokenDataset dataset, long numSamples, int seqLength, int epochs,
      boolean separateFinalEpoch, int[] documentIndex, int[] samplePositions, int[] sampleOffsets,
      int[] shuffleIndex) {
    this.dataset = dataset;
    this.numSamples = numSamples;
    this.seqLength = seqLength;
    this.epochs = epochs;
    this.separateFinalEpoch = separateFinalEpoch;
    this.documentIndex = documentIndex;
    this.samplePositions = samplePositions;
    this.sampleOffsets = sampleOffsets;
    this.shuffleIndex = shuffleIndex;
  }

  /**
   * Builds the index for at least {@code numSamples} samples of {@code seqLength + 1} tokens.
   *
   * @throws IllegalArgumentException if the dataset contains no tokens, an argument is out of range,
   *     or an index would exceed the int32 limit
   */
  public static GptSampleIndex build(TokenDataset dataset, long numSamples, int seqLength,
      long seed) {
    Objects.requireNonNull(dataset, "dataset");
    EpochPlan plan = EpochPlan.of(dataset, numSamples, seqLength);
    SplittableRandom random = new SplittableRandom(seed);

    int[] documentIndex;
    if (plan.separateFinalEpoch) {
      int[] first = shuffledDocumentCopies(dataset.documentCount(), plan.epochs - 1, random);
      int[] last = shuffledDocumentCopies(dataset.documentCount(), 1, random);
      documentIndex = concat(first, last);
    } else {
      documentIndex = shuffledDocumentCopies(dataset.documentCount(), plan.epochs, random);
    }

    int[] samplePositions = new int[plan.sampleCount + 1];
    int[] sampleOffsets = new int[plan.sampleCount + 1];
    fillSampleIndex(dataset, documentIndex, seqLength, samplePositions, sampleOffsets);

    int[] shuffleIndex;
    if (plan.separateFinalEpoch) {
      shuffleIndex = concat(shuffledRange(0, plan.samplesBeforeFinalEpoch, random),
          shuffledRange(plan.samplesBeforeFinalEpoch, plan.sampleCount, random));
    } else {
      shuffleIndex = shuffledRange(0, plan.sampleCount, random);
    }
    return new GptSampleIndex(dataset, numSamples, seqLength, plan.epochs,
        plan.separateFinalEpoch, documentIndex, samplePositions, sampleOffsets, shuffleIndex);
  }

  /**
   * Rebuilds an index from stored arrays, as {@link #build} would have made them for
   * {@code dataset}.
   *
   * <p>The epoch plan and the sample index are recomputed from the dataset and the stored
   * document index and must match the stored ones, so an index written for other data is
   * rejected instead of returning wrong samples.
   *
   * @throws IllegalArgumentException if the arrays do not fit the dataset
   */
  static GptSampleIndex fromArrays(TokenDataset dataset, long numSamples, int seqLength,
      int[] documentIndex, int[] samplePositions, int[] sampleOffsets, int[] shuffleIndex) {
    EpochPlan plan = EpochPlan.of(dataset, numSamples, seqLength);
    String where = "sample index of dataset '" + dataset.name() + "'";
    long expectedDocuments = (long) plan.epochs * dataset.documentCount();
    if (documentIndex.length != expectedDocuments) {
      throw new IllegalArgumentException(where + ": the document index has "
          + documentIndex.length + " entries, expected " + expectedDocuments + " ("
          + plan.epochs + " epochs of " + dataset.documentCount() + " documents)");
    }
    int[] counts = new int[dataset.documentCount()];
    for (int doc : documentIndex) {
      if (doc < 0 || doc >= counts.length || ++counts[doc] > plan.epochs) {
        throw new IllegalArgumentException(where + ": the document index is not "
            + plan.epochs + " copies of the document ids (entry " + doc + ")");
      }
    }
    if (samplePositions.length != plan.sampleCount + 1
        || sampleOffsets.length != plan.sampleCount + 1
        || shuffleIndex.length != plan.sampleCount) {
      throw new IllegalArgumentException(where + ": expected " + plan.sampleCount
          + " samples, found sample index rows " + samplePositions.length + "/"
          + sampleOffsets.length + " and " + shuffleIndex.length + " shuffle entries");
    }
    int[] expectedPositions = new int[plan.sampleCount + 1];
    int[] expectedOffsets = new int[plan.sampleCount + 1];
    fillSampleIndex(dataset, documentIndex, seqLength, expectedPositions, expectedOffsets);
    if (!java.util.Arrays.equals(expectedPositions, samplePositions)
        || !java.util.Arrays.equals(expectedOffsets, sampleOffsets)) {
      throw new IllegalArgumentException(where
          + ": the stored sample index does not match the dataset's document lengths;"
          + " the dataset changed after the mixture was built, so rebuild the mixture");
    }
    boolean[] seen = new boolean[plan.sampleCount];
    for (int row : shuffleIndex) {
      if (row < 0 || row >= seen.length || seen[row]) {
        throw new IllegalArgumentException(where + ": the shuffle index is not a permutation of 0.."
            + (plan.sampleCount - 1) + " (entry " + row + ")");
      }
      seen[row] = true;
    }
    return new GptSampleIndex(dataset, numSamples, seqLength, plan.epochs,
        plan.separateFinalEpoch, documentIndex, samplePositions, sampleOffsets, shuffleIndex);
  }

  /**
   * Returns the k-th sample in shuffled order: {@code seqLength + 1} tokens.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= k < size()}
   */
  public int[] sample(long k) {
    Objects.checkIndex(k, shuffleIndex.length);
    return sampleAtRow(shuffleIndex[(int) k]);
  }

  /** Returns the tokens of sample-index row {@code row}, before shuffling. */
  int[] sampleAtRow(int row) {
    int[] tokens = new int[seqLength + 1];
    int position = samplePositions[row];
    int offset = sampleOffsets[row];
    int filled = 0;
    while (filled < tokens.length) {
      int doc = documentIndex[position];
      int count = Math.min(dataset.documentLength(doc) - offset, tokens.length - filled);
      dataset.copyTokens(doc, offset, tokens, filled, count);
      filled += count;
      position++;
      offset = 0;
    }
    return tokens;
  }

  /** Number of samples in the index; at least {@link #numSamples()}. */
  public long size() {
    return shuffleIndex.length;
  }

  public TokenDataset dataset() {
    return dataset;
  }

  /** Number of samples requested when the index was built. */
  public long numSamples() {
    return numSamples;
  }

  /** Sequence length T; every sample contains T + 1 tokens. */
  public int seqLength() {
    return seqLength;
  }

  /** Number of passes over the dataset in the document index. */
  public int epochs() {
    return epochs;
  }

  /** Returns whether the last epoch was shuffled apart from the others. */
  public boolean separateFinalEpoch() {
    return separateFinalEpoch;
  }

  private static int[] shuffledDocumentCopies(int documentCount, int copies,
      SplittableRandom random) {
    int[] index = new int[Math.multiplyExact(documentCount, copies)];
    for (int i = 0; i < index.length; i++) {
      index[i] = i % documentCount;
    }
    shuffle(index, random);
    return index;
  }

  private static int[] shuffledRange(int from, int to, SplittableRandom random) {
    int[] range = new int[to - from];
    for (int i = 0; i < range.length; i++) {
      range[i] = from + i;
    }
    shuffle(range, random);
    return range;
  }

  private static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  private static int[] concat(int[] first, int[] second) {
    int[] joined = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }

  /**
   * Fills row j with the document-index position and offset of token {@code j * seqLength} of the
   * concatenated documents. Empty documents are skipped, so a row never points into one.
   */
  private static void fillSampleIndex(TokenDataset dataset, int[] documentIndex, int seqLength,
      int[] positions, int[] offsets) {
    int position = 0;
    long documentStart = 0;
    int documentLength = dataset.documentLength(documentIndex[0]);
    for (int row = 0; row < positions.length; row++) {
      long target = (long) row * seqLength;
      while (documentStart + documentLength <= target) {
        documentStart += documentLength;
        position++;
        documentLength = dataset.documentLength(documentIndex[position]);
      }
      positions[row] = position;
      offsets[row] = (int) (target - documentStart);
    }
  }
}

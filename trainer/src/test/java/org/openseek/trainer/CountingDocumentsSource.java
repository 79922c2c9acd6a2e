package org.openseek.trainer;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.openseek.mixer.PackedSample;
import org.openseek.mixer.SampleSource;

/**
 * Deterministic packed samples with learnable structure. The token stream is a sequence of
 * documents {@code BOS, s, s+1, s+2, ..., EOD}: each starts at a random content token s and counts
 * up modulo the number of content tokens, with a random length. Only the first content token and
 * the document end are unpredictable, so a model that learns "next = current + 1" gets a low loss.
 *
 * <p>Sample i is tokens {@code [i*T, i*T + T]} of the stream, so consecutive samples share one
 * token, as in Megatron-LM, and most samples contain several EOD tokens.
 */
final class CountingDocumentsSource implements SampleSource {

  private final int vocabSize;
  private final int sequenceLength;
  private final int[] stream;
  private final long size;

  /**
   * @param vocabSize vocabulary size: the last two ids are BOS and EOD, all others are content
   *     tokens
   * @param minDocumentTokens minimum content tokens per document
   * @param maxDocumentTokens maximum content tokens per document
   */
  CountingDocumentsSource(int vocabSize, int sequenceLength, long size, int minDocumentTokens,
      int maxDocumentTokens, long seed) {
    this.vocabSize = vocabSize;
    this.sequenceLength = sequenceLength;
    this.size = size;
    int contentTokens = vocabSize - 2;
    int streamLength = Math.toIntExact(size * sequenceLength + 1);
    this.stream = new int[streamLength];
    SplittableRandom random = new SplittableRandom(seed);
    int position = 0;
    while (position < streamLength) {
      position = put(position, bosTokenId());
      int start = random.nextInt(contentTokens);
      int length = random.nextInt(minDocumentTokens, maxDocumentTokens + 1);
      for (int k = 0; k < length; k++) {
        position = put(position, (start + k) % contentTokens);
      }
      position = put(position, eodTokenId());
    }
  }

  private int put(int position, int token) {
    if (position < stream.length) {
      stream[position] = token;
    }
    return position + 1;
  }

  int bosTokenId() {
    return vocabSize - 2;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int sequenceLength() {
    return sequenceLength;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int eodTokenId() {
    return vocabSize - 1;
  }

  @Override
  public List<String> datasetNames() {
    return List.of("counting-documents");
  }

  @Override
  public PackedSample get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("sample " + index + " outside [0, " + size + ")");
    }
    int from = Math.toIntExact(index * sequenceLength);
    return new PackedSample(Arrays.copyOfRange(stream, from, from + sequenceLength + 1), 0);
  }
}

package org.openseek.trainer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.openseek.mixer.PackedSample;
import org.openseek.mixer.SampleSource;

/**
 * The model inputs of B packed samples of sequence length T.
 *
 * @param tokens input token ids, int64 [B, T]
 * @param labels next-token ids, int64 [B, T, 1]
 * @param positionIds RoPE positions, float32 [B, T]
 * @param attentionMask additive mask, float32 [B, 1, T, T]: 0 where query t may attend to key s
 *     (s <= t, and same document when attention is reset per document), minus infinity elsewhere
 * @param lossMask float32 [B, T], 1 where the position counts in the loss
 * @param lossTokens number of positions with loss mask 1
 */
public record MicroBatch(
    NDArray tokens,
    NDArray labels,
    NDArray positionIds,
    NDArray attentionMask,
    NDArray lossMask,
    long lossTokens) implements AutoCloseable {

  /**
   * Reads samples {@code [firstIndex, firstIndex + size)} from {@code source} and builds their
   * arrays in {@code manager}.
   *
   * @throws IllegalArgumentException when a sample has the wrong length or a token id outside the
   *     vocabulary
   */
  public static MicroBatch load(SampleSource source, long firstIndex, int size,
      DocumentMasking masking, NDManager manager) {
    int length = source.sequenceLength();
    int vocabSize = source.vocabSize();
    int eod = source.eodTokenId();
    long[] inputs = new long[size * length];
    long[] labels = new long[size * length];
    int[] documentIds = new int[size * length];
    float[] positions = new float[size * length];
    float[] lossMask = new float[size * length];
    long lossTokens = 0;
    for (int b = 0; b < size; b++) {
      long index = firstIndex + b;
      int[] tokens = checkedTokens(source.get(index), index, length, vocabSize);
      int[] sampleInputs = Arrays.copyOf(tokens, length);
      DocumentLayout layout = DocumentLayout.of(sampleInputs, eod, masking);
      for (int t = 0; t < length; t++) {
        int flat = b * length + t;
        inputs[flat] = tokens[t];
        labels[flat] = tokens[t + 1];
        documentIds[flat] = layout.documentIds()[t];
        positions[flat] = layout.positionIds()[t];
        lossMask[flat] = layout.lossMask()[t];
        lossTokens += (long) layout.lossMask()[t];
      }
    }
    Shape batchShape = new Shape(size, length);
    return new MicroBatch(
        manager.create(inputs, batchShape),
        manager.create(labels, new Shape(size, length, 1)),
        manager.create(positions, batchShape),
        attentionMask(manager.create(documentIds, batchShape)),
        manager.create(lossMask, batchShape),
        lossTokens);
  }

  /** Builds the additive causal mask [B, 1, T, T] from document ids [B, T]. */
  static NDArray attentionMask(NDArray documentIds) {
    NDManager manager = documentIds.getManager();
    long length = documentIds.getShape().get(1);
    NDArray keyIndex = manager.arange((int) length).reshape(1, length);
    NDArray queryIndex = keyIndex.reshape(length, 1);
    NDArray causal = queryIndex.gte(keyIndex);
    NDArray sameDocument = documentIds.expandDims(2).eq(documentIds.expandDims(1));
    NDArray allowed = sameDocument.logicalAnd(causal).expandDims(1);
    NDArray mask = manager.zeros(allowed.getShape(), DataType.FLOAT32);
    mask.set(allowed.logicalNot(), Float.NEGATIVE_INFINITY);
    return mask;
  }

  private static int[] checkedTokens(PackedSample sample, long index, int length, int vocabSize) {
    int[] tokens = sample.tokens();
    if (tokens.length != length + 1) {
      throw new IllegalArgumentException("sample " + index + " has " + tokens.length
          + " tokens, but the source's sequence length " + length + " requires " + (length + 1));
    }
    for (int token : tokens) {
      if (token < 0 || token >= vocabSize) {
        throw new IllegalArgumentException("sample " + index + " contains token id " + token
            + ", outside the source's vocabulary [0, " + vocabSize + ")");
      }
    }
    return tokens;
  }

  /** Closes all arrays of this micro-batch. */
  @Override
  public void close() {
    tokens.close();
    labels.close();
    positionIds.close();
    attentionMask.close();
    lossMask.close();
  }
}

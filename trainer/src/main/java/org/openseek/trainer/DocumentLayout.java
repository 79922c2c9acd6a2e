package org.openseek.trainer;

/**
 * Per-position document ids, position ids and loss weights of one packed sequence, following the
 * end-of-document (EOD) tokens in its inputs.
 *
 * <p>The document id of position t is the number of EOD tokens strictly before t (an exclusive
 * cumulative sum of EOD flags), so an EOD token belongs to the document it closes. Tokens attend
 * to each other only when their document ids are equal.
 *
 * @param documentIds document id per position, all 0 without {@code resetAttentionMask}
 * @param positionIds RoPE position per position, {@code 0..T-1} without {@code resetPositionIds}
 * @param lossMask 1 where the position counts in the loss, 0 where it does not
 */
public record DocumentLayout(int[] documentIds, int[] positionIds, float[] lossMask) {

  /** Computes the layout of {@code inputs}, the first T tokens of a sample. */
  public static DocumentLayout of(int[] inputs, int eodTokenId, DocumentMasking masking) {
    int length = inputs.length;
    int[] documentIds = new int[length];
    int[] positionIds = new int[length];
    float[] lossMask = new float[length];
    int document = 0;
    int documentStart = 0;
    for (int t = 0; t < length; t++) {
      boolean eod = inputs[t] == eodTokenId;
      documentIds[t] = masking.resetAttentionMask() ? document : 0;
      positionIds[t] = masking.resetPositionIds() ? t - documentStart : t;
      lossMask[t] = masking.eodMaskLoss() && eod ? 0f : 1f;
      if (eod) {
        document++;
        documentStart = t + 1;
      }
    }
    return new DocumentLayout(documentIds, positionIds, lossMask);
  }
}

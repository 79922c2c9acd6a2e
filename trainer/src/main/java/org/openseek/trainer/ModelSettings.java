package org.openseek.trainer;

import java.util.Set;

/**
 * Shape and initialization of the decoder-only transformer, from config section
 * {@code train.model}.
 *
 * @param layers number of transformer layers
 * @param hiddenSize model width d
 * @param attentionHeads number of attention heads, each of size {@code hiddenSize / attentionHeads}
 * @param ffnHiddenSize inner width of the SwiGLU feed-forward network
 * @param ropeBase RoPE base theta
 * @param normEpsilon epsilon inside every RMSNorm
 * @param initStd standard deviation of the normal weight initialization
 * @param makeVocabSizeDivisibleBy the embedding table's row count is a multiple of this
 * @param tieEmbeddings whether the output layer reuses the token embedding table
 */
public record ModelSettings(
    int layers,
    int hiddenSize,
    int attentionHeads,
    int ffnHiddenSize,
    double ropeBase,
    double normEpsilon,
    double initStd,
    int makeVocabSizeDivisibleBy,
    boolean tieEmbeddings) {

  private static final String PREFIX = "train.model.";

  public ModelSettings {
    SettingsChecks.atLeast(PREFIX + "layers", layers, 1);
    SettingsChecks.atLeast(PREFIX + "hidden-size", hiddenSize, 1);
    SettingsChecks.atLeast(PREFIX + "attention-heads", attentionHeads, 1);
    SettingsChecks.atLeast(PREFIX + "ffn-hidden-size", ffnHiddenSize, 1);
    SettingsChecks.positive(PREFIX + "rope-base", ropeBase);
    SettingsChecks.positive(PREFIX + "norm-epsilon", normEpsilon);
    SettingsChecks.positive(PREFIX + "init-std", initStd);
    SettingsChecks.atLeast(PREFIX + "make-vocab-size-divisible-by", makeVocabSizeDivisibleBy, 1);
    if (hiddenSize % attentionHeads != 0) {
      throw new IllegalArgumentException(PREFIX + "hidden-size (" + hiddenSize
          + ") must be a multiple of " + PREFIX + "attention-heads (" + attentionHeads + ")");
    }
    if ((hiddenSize / attentionHeads) % 2 != 0) {
      throw new IllegalArgumentException("head size " + PREFIX + "hidden-size / " + PREFIX
          + "attention-heads = " + hiddenSize / attentionHeads
          + " must be even, because RoPE rotates pairs of dimensions");
    }
  }

  static ModelSettings read(SettingsReader reader) {
    reader.rejectUnknownKeys(Set.of("layers", "hidden-size", "attention-heads", "ffn-hidden-size",
        "rope-base", "norm-epsilon", "init-std", "make-vocab-size-divisible-by", "tie-embeddings"));
    return new ModelSettings(
        reader.getInt("layers"),
        reader.getInt("hidden-size"),
        reader.getInt("attention-heads"),
        reader.getInt("ffn-hidden-size"),
        reader.getDouble("rope-base"),
        reader.getDouble("norm-epsilon"),
        reader.getDouble("init-std"),
        reader.getInt("make-vocab-size-divisible-by"),
        reader.getBoolean("tie-embeddings"));
  }

  /** Returns the size of one attention head: hidden size / attention heads. */
  public int headSize() {
    return hiddenSize / attentionHeads;
  }

  /** Returns {@code vocabSize} rounded up to a multiple of {@link #makeVocabSizeDivisibleBy}. */
  public int paddedVocabSize(int vocabSize) {
    if (vocabSize < 1) {
      throw new IllegalArgumentException("vocabulary size must be at least 1, got " + vocabSize);
    }
    long multiple = makeVocabSizeDivisibleBy;
    long padded = (vocabSize + multiple - 1) / multiple * multiple;
    return Math.toIntExact(padded);
  }
}

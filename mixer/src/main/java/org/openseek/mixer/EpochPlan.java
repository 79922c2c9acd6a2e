package org.openseek.mixer;

/**
 * Sizes of a {@link GptSampleIndex}: epochs, sample count and whether the last epoch is shuffled
 * on its own, computed with Megatron's GPTDataset rules.
 */
final class EpochPlan {

  final int epochs;
  final int sampleCount;
  final boolean separateFinalEpoch;
  /** Samples that the first {@code epochs - 1} epochs supply; 0 when {@code epochs == 1}. */
  final int samplesBeforeFinalEpoch;

  private EpochPlan(int epochs, int sampleCount, boolean separateFinalEpoch,
      int samplesBeforeFinalEpoch) {
    this.epochs = epochs;
    this.sampleCount = sampleCount;
    this.separateFinalEpoch = separateFinalEpoch;
    this.samplesBeforeFinalEpoch = samplesBeforeFinalEpoch;
  }

  /**
   * Computes the plan for {@code numSamples} samples of {@code seqLength + 1} tokens.
   *
   * @throws IllegalArgumentException if the dataset is empty, an argument is out of range or an
   *     index would not fit an int32 array
   */
  static EpochPlan of(TokenDataset dataset, long numSamples, int seqLength) {
    String name = dataset.name();
    if (seqLength < 1) {
      throw new IllegalArgumentException("sequence length must be at least 1, got " + seqLength);
    }
    if (numSamples < 1) {
      throw new IllegalArgumentException("dataset '" + name
          + "': the number of samples must be at least 1, got " + numSamples);
    }
    long tokensPerEpoch = dataset.tokenCount();
    if (dataset.documentCount() == 0 || tokensPerEpoch == 0) {
      throw new IllegalArgumentException("dataset '" + name + "' is empty ("
          + dataset.documentCount() + " documents, " + tokensPerEpoch
          + " tokens); it cannot supply samples, so remove it from the mixture or rebuild it");
    }

    long tokensRequested;
    try {
      tokensRequested = Math.addExact(Math.multiplyExact(numSamples, seqLength), 1);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("dataset '" + name + "': " + numSamples + " samples of "
          + seqLength + " tokens overflow a 64-bit token count", e);
    }
    long epochs = (tokensRequested + tokensPerEpoch - 1) / tokensPerEpoch;
    long documentIndexLength = epochs * dataset.documentCount();
    if (epochs > InMemoryTokenDataset.MAX_ARRAY_LENGTH
        || documentIndexLength > InMemoryTokenDataset.MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("dataset '" + name + "': " + numSamples + " samples of "
          + seqLength + " tokens need " + epochs + " epochs of " + dataset.documentCount()
          + " documents, more than the " + InMemoryTokenDataset.MAX_ARRAY_LENGTH
          + " entries a document index supports; use fewer samples or a larger dataset");
    }
    long sampleCount = (epochs * tokensPerEpoch - 1) / seqLength;
    if (sampleCount + 1 > InMemoryTokenDataset.MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("dataset '" + name + "': " + epochs + " epochs of "
          + tokensPerEpoch + " tokens give " + sampleCount + " samples, more than the "
          + (InMemoryTokenDataset.MAX_ARRAY_LENGTH - 1) + " a sample index supports");
    }

    boolean separateFinalEpoch = false;
    long samplesBeforeFinalEpoch = 0;
    if (epochs > 1) {
      samplesBeforeFinalEpoch = ((epochs - 1) * tokensPerEpoch - 1) / seqLength;
      long samplesFromFinalEpoch = numSamples - samplesBeforeFinalEpoch;
      long samplesPerEpoch = (tokensPerEpoch - 1) / seqLength;
      long threshold =
          (long) (GptSampleIndex.SEPARATE_FINAL_EPOCH_THRESHOLD * samplesPerEpoch);
      separateFinalEpoch = samplesFromFinalEpoch < threshold;
    }
    return new EpochPlan((int) epochs, (int) sampleCount, separateFinalEpoch,
        separateFinalEpoch ? (int) samplesBeforeFinalEpoch : 0);
  }
}

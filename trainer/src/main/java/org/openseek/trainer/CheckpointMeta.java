package org.openseek.trainer;

/**
 * Contents of a checkpoint's {@code meta.json}: where training stood and what the saved tensors
 * need to be read back.
 *
 * @param formatVersion version of the checkpoint layout, {@link #CURRENT_FORMAT} when written here
 * @param iteration iterations finished when the checkpoint was written
 * @param consumedSamples samples consumed by those iterations
 * @param seed seed of the run
 * @param vocabSize tokenizer vocabulary size
 * @param paddedVocabSize rows of the embedding table
 * @param sequenceLength sequence length T of the training samples
 * @param eodTokenId end-of-document token id of the training samples
 * @param optimizerSteps AdamW updates done, which sets the next bias correction
 * @param model model settings
 * @param optimizer optimizer settings
 */
public record CheckpointMeta(
    int formatVersion,
    long iteration,
    long consumedSamples,
    int seed,
    int vocabSize,
    int paddedVocabSize,
    int sequenceLength,
    int eodTokenId,
    long optimizerSteps,
    ModelSettings model,
    OptimizerSettings optimizer) {

  public static final int CURRENT_FORMAT = 1;
}

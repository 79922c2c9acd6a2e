package org.openseek.trainer;

import java.util.List;
import org.openseek.mixer.SampleSource;

/**
 * Contents of a checkpoint's {@code meta.json}: where training stood, what the saved tensors
 * need to be read back, and the settings that a resumed run must share with the run that wrote
 * the checkpoint.
 *
 * @param formatVersion version of the checkpoint layout, {@link #CURRENT_FORMAT} when written here
 * @param iteration iterations finished when the checkpoint was written
 * @param consumedSamples samples consumed by those iterations
 * @param steps {@code train.steps} of the run, which is also the length of its learning-rate
 *     schedule
 * @param globalBatchSize {@code train.global-batch-size} of the run
 * @param seed seed of the run
 * @param vocabSize tokenizer vocabulary size
 * @param paddedVocabSize rows of the embedding table
 * @param sequenceLength sequence length T of the training samples
 * @param eodTokenId end-of-document token id of the training samples
 * @param datasets dataset names of the sample source, in dataset id order
 * @param optimizerSteps AdamW updates done, which sets the next bias correction
 * @param documentMasking document-boundary flags of the run
 * @param model model settings
 * @param optimizer optimizer settings
 */
public record CheckpointMeta(
    int formatVersion,
    long iteration,
    long consumedSamples,
    int steps,
    int globalBatchSize,
    int seed,
    int vocabSize,
    int paddedVocabSize,
    int sequenceLength,
    int eodTokenId,
    List<String> datasets,
    long optimizerSteps,
    DocumentMasking documentMasking,
    ModelSettings model,
    OptimizerSettings optimizer) {

  /**
   * Format written by this trainer. Format 2 added {@code steps}, {@code global_batch_size},
   * {@code datasets} and {@code document_masking}, which resuming compares with the current run.
   */
  public static final int CURRENT_FORMAT = 2;

  public CheckpointMeta {
    datasets = List.copyOf(datasets);
  }

  /**
   * Describes the state after {@code iteration} iterations of a run with {@code settings} on
   * {@code source}, in the current format.
   */
  static CheckpointMeta of(long iteration, TrainSettings settings, SampleSource source,
      int paddedVocabSize, long optimizerSteps) {
    return new CheckpointMeta(CURRENT_FORMAT, iteration,
        iteration * settings.globalBatchSize(), settings.steps(), settings.globalBatchSize(),
        settings.seed(), source.vocabSize(), paddedVocabSize, source.sequenceLength(),
        source.eodTokenId(), source.datasetNames(), optimizerSteps, settings.documentMasking(),
        settings.model(), settings.optimizer());
  }
}

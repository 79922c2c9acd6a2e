package org.openseek.mixer;

/**
 * Random access to the packed samples of a mixture, in training order.
 *
 * <p>{@code get(i)} returns the same sample for the same mixture files and seed, on any machine.
 */
public interface SampleSource extends AutoCloseable {

  /** Number of samples available; {@code get} accepts 0 to {@code size() - 1}. */
  long size();

  /** Sequence length T; every sample contains T + 1 tokens. */
  int sequenceLength();

  /** Size of the tokenizer vocabulary including special tokens (before padding). */
  int vocabSize();

  /** Id of the end-of-document token that closes every document. */
  int eodTokenId();

  /** Names of the mixture's datasets, indexed by {@link PackedSample#datasetId()}. */
  java.util.List<String> datasetNames();

  PackedSample get(long index);

  @Override
  default void close() {}
}

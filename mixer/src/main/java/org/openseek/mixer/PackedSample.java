package org.openseek.mixer;

/**
 * One training sample: {@code seqLength + 1} token ids, so that inputs are {@code tokens[0..T-1]}
 * and labels are {@code tokens[1..T]}.
 *
 * <p>Samples cross document boundaries. Each document keeps its BOS and EOS tokens, so the
 * trainer finds boundaries from the EOS (end-of-document) id.
 *
 * @param tokens the token ids, length {@code seqLength + 1}
 * @param datasetId index of the dataset in the mixture that supplied the sample
 */
public record PackedSample(int[] tokens, int datasetId) {}

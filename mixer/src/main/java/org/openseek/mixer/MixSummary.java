package org.openseek.mixer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Numbers of a built mixture, the same ones that {@code mixture.json} records.
 *
 * @param outputDir folder that contains {@code mixture.json} and the index files
 * @param seed seed of the per-dataset shuffles
 * @param seqLength sequence length T in tokens; samples contain T + 1 tokens
 * @param requestedSamples blend size that was asked for
 * @param numSamples blended samples actually built, {@code sum_i ceil(requestedSamples * w_i)},
 *     which is at least {@code requestedSamples}
 * @param temperature temperature applied to natural weights (1.0 when the weights are explicit)
 * @param tokenizer tokenizer file name shared by all datasets
 * @param tokenizerSha256 sha256 of that tokenizer file
 * @param vocabSize vocabulary size shared by all datasets
 * @param bosId BOS token id shared by all datasets
 * @param eosId EOS token id shared by all datasets
 * @param datasets one entry per dataset, indexed by dataset id
 */
public record MixSummary(
    Path outputDir,
    long seed,
    int seqLength,
    long requestedSamples,
    long numSamples,
    double temperature,
    String tokenizer,
    String tokenizerSha256,
    int vocabSize,
    int bosId,
    int eosId,
    List<DatasetSummary> datasets) {

  /**
   * One dataset of the mixture.
   *
   * @param id dataset id, the position in the mixture and {@link PackedSample#datasetId()}
   * @param name dataset name
   * @param dir absolute path of the tokenized dataset folder
   * @param weight normalized weight; the weights of a mixture sum to 1
   * @param tokens tokens in the dataset, BOS and EOS included
   * @param documents documents in the dataset
   * @param samplesDrawn blended samples taken from this dataset
   * @param realizedShare {@code samplesDrawn / numSamples}
   * @param indexSamplesRequested samples the dataset's sample index was built for
   * @param indexSamples samples in the dataset's sample index
   * @param epochs passes over the dataset in its sample index
   */
  public record DatasetSummary(
      int id,
      String name,
      Path dir,
      double weight,
      long tokens,
      long documents,
      long samplesDrawn,
      double realizedShare,
      long indexSamplesRequested,
      long indexSamples,
      int epochs) {

    public DatasetSummary {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(dir, "dir");
    }
  }

  public MixSummary {
    Objects.requireNonNull(outputDir, "outputDir");
    datasets = List.copyOf(datasets);
  }

  /** Returns the dataset names, indexed by dataset id. */
  public List<String> datasetNames() {
    return datasets.stream().map(DatasetSummary::name).toList();
  }

  /** Returns the blended samples taken from each dataset, indexed by dataset id. */
  public long[] samplesPerDataset() {
    return datasets.stream().mapToLong(DatasetSummary::samplesDrawn).toArray();
  }

  /** Returns the share of the blend that each dataset supplies, indexed by dataset id. */
  public double[] realizedShares() {
    return datasets.stream().mapToDouble(DatasetSummary::realizedShare).toArray();
  }

  /** Returns the normalized weights, indexed by dataset id. */
  public double[] weights() {
    return datasets.stream().mapToDouble(DatasetSummary::weight).toArray();
  }
}

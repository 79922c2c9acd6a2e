package org.openseek.mixer;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openseek.tokenizer.ShardMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a mixture folder from the {@code mix} config section and tokenized dataset folders.
 *
 * <p>Files in the output folder, all arrays little-endian without a header (readable with
 * {@code numpy.fromfile}), element counts implied by the file size:
 * <ul>
 *   <li>{@code blend-dataset-ids.bin}: int16, the dataset id of each blended sample.
 *   <li>{@code blend-sample-indexes.bin}: int64, the sample number of each blended sample within
 *       its dataset, an index into that dataset's shuffle index.
 *   <li>{@code dataset-<id>-document-index.bin}: int32 document ids, E shuffled copies of
 *       {@code 0 .. documents - 1}.
 *   <li>{@code dataset-<id>-sample-index.bin}: int32 pairs (document-index position, token
 *       offset), one row per sample plus a final row.
 *   <li>{@code dataset-<id>-shuffle-index.bin}: int32 permutation of the sample rows.
 *   <li>{@code mixture.json}: written last, so a folder without it is incomplete. It records
 *       {@code format_version} (1), {@code seed}, {@code seq_length}, {@code requested_samples},
 *       {@code num_samples} (blend size), {@code temperature}, {@code tokenizer},
 *       {@code tokenizer_sha256}, {@code vocab_size}, {@code bos_id}, {@code eos_id}, the blend
 *       file names and, per dataset in id order: {@code id}, {@code name}, {@code dir} (relative to the mixture folder),
 *       {@code weight} (normalized), {@code tokens}, {@code documents}, {@code samples_drawn},
 *       {@code realized_share}, {@code index_samples_requested}, {@code index_samples},
 *       {@code epochs} and its three index file names.
 * </ul>
 * {@link GptSampleIndex} and {@link BlendedIndex} describe how the arrays are computed.
 */
public final class MixBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(MixBuilder.class);

  /** Names of the index files that this class writes. */
  private static final Pattern INDEX_FILE = Pattern.compile("blend-(dataset-ids|sample-indexes)"
      + "\\.bin|dataset-\\d+-(document|sample|shuffle)-index\\.bin");

  private MixBuilder() {}

  /**
   * Builds the mixture and writes it into {@code outputDir}, creating the folder if needed and
   * replacing mixture files already there.
   *
   * @param mixSection the contents of the {@code mix} config section
   * @param datasetDirs tokenized dataset folders by dataset name; with an empty
   *     {@code mix.datasets} all of them are blended, in this order
   * @param numSamples blend size; when 0 or negative, {@code mix.num-samples} is used instead
   * @throws IllegalArgumentException if the config is invalid, neither size is set, a dataset is
   *     missing, empty or invalid, or the datasets use different tokenizers
   */
  public static MixSummary build(Config mixSection, LinkedHashMap<String, Path> datasetDirs,
      long numSamples, Path outputDir) throws IOException {
    Objects.requireNonNull(datasetDirs, "datasetDirs");
    MixtureSpec spec = MixtureSpec.fromConfig(mixSection);
    long requestedSamples = resolveNumSamples(spec, numSamples);
    List<MixtureSpec.Entry> entries = spec.selectDatasets(datasetDirs.keySet());
    LOG.info("Building mixture of {} samples of {} tokens over datasets {} into {}",
        requestedSamples, spec.seqLength() + 1,
        entries.stream().map(MixtureSpec.Entry::name).toList(), outputDir);

    List<ShardTokenDataset> datasets = new ArrayList<>();
    for (MixtureSpec.Entry entry : entries) {
      datasets.add(ShardTokenDataset.load(entry.name(), datasetDirs.get(entry.name())));
    }
    ShardMetadata tokenizer = commonTokenizer(datasets);

    long[] tokenCounts = datasets.stream().mapToLong(TokenDataset::tokenCount).toArray();
    double[] weights = spec.resolveWeights(entries, tokenCounts);
    BlendedIndex blend = BlendedIndex.build(weights, requestedSamples);
    long[] indexSizes = blend.datasetSizes();
    List<GptSampleIndex> indexes = new ArrayList<>();
    for (int i = 0; i < datasets.size(); i++) {
      indexes.add(GptSampleIndex.build(datasets.get(i), indexSizes[i], spec.seqLength(),
          spec.seed()));
    }

    Path directory = outputDir.toAbsolutePath().normalize();
    Files.createDirectories(directory);
    deleteMixtureFiles(directory);
    IndexFiles.writeShorts(directory.resolve(MixtureFile.BLEND_DATASET_IDS),
        blend.datasetIdArray());
    IndexFiles.writeLongs(directory.resolve(MixtureFile.BLEND_SAMPLE_INDEXES),
        blend.sampleIndexArray());
    for (int i = 0; i < indexes.size(); i++) {
      writeSampleIndex(directory, i, indexes.get(i));
    }

    MixSummary summary =
        summarize(directory, spec, requestedSamples, tokenizer, blend, datasets, indexes);
    MixtureFile.write(summary);
    for (MixSummary.DatasetSummary dataset : summary.datasets()) {
      LOG.info("Mixture dataset {} ({}): weight {}, {} tokens, {} samples drawn, share {},"
          + " {} epochs", dataset.id(), dataset.name(), dataset.weight(), dataset.tokens(),
          dataset.samplesDrawn(), dataset.realizedShare(), dataset.epochs());
    }
    LOG.info("Wrote mixture of {} samples of {} tokens over {} datasets to {}",
        summary.numSamples(), summary.seqLength() + 1, summary.datasets().size(), directory);
    return summary;
  }

  private static long resolveNumSamples(MixtureSpec spec, long numSamples) {
    if (numSamples > 0) {
      if (spec.numSamples() > 0 && spec.numSamples() != numSamples) {
        LOG.info("Blend size {} from the caller replaces mix.num-samples = {}", numSamples,
            spec.numSamples());
      }
      return numSamples;
    }
    if (spec.numSamples() > 0) {
      return spec.numSamples();
    }
    throw new IllegalArgumentException("mix.num-samples is 0 and the caller gave no blend size;"
        + " set mix.num-samples to the number of samples to blend");
  }

  /**
   * Returns the tokenizer metadata that all datasets share.
   *
   * @throws IllegalArgumentException naming the first dataset whose metadata differs
   */
  private static ShardMetadata commonTokenizer(List<ShardTokenDataset> datasets) {
    ShardTokenDataset first = datasets.get(0);
    for (ShardTokenDataset dataset : datasets.subList(1, datasets.size())) {
      if (!dataset.metadata().equals(first.metadata())) {
        throw new IllegalArgumentException("dataset '" + dataset.name() + "' was tokenized with "
            + dataset.metadata() + " but dataset '" + first.name() + "' with "
            + first.metadata() + "; all datasets of a mixture need the same tokenizer, vocabulary"
            + " size and BOS/EOS ids, so re-tokenize one of them");
      }
    }
    return first.metadata();
  }

  /** Deletes the files of an earlier mixture, {@code mixture.json} first. */
  private static void deleteMixtureFiles(Path directory) throws IOException {
    Files.deleteIfExists(directory.resolve(MixtureFile.FILE_NAME));
    List<Path> stale;
    try (Stream<Path> files = Files.list(directory)) {
      stale = files.filter(f -> INDEX_FILE.matcher(f.getFileName().toString()).matches())
          .toList();
    }
    for (Path file : stale) {
      Files.delete(file);
    }
  }

  private static void writeSampleIndex(Path directory, int id, GptSampleIndex index)
      throws IOException {
    MixtureFile.DatasetFiles files = MixtureFile.DatasetFiles.forDataset(id);
    IndexFiles.writeInts(directory.resolve(files.documentIndex()), index.documentIndex);
    IndexFiles.writeIntPairs(directory.resolve(files.sampleIndex()), index.samplePositions,
        index.sampleOffsets);
    IndexFiles.writeInts(directory.resolve(files.shuffleIndex()), index.shuffleIndex);
  }

  private static MixSummary summarize(Path directory, MixtureSpec spec, long requestedSamples,
      ShardMetadata tokenizer, BlendedIndex blend, List<ShardTokenDataset> shardDatasets,
      List<GptSampleIndex> indexes) {
    double[] weights = blend.weights();
    long[] drawn = blend.samplesDrawn();
    double[] shares = blend.realizedShares();
    List<MixSummary.DatasetSummary> datasets = new ArrayList<>();
    for (int i = 0; i < indexes.size(); i++) {
      GptSampleIndex index = indexes.get(i);
      ShardTokenDataset dataset = shardDatasets.get(i);
      datasets.add(new MixSummary.DatasetSummary(i, dataset.name(), dataset.directory(),
          weights[i], dataset.tokenCount(), dataset.documentCount(), drawn[i], shares[i],
          index.numSamples(), index.size(), index.epochs()));
    }
    boolean natural = spec.datasets().isEmpty()
        || spec.datasets().stream().allMatch(MixtureSpec.Entry::natural);
    return new MixSummary(directory, spec.seed(), spec.seqLength(), requestedSamples,
        blend.size(), natural ? spec.temperature() : 1.0, tokenizer.tokenizerName(),
        tokenizer.tokenizerSha256(), tokenizer.vocabSize(), tokenizer.bosId(),
        tokenizer.eosId(), datasets);
  }
}

package org.openseek.mixer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openseek.tokenizer.ShardMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SampleSource} over a blend: sample {@code i} comes from dataset
 * {@code blend.datasetId(i)}, as sample {@code blend.datasetSampleIndex(i)} of that dataset's
 * {@link GptSampleIndex}. Safe for concurrent {@link #get} calls.
 */
public final class BlendedSampleSource implements SampleSource {

  private static final Logger LOG = LoggerFactory.getLogger(BlendedSampleSource.class);

  private final BlendedIndex blend;
  private final List<GptSampleIndex> indexes;
  private final int vocabSize;
  private final int eodTokenId;
  private final int seqLength;
  private final List<String> datasetNames;

  /**
   * Combines a blend with the sample indexes of its datasets, in dataset-id order.
   *
   * @throws IllegalArgumentException if the index count differs from the blend's dataset count,
   *     the indexes differ in sequence length, or an index contains fewer samples than the blend
   *     draws from it
   */
  public BlendedSampleSource(BlendedIndex blend, List<GptSampleIndex> indexes, int vocabSize,
      int eodTokenId) {
    this.blend = Objects.requireNonNull(blend, "blend");
    this.indexes = List.copyOf(indexes);
    this.vocabSize = vocabSize;
    this.eodTokenId = eodTokenId;
    if (this.indexes.size() != blend.datasetCount()) {
      throw new IllegalArgumentException("the blend has " + blend.datasetCount()
          + " datasets but " + this.indexes.size() + " sample indexes were given");
    }
    this.seqLength = this.indexes.get(0).seqLength();
    long[] drawn = blend.samplesDrawn();
    for (int i = 0; i < drawn.length; i++) {
      GptSampleIndex index = this.indexes.get(i);
      if (index.seqLength() != seqLength) {
        throw new IllegalArgumentException("sample index of dataset '" + index.dataset().name()
            + "' has sequence length " + index.seqLength() + ", dataset '"
            + this.indexes.get(0).dataset().name() + "' has " + seqLength);
      }
      if (index.size() < drawn[i]) {
        throw new IllegalArgumentException("the blend draws " + drawn[i]
            + " samples from dataset '" + index.dataset().name() + "' but its sample index contains "
            + index.size());
      }
    }
    this.datasetNames = this.indexes.stream().map(index -> index.dataset().name()).toList();
  }

  /**
   * Opens a mixture folder written by {@link MixBuilder#build}: reads {@code mixture.json} and
   * the index files, and loads every dataset from the folder it records.
   *
   * <p>Each dataset's token and document counts, the tokenizer metadata and every index array are
   * checked against the dataset as it is now, so a mixture whose data changed is rejected.
   *
   * @throws IllegalArgumentException if a file is missing, corrupt or does not match the data
   */
  public static BlendedSampleSource open(Path mixDir) throws IOException {
    MixSummary summary = MixtureFile.read(mixDir);
    Path directory = summary.outputDir();
    List<GptSampleIndex> indexes = new ArrayList<>();
    for (MixSummary.DatasetSummary entry : summary.datasets()) {
      ShardTokenDataset dataset = ShardTokenDataset.load(entry.name(), entry.dir());
      checkDataset(summary, entry, dataset);
      MixtureFile.DatasetFiles files = MixtureFile.DatasetFiles.forDataset(entry.id());
      int[][] sampleIndex = IndexFiles.readIntPairs(directory.resolve(files.sampleIndex()));
      indexes.add(GptSampleIndex.fromArrays(dataset, entry.indexSamplesRequested(),
          summary.seqLength(),
          IndexFiles.readInts(directory.resolve(files.documentIndex())),
          sampleIndex[0], sampleIndex[1],
          IndexFiles.readInts(directory.resolve(files.shuffleIndex()))));
    }

    BlendedIndex blend = BlendedIndex.fromArrays(summary.weights(), summary.requestedSamples(),
        IndexFiles.readShorts(directory.resolve(MixtureFile.BLEND_DATASET_IDS)),
        IndexFiles.readLongs(directory.resolve(MixtureFile.BLEND_SAMPLE_INDEXES)));
    Path file = directory.resolve(MixtureFile.FILE_NAME);
    if (blend.size() != summary.numSamples()) {
      throw new IllegalArgumentException(file + " records " + summary.numSamples()
          + " samples but the blend index contains " + blend.size() + "; rebuild the mixture");
    }
    long[] datasetSizes = blend.datasetSizes();
    for (MixSummary.DatasetSummary entry : summary.datasets()) {
      if (entry.indexSamplesRequested() != datasetSizes[entry.id()]) {
        throw new IllegalArgumentException(file + " records index_samples_requested "
            + entry.indexSamplesRequested() + " for dataset '" + entry.name() + "' but its weight"
            + " and the blend size give " + datasetSizes[entry.id()] + "; rebuild the mixture");
      }
    }
    LOG.info("Opened mixture {}: {} samples of {} tokens over datasets {}", directory,
        blend.size(), summary.seqLength() + 1, summary.datasetNames());
    return new BlendedSampleSource(blend, indexes, summary.vocabSize(), summary.eosId());
  }

  private static void checkDataset(MixSummary summary, MixSummary.DatasetSummary entry,
      ShardTokenDataset dataset) {
    ShardMetadata metadata = dataset.metadata();
    boolean sameTokenizer = metadata.tokenizerName().equals(summary.tokenizer())
        && metadata.tokenizerSha256().equals(summary.tokenizerSha256())
        && metadata.vocabSize() == summary.vocabSize()
        && metadata.bosId() == summary.bosId()
        && metadata.eosId() == summary.eosId();
    if (!sameTokenizer || dataset.tokenCount() != entry.tokens()
        || dataset.documentCount() != entry.documents()) {
      throw new IllegalArgumentException("dataset '" + entry.name() + "' in " + entry.dir()
          + " now contains " + dataset.documentCount() + " documents and " + dataset.tokenCount()
          + " tokens from " + metadata + ", but the mixture in " + summary.outputDir()
          + " was built from " + entry.documents() + " documents and " + entry.tokens()
          + " tokens with tokenizer " + summary.tokenizer() + " (sha256 "
          + summary.tokenizerSha256() + "); rebuild the mixture");
    }
  }

  @Override
  public long size() {
    return blend.size();
  }

  @Override
  public int sequenceLength() {
    return seqLength;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int eodTokenId() {
    return eodTokenId;
  }

  @Override
  public List<String> datasetNames() {
    return datasetNames;
  }

  /**
   * Returns blended sample {@code index}: {@code sequenceLength() + 1} tokens and its dataset id.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= index < size()}
   */
  @Override
  public PackedSample get(long index) {
    int datasetId = blend.datasetId(index);
    int[] tokens = indexes.get(datasetId).sample(blend.datasetSampleIndex(index));
    return new PackedSample(tokens, datasetId);
  }

  /** Returns the blend, which gives each sample's dataset id and per-dataset sample number. */
  public BlendedIndex blend() {
    return blend;
  }
}

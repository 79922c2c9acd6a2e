package org.openseek.jobs.stages;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openseek.mixer.MixBuilder;
import org.openseek.mixer.MixSummary;
import org.openseek.pipeline.stage.Stage;
import org.openseek.pipeline.stage.StageContext;
import org.openseek.pipeline.stage.StageStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the blended sample index over the per-source shard folders of a tokenize output.
 *
 * <p>Every document of every dataset stays available to the blend, so the stage keeps all of them;
 * its statistics count documents, and the details record samples drawn per dataset.
 */
public final class MixStage implements Stage {

  private static final Logger LOG = LoggerFactory.getLogger(MixStage.class);

  @Override
  public String name() {
    return "mix";
  }

  /** Returns mix's section plus the train keys that size the blend by default (steps x global batch). */
  @Override
  public List<String> configSections() {
    return List.of("mix", "train.steps", "train.global-batch-size");
  }

  @Override
  public StageStats run(StageContext context) throws IOException {
    Path tokenized = LocalPaths.of(context.inputs().get(0));
    LinkedHashMap<String, Path> datasets = datasetsIn(tokenized);
    Config config = context.config();
    long numSamples = config.getLong("mix.num-samples");
    if (numSamples <= 0) {
      numSamples = config.getLong("train.steps") * config.getLong("train.global-batch-size");
    }
    MixSummary summary =
        MixBuilder.build(config.getConfig("mix"), datasets, numSamples, LocalPaths.of(context.workDir()));

    long documents = 0;
    Map<String, Long> samplesPerDataset = new LinkedHashMap<>();
    Map<String, Double> realizedShares = new LinkedHashMap<>();
    for (MixSummary.DatasetSummary dataset : summary.datasets()) {
      if (dataset.epochs() > 1) {
        LOG.warn("dataset '{}' ({} tokens) is read {} times over to fill {} samples of {} tokens;"
            + " add data, or lower mix.num-samples, mix.seq-length or its weight",
            dataset.name(), dataset.tokens(), dataset.epochs(), dataset.indexSamples(),
            summary.seqLength() + 1);
      }
      documents += dataset.documents();
      samplesPerDataset.put(dataset.name(), dataset.samplesDrawn());
      realizedShares.put(dataset.name(), dataset.realizedShare());
    }
    return new StageStats(name())
        .input(documents)
        .kept(documents)
        .detail("samples", summary.numSamples())
        .detail("samples_per_dataset", samplesPerDataset)
        .detail("realized_shares", realizedShares);
  }

  /** Finds the dataset folders (those holding a manifest.json), sorted by name. */
  static LinkedHashMap<String, Path> datasetsIn(Path tokenized) throws IOException {
    LinkedHashMap<String, Path> datasets = new LinkedHashMap<>();
    try (Stream<Path> children = Files.list(tokenized)) {
      List<Path> sorted = children.filter(p -> Files.isRegularFile(p.resolve("manifest.json")))
          .sorted()
          .toList();
      for (Path dir : sorted) {
        datasets.put(dir.getFileName().toString(), dir);
      }
    }
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException(tokenized + " contains no dataset folder with a manifest.json;"
          + " pass the output of the tokenize stage");
    }
    return datasets;
  }
}

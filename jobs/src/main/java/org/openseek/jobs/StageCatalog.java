package org.openseek.jobs;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.openseek.dedup.DedupConfig;
import org.openseek.dedup.ExactDedupStage;
import org.openseek.jobs.stages.MixStage;
import org.openseek.jobs.stages.TokenizeStage;
import org.openseek.jobs.stages.TrainStage;
import org.openseek.mixer.MixtureSpec;
import org.openseek.pipeline.clean.CleanConfig;
import org.openseek.pipeline.clean.CleanStage;
import org.openseek.pipeline.clean.SourceSpec;
import org.openseek.pipeline.stage.Stage;
import org.openseek.tokenizer.TokenizeSettings;
import org.openseek.trainer.TrainSettings;

/**
 * The stages of the CLI, in pipeline order, each with a check of its config that runs before any
 * stage, so a bad train setting fails in seconds instead of after hours of data stages.
 */
public enum StageCatalog {
  CLEAN("clean", true, CleanStage::new,
      config -> {
        SourceSpec.listFrom(config);
        CleanConfig.from(config);
      }),
  DEDUP("dedup", true, ExactDedupStage::new, DedupConfig::from),
  TOKENIZE("tokenize", true, TokenizeStage::new,
      config -> TokenizeSettings.from(config.getConfig("tokenize"))),
  MIX("mix", false, MixStage::new,
      config -> {
        MixtureSpec.fromConfig(config.getConfig("mix"));
        TrainSettings.from(config.getConfig("train"));
      }),
  TRAIN("train", false, TrainStage::new,
      config -> {
        TrainSettings settings = TrainSettings.from(config.getConfig("train"));
        // The mixture's sequence length and the tokenizer's vocabulary are known from the config
        // too, so an output layer that cannot fit fails here rather than after the data stages.
        TrainStage.checkOutputLayerFits(settings.microBatchSize(), config.getInt("mix.seq-length"),
            settings.model().paddedVocabSize(config.getInt("tokenize.vocab-size")),
            TrainStage.physicalMemoryBytes());
      });

  private final String stageName;
  private final boolean needsSpark;
  private final Supplier<Stage> factory;
  private final Consumer<Config> validator;

  StageCatalog(String stageName, boolean needsSpark, Supplier<Stage> factory,
      Consumer<Config> validator) {
    this.stageName = stageName;
    this.needsSpark = needsSpark;
    this.factory = factory;
    this.validator = validator;
  }

  /**
   * Checks the stage's config sections without reading any data.
   *
   * @throws IllegalArgumentException naming the invalid key
   */
  public void validate(Config config) {
    validator.accept(config);
  }

  public String stageName() {
    return stageName;
  }

  /** True when the stage runs Spark jobs; mix and train run in the driver JVM alone. */
  public boolean needsSpark() {
    return needsSpark;
  }

  public Stage newStage() {
    return factory.get();
  }

  /** Looks a stage up by its name, as used in {@code pipeline.stages} and on the command line. */
  public static StageCatalog byName(String name) {
    for (StageCatalog stage : values()) {
      if (stage.stageName.equals(name.toLowerCase(Locale.ROOT))) {
        return stage;
      }
    }
    throw new IllegalArgumentException("unknown stage '" + name + "' in pipeline.stages; known stages: "
        + List.of("clean", "dedup", "tokenize", "mix", "train"));
  }
}

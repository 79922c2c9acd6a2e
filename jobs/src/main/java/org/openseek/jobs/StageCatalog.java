package org.openseek.jobs;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.openseek.dedup.ExactDedupStage;
import org.openseek.jobs.stages.MixStage;
import org.openseek.jobs.stages.TokenizeStage;
import org.openseek.jobs.stages.TrainStage;
import org.openseek.pipeline.clean.CleanStage;
import org.openseek.pipeline.stage.Stage;

/**
 * The stages that the CLI knows, in pipeline order, with the config sections that decide whether
 * a committed output is still valid.
 */
public enum StageCatalog {
  CLEAN("clean", true, List.of("sources", "clean"), CleanStage::new),
  DEDUP("dedup", true, List.of("dedup"), ExactDedupStage::new),
  TOKENIZE("tokenize", true, List.of("tokenize"), TokenizeStage::new),
  // The blend size defaults to the trainer's steps x global batch, so those keys count too.
  MIX("mix", false, List.of("mix", "train.steps", "train.global-batch-size"), MixStage::new),
  TRAIN("train", false, List.of("train"), TrainStage::new);

  private final String stageName;
  private final boolean needsSpark;
  private final List<String> configSections;
  private final Supplier<Stage> factory;

  StageCatalog(String stageName, boolean needsSpark, List<String> configSections,
      Supplier<Stage> factory) {
    this.stageName = stageName;
    this.needsSpark = needsSpark;
    this.configSections = configSections;
    this.factory = factory;
  }

  public String stageName() {
    return stageName;
  }

  /** True when the stage runs Spark jobs; mix and train run in the driver JVM alone. */
  public boolean needsSpark() {
    return needsSpark;
  }

  public List<String> configSections() {
    return configSections;
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

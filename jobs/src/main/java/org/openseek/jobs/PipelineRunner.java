package org.openseek.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.openseek.pipeline.spark.SparkSessions;
import org.openseek.pipeline.stage.StageLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stages of {@code pipeline.stages} in order inside one experiment directory. Each stage
 * reads the output of the stage before it; the first one, clean, reads the configured sources.
 */
public final class PipelineRunner {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
  private static final Logger FILE_LOG = LoggerFactory.getLogger(LogFiles.FILE_ONLY_LOGGER);

  /**
   * Outcome of a pipeline run.
   *
   * @param experiment the experiment directory
   * @param runs one entry per stage, in order
   * @param warnings problems that did not stop the run, such as a source with no kept document
   */
  public record Result(Experiment experiment, List<StageExecution.Run> runs, List<String> warnings) {}

  public Result run(Config config) throws Exception {
    List<StageCatalog> stages = stagesOf(config);
    for (StageCatalog stage : stages) {
      stage.validate(config);
    }
    boolean needsSpark = stages.stream().anyMatch(StageCatalog::needsSpark);
    SparkSession spark = needsSpark ? SparkSessions.create(config) : null;
    try {
      Configuration hadoopConf = spark != null
          ? spark.sparkContext().hadoopConfiguration()
          : new Configuration();
      if (stages.get(0) == StageCatalog.CLEAN) {
        config = Sources.qualified(config, hadoopConf);
      }
      Experiment experiment = Experiment.of(config, hadoopConf);
      FileSystem fs = experiment.directory().getFileSystem(hadoopConf);
      fs.mkdirs(experiment.directory());
      // One pipeline run per experiment at a time: a second run with other settings would
      // otherwise rebuild the data stages under the first run's training.
      try (StageLock lock = StageLock.acquire(fs, new Path(experiment.directory(), ".pipeline.lock"))) {
        return runStages(stages, spark, hadoopConf, config, experiment);
      }
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  private Result runStages(List<StageCatalog> stages, SparkSession spark,
      Configuration hadoopConf, Config config, Experiment experiment) throws Exception {
    prepare(experiment, config, hadoopConf);
    List<StageExecution.Run> runs = new ArrayList<>();
    String previousOutput = null;
    for (StageCatalog stage : stages) {
      try {
        List<String> inputs = stage == StageCatalog.CLEAN
            ? Sources.paths(config, hadoopConf)
            : List.of(previousOutput != null ? previousOutput : upstreamOf(stage, experiment, hadoopConf));
        String output = experiment.stageDirectory(stage.stageName()).toString();
        runs.add(StageExecution.run(stage, spark, hadoopConf, config, inputs, output));
        previousOutput = output;
      } catch (Exception | Error e) {
        FILE_LOG.error("stage '{}' failed: {}", stage.stageName(), Failures.describe(e), e);
        throw e;
      }
    }
    List<String> warnings = Funnel.emptySources(runs, Sources.names(config));
    warnings.forEach(warning -> LOG.warn("{}", warning));
    return new Result(experiment, runs, warnings);
  }

  /** Renders the end-of-run funnel of a pipeline run. */
  public static String funnel(Result result) {
    return Funnel.render("OpenSeek-J funnel: experiment '" + result.experiment().name() + "' in "
        + result.experiment().directory(), result.runs(), result.warnings());
  }

  private static void prepare(Experiment experiment, Config config, Configuration hadoopConf)
      throws IOException {
    FileSystem fs = experiment.directory().getFileSystem(hadoopConf);
    fs.mkdirs(experiment.directory());
    ResolvedConfigs.write(config, experiment.configFile(), hadoopConf);
    Path logFile = experiment.logFile();
    if ("file".equals(logFile.toUri().getScheme())) {
      fs.mkdirs(logFile.getParent());
      LogFiles.attach(java.nio.file.Path.of(logFile.toUri()));
    }
    LOG.info("experiment '{}' in {}; resolved config in {}", experiment.name(),
        experiment.directory(), experiment.configFile());
    FILE_LOG.info("resolved config:\n{}", ResolvedConfigs.render(config));
  }

  static List<StageCatalog> stagesOf(Config config) {
    List<String> names;
    try {
      names = config.getStringList("pipeline.stages");
    } catch (ConfigException e) {
      throw new IllegalArgumentException("pipeline.stages must be a list of stage names: "
          + e.getMessage(), e);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("pipeline.stages is empty; list at least one stage");
    }
    List<StageCatalog> stages = new ArrayList<>();
    for (String name : names) {
      StageCatalog stage = StageCatalog.byName(name);
      if (!stages.isEmpty() && stage.ordinal() <= stages.get(stages.size() - 1).ordinal()) {
        throw new IllegalArgumentException("pipeline.stages " + names + " is out of order or repeats '"
            + name + "'; stages run in the order clean, dedup, tokenize, mix, train");
      }
      stages.add(stage);
    }
    return stages;
  }

  /**
   * Finds the input of the first listed stage when it is not clean: the committed output of the
   * nearest earlier stage in the experiment directory.
   */
  private static String upstreamOf(StageCatalog stage, Experiment experiment,
      Configuration hadoopConf) throws IOException {
    for (int i = stage.ordinal() - 1; i >= 0; i--) {
      Path candidate = experiment.stageDirectory(StageCatalog.values()[i].stageName());
      FileSystem fs = candidate.getFileSystem(hadoopConf);
      if (fs.exists(new Path(candidate, "_SUCCESS"))) {
        return candidate.toString();
      }
    }
    throw new IllegalArgumentException("stage '" + stage.stageName() + "' needs the output of an"
        + " earlier stage, and " + experiment.directory() + " holds none; add the earlier stages to"
        + " pipeline.stages");
  }
}

package org.openseek.jobs;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.openseek.pipeline.spark.SparkSessions;
import org.openseek.pipeline.stage.StageRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one stage on explicit inputs into an explicit output directory. */
public final class SingleStageRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SingleStageRunner.class);

  /**
   * Outcome of a single-stage run.
   *
   * @param run the stage run
   * @param summary the console summary, in the funnel's format
   */
  public record Result(StageExecution.Run run, String summary) {}

  /**
   * Runs {@code stage}.
   *
   * @param inputs raw files or folders for clean (empty: the config's sources), else one
   *     committed stage output
   * @param sourceName source name of a single clean input, or null
   * @param textField JSON text field of clean inputs, or null
   */
  public Result run(StageCatalog stage, Config config, List<String> inputs, String sourceName,
      String textField, String output) throws Exception {
    if (stage == StageCatalog.CLEAN && !inputs.isEmpty()) {
      config = Sources.withInputs(config, inputs, sourceName, textField);
    } else if (stage != StageCatalog.CLEAN && inputs.size() != 1) {
      throw new IllegalArgumentException(stage.stageName() + " reads exactly one --input folder");
    }
    stage.validate(config);
    SparkSession spark = stage.needsSpark() ? SparkSessions.create(config) : null;
    try {
      Configuration hadoopConf = spark != null
          ? spark.sparkContext().hadoopConfiguration()
          : new Configuration();
      if (stage == StageCatalog.CLEAN) {
        config = Sources.qualified(config, hadoopConf);
      }
      List<String> qualified = stage == StageCatalog.CLEAN
          ? Sources.paths(config, hadoopConf)
          : committedInputs(inputs, stage, hadoopConf);
      Path outputPath = new Path(output);
      String qualifiedOutput = outputPath.getFileSystem(hadoopConf).makeQualified(outputPath).toString();
      LOG.info("resolved config:\n{}", ResolvedConfigs.render(config));

      StageExecution.Run run =
          StageExecution.run(stage, spark, hadoopConf, config, qualified, qualifiedOutput);
      List<String> warnings = Funnel.emptySources(List.of(run), Sources.names(config));
      warnings.forEach(warning -> LOG.warn("{}", warning));
      String summary = Funnel.render("OpenSeek-J " + stage.stageName() + " -> " + qualifiedOutput,
          List.of(run), warnings);
      return new Result(run, summary);
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  private static List<String> committedInputs(List<String> inputs, StageCatalog stage,
      Configuration hadoopConf) throws java.io.IOException {
    List<String> qualified = new ArrayList<>();
    for (String input : inputs) {
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (!fs.exists(new Path(path, StageRunner.SUCCESS_MARKER))) {
        throw new IllegalArgumentException("--input " + input + " is not a committed stage output"
            + " (no " + StageRunner.SUCCESS_MARKER + " marker); run the stage before "
            + stage.stageName() + " first and pass its --output here");
      }
      qualified.add(fs.makeQualified(path).toString());
    }
    return qualified;
  }
}

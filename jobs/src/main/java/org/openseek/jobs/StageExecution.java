package org.openseek.jobs;

import com.typesafe.config.Config;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.openseek.pipeline.stage.ConfigHash;
import org.openseek.pipeline.stage.Stage;
import org.openseek.pipeline.stage.StageContext;
import org.openseek.pipeline.stage.StageRunner;
import org.openseek.pipeline.stage.StageStats;

/**
 * Runs one catalogued stage under the commit protocol and saves the resolved config as
 * {@code config.conf} inside its output.
 */
final class StageExecution {

  private StageExecution() {}

  /**
   * Result of one stage run.
   *
   * @param stage the stage
   * @param output fully qualified output URI
   * @param stats statistics of the run, or of the committed run it reused
   * @param skipped true when a committed output with the same config hash was reused
   */
  record Run(StageCatalog stage, String output, StageStats stats, boolean skipped) {}

  static Run run(StageCatalog entry, SparkSession spark, Configuration hadoopConf, Config config,
      List<String> inputs, String output) throws Exception {
    Stage stage = new ConfigSavingStage(entry.newStage());
    String hash = ConfigHash.of(config, stage.configSections(), inputs, hadoopConf);
    StageRunner.Result result =
        new StageRunner(hadoopConf).run(stage, spark, config, inputs, output, hash);
    return new Run(entry, output, result.stats(), result.skipped());
  }

  /** Writes {@code config.conf} into the work directory, then runs the wrapped stage. */
  private record ConfigSavingStage(Stage delegate) implements Stage {

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public List<String> configSections() {
      return delegate.configSections();
    }

    @Override
    public boolean resumable() {
      return delegate.resumable();
    }

    @Override
    public StageStats run(StageContext context) throws Exception {
      Configuration hadoopConf = context.spark() != null
          ? context.spark().sparkContext().hadoopConfiguration()
          : new Configuration();
      ResolvedConfigs.write(context.config(), new Path(context.workDir(), "config.conf"), hadoopConf);
      return delegate.run(context);
    }
  }
}

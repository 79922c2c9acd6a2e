package org.openseek.pipeline.stage;

import com.typesafe.config.Config;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * Inputs, config and work directory of one stage run.
 *
 * @param spark the session; stages that need no Spark ignore it
 * @param config the resolved experiment config, whole; a stage reads its own section
 * @param inputs input URIs: raw files or folders for the first stage, committed stage outputs after it
 * @param workDir the temporary output directory (a Hadoop URI) that the stage fills
 */
public record StageContext(SparkSession spark, Config config, List<String> inputs, String workDir) {

  public StageContext {
    inputs = List.copyOf(inputs);
  }
}

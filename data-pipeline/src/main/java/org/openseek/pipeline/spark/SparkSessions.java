package org.openseek.pipeline.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session from the {@code spark} config section.
 *
 * <p>Under spark-submit the master and every {@code --conf} come from the submitter, and the
 * section only fills in what was not set. In the embedded default (local Spark) the driver binds
 * to 127.0.0.1, so nothing listens on an external interface.
 */
public final class SparkSessions {

  private SparkSessions() {}

  public static SparkSession create(Config config) {
    Config spark = config.getConfig("spark");
    SparkConf conf = new SparkConf();
    boolean submitted = conf.contains("spark.master");

    if (!submitted) {
      conf.setMaster(spark.getString("master"));
      conf.set("spark.driver.host", "127.0.0.1");
      conf.set("spark.driver.bindAddress", "127.0.0.1");
    }
    conf.setIfMissing("spark.app.name", spark.getString("app-name"));
    conf.setIfMissing("spark.ui.enabled", Boolean.toString(spark.getBoolean("ui-enabled")));
    conf.setIfMissing("spark.sql.shuffle.partitions",
        Integer.toString(spark.getInt("shuffle-partitions")));
    // Executors build DJL tokenizers too; they must never contact the network.
    conf.setIfMissing("spark.executorEnv.OPT_OUT_TRACKING", "true");
    conf.setIfMissing("spark.executorEnv.DJL_OFFLINE", "true");
    for (Map.Entry<String, ConfigValue> entry : spark.getConfig("conf").entrySet()) {
      // Keys under spark.conf are full Spark keys, e.g. "spark.executor.memory"; HOCON needs them quoted.
      conf.set(entry.getKey().replace("\"", ""), String.valueOf(entry.getValue().unwrapped()));
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}

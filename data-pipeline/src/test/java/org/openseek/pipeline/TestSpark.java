package org.openseek.pipeline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.spark.sql.SparkSession;
import org.openseek.pipeline.spark.SparkSessions;

/** Starts the local Spark session of a test class: local[2], bound to 127.0.0.1, UI off. */
public final class TestSpark {

  private TestSpark() {}

  public static SparkSession start() {
    Config config = ConfigFactory.parseString(
            "spark { master = \"local[2]\", shuffle-partitions = 4, ui-enabled = false }")
        .withFallback(ConfigFactory.defaultReference());
    return SparkSessions.create(config);
  }
}

package org.openseek.trainer;

import com.typesafe.config.ConfigFactory;

/** Settings for small CPU test runs, built the way a user would: HOCON over the defaults. */
final class TestSettings {

  private TestSettings() {}

  /**
   * Returns settings for a 2-layer, width-32 model without warm-up. {@code overrides} is HOCON
   * inside {@code train} and wins over these values.
   */
  static TrainSettings small(String overrides) {
    String base = "model { layers = 2, hidden-size = 32, attention-heads = 4,"
        + " ffn-hidden-size = 64 }\n"
        + "optimizer.warmup-steps = 0\n";
    return TrainSettings.from(ConfigFactory.parseString(base + overrides));
  }
}

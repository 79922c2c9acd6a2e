package org.openseek.trainer;

import ai.djl.engine.Engine;

/** Settings that must be in place before the first DJL call of a training run. */
final class DjlEnvironment {

  private DjlEnvironment() {}

  /**
   * Turns off DJL's telemetry and downloads. Without these properties, DJL 0.36.0 queries the
   * cloud metadata address when the engine starts, and downloads a missing native library.
   */
  static void preventNetworkAccess() {
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.offline", "true");
  }

  /** Starts the engine if needed and seeds its random generator, which initializes the weights. */
  static Engine startEngine(int seed) {
    preventNetworkAccess();
    Engine engine = Engine.getInstance();
    engine.setRandomSeed(seed);
    return engine;
  }
}

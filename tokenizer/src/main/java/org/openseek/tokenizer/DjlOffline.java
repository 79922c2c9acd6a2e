package org.openseek.tokenizer;

/**
 * Keeps DJL off the network in the current JVM.
 *
 * <p>DJL 0.36 contacts the cloud metadata address when an engine starts or a {@code
 * HuggingFaceTokenizer} is built, and downloads models and natives on demand, unless {@code
 * OPT_OUT_TRACKING} is true and offline mode is on. It reads both settings from the environment
 * first and from system properties second. Call {@link #apply()} before the first DJL call in every
 * JVM, driver and executors alike; every factory in this package calls it.
 */
public final class DjlOffline {

  /** Name of DJL's telemetry switch, as an environment variable or a system property. */
  public static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

  /** System property that turns on DJL's offline mode. */
  public static final String OFFLINE_PROPERTY = "ai.djl.offline";

  /** Environment variable that DJL reads before {@link #OFFLINE_PROPERTY}. */
  public static final String OFFLINE_ENVIRONMENT = "DJL_OFFLINE";

  private DjlOffline() {}

  /**
   * Sets the system properties {@code OPT_OUT_TRACKING=true} and {@code ai.djl.offline=true}.
   * Calling it again changes nothing.
   *
   * @throws IllegalStateException if the environment sets {@code OPT_OUT_TRACKING} or {@code
   *     DJL_OFFLINE} to anything but {@code true}, because DJL lets the environment win over system
   *     properties and would then reach the network
   */
  public static synchronized void apply() {
    requireEnvironmentNotFalse(OPT_OUT_TRACKING);
    requireEnvironmentNotFalse(OFFLINE_ENVIRONMENT);
    System.setProperty(OPT_OUT_TRACKING, "true");
    System.setProperty(OFFLINE_PROPERTY, "true");
  }

  private static void requireEnvironmentNotFalse(String name) {
    String value = System.getenv(name);
    if (value != null && !Boolean.parseBoolean(value)) {
      throw new IllegalStateException(
          "Environment variable "
              + name
              + "="
              + value
              + " overrides DJL's offline settings and lets DJL reach the network."
              + " Unset it or set it to true.");
    }
  }
}

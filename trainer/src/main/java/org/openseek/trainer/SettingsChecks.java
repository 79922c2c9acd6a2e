package org.openseek.trainer;

/** Range checks for settings records; each message names the config key and the rejected value. */
final class SettingsChecks {

  private SettingsChecks() {}

  static void atLeast(String key, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
    }
  }

  static void positive(String key, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + " must be a positive finite number, got " + value);
    }
  }

  static void nonNegative(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + " must be a finite number >= 0, got " + value);
    }
  }

  /** Checks {@code 0 <= value < 1}, the valid range of an exponential decay rate. */
  static void decayRate(String key, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1), got " + value);
    }
  }
}

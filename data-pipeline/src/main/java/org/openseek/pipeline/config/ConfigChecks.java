package org.openseek.pipeline.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Set;
import java.util.TreeSet;

/** Reads and validates config values, with errors that name the full key and the fix. */
public final class ConfigChecks {

  private ConfigChecks() {}

  /**
   * Returns the section at {@code path}, with its keys checked against {@code known}.
   *
   * @throws IllegalArgumentException when the section is missing, not an object or has a key
   *     outside {@code known}
   */
  public static Config section(Config config, String path, Set<String> known) {
    Config section;
    try {
      section = config.getConfig(path);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("config section '" + path
          + "' is missing or not an object; load the config with the module's reference.conf", e);
    }
    rejectUnknownKeys(section, path, known);
    return section;
  }

  /**
   * Rejects keys of a section that the reader does not know, so a misspelt key fails at start.
   *
   * @param path the section's path, e.g. {@code clean}
   */
  public static void rejectUnknownKeys(Config section, String path, Set<String> known) {
    Set<String> unknown = new TreeSet<>(section.root().keySet());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown key(s) " + unknown + " in " + path
          + "; known keys are " + new TreeSet<>(known));
    }
  }

  /** Reads an int key and checks that it lies in [min, max]. */
  public static int intInRange(Config section, String path, String key, int min, int max) {
    int value;
    try {
      value = section.getInt(key);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(path + "." + key + " is missing or not an integer: "
          + e.getMessage(), e);
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(path + "." + key + " must be between " + min + " and "
          + max + ", got " + value);
    }
    return value;
  }

  /** Reads a double key and checks that it lies in (minExclusive, max]. */
  public static double doubleAbove(Config section, String path, String key, double minExclusive,
      double max) {
    double value;
    try {
      value = section.getDouble(key);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(path + "." + key + " is missing or not a number: "
          + e.getMessage(), e);
    }
    if (!(value > minExclusive && value <= max)) {
      throw new IllegalArgumentException(path + "." + key + " must be greater than "
          + minExclusive + " and at most " + max + ", got " + value);
    }
    return value;
  }

  /** Reads a string key and checks that it is one of the allowed values. */
  public static String oneOf(Config section, String path, String key, Set<String> allowed) {
    String value;
    try {
      value = section.getString(key);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(path + "." + key + " is missing or not a string: "
          + e.getMessage(), e);
    }
    if (!allowed.contains(value)) {
      throw new IllegalArgumentException(path + "." + key + " must be one of "
          + new TreeSet<>(allowed) + ", got \"" + value + "\"");
    }
    return value;
  }
}

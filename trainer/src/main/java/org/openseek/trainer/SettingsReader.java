package org.openseek.trainer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from one config section that name the full key (such as {@code train.model.layers})
 * in every error, and reject keys the section does not define.
 */
final class SettingsReader {

  private final Config section;
  private final String prefix;

  SettingsReader(Config section, String prefix) {
    this.section = section;
    this.prefix = prefix;
  }

  /**
   * Throws when the section contains a key outside {@code known}, so a typo cannot fall back to
   * a default.
   */
  void rejectUnknownKeys(Set<String> known) {
    for (String key : section.root().keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown config key '" + prefix + "." + key
            + "'. Known keys under '" + prefix + "': " + new TreeSet<>(known));
      }
    }
  }

  SettingsReader child(String key) {
    try {
      return new SettingsReader(section.getConfig(key), prefix + "." + key);
    } catch (ConfigException e) {
      throw invalid(key, e);
    }
  }

  int getInt(String key) {
    try {
      return section.getInt(key);
    } catch (ConfigException e) {
      throw invalid(key, e);
    }
  }

  double getDouble(String key) {
    try {
      return section.getDouble(key);
    } catch (ConfigException e) {
      throw invalid(key, e);
    }
  }

  boolean getBoolean(String key) {
    try {
      return section.getBoolean(key);
    } catch (ConfigException e) {
      throw invalid(key, e);
    }
  }

  private IllegalArgumentException invalid(String key, ConfigException cause) {
    return new IllegalArgumentException(
        "invalid config key '" + prefix + "." + key + "': " + cause.getMessage(), cause);
  }
}

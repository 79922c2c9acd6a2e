package org.openseek.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.Map;

/**
 * Loads an experiment config: {@code -D} overrides, then the experiment file, then the
 * {@code reference.conf} defaults of every module on the class path.
 *
 * <p>{@code openseek.home}, the folder that relative defaults such as the bundled tokenizer hang
 * from, comes from the Java system property of that name (set by {@code bin/openseek}) and
 * otherwise from {@code reference.conf}. No other system property enters the config, so the
 * resolved config that is logged and saved holds only OpenSeek-J keys. Substitutions that the
 * config does not define fall back to environment variables.
 */
public final class ExperimentConfigs {

  /** Key and system property of the installation folder. */
  public static final String HOME_KEY = "openseek.home";

  private ExperimentConfigs() {}

  /**
   * Loads and resolves a config.
   *
   * @param file the experiment file, or null to run on the defaults alone
   * @param overrides {@code key=value} pairs that win over the file; values parse as HOCON
   *     (numbers, lists, objects) and fall back to plain strings
   * @throws IllegalArgumentException naming the file or key when the file is missing, does not
   *     parse, sets an unknown key or leaves a substitution unresolved
   */
  public static Config load(File file, Map<String, String> overrides) {
    Config reference = ConfigFactory.defaultReferenceUnresolved();
    Config user = ConfigFactory.empty();
    if (file != null) {
      if (!file.isFile()) {
        throw new IllegalArgumentException("config file " + file + " does not exist; pass the path"
            + " of a HOCON experiment file such as configs/quickstart.conf");
      }
      try {
        user = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (ConfigException e) {
        throw new IllegalArgumentException("config file " + file + " is not valid HOCON: "
            + e.getMessage(), e);
      }
    }
    if (file != null) {
      UnknownKeys.reject(user, reference, file.toString());
    }
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      Config override = parseOverride(entry.getKey(), entry.getValue());
      UnknownKeys.reject(override, reference, "-D" + entry.getKey());
      user = override.withFallback(user);
    }

    Config merged = user.withFallback(reference);
    String home = System.getProperty(HOME_KEY);
    if (home != null && !user.hasPath(HOME_KEY)) {
      merged = merged.withValue(HOME_KEY, ConfigValueFactory.fromAnyRef(home));
    }
    try {
      return merged.resolve(ConfigResolveOptions.defaults());
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw new IllegalArgumentException("config has an unresolved substitution: " + e.getMessage()
          + "; define the key or run through bin/openseek, which sets -Dopenseek.home", e);
    }
  }

  private static Config parseOverride(String key, String value) {
    try {
      return ConfigFactory.parseString(key + " = " + value);
    } catch (ConfigException e) {
      try {
        return ConfigFactory.empty().withValue(key, ConfigValueFactory.fromAnyRef(value));
      } catch (ConfigException.BadPath badPath) {
        throw new IllegalArgumentException("-D" + key + "=" + value + " is not a valid config key", badPath);
      }
    }
  }
}

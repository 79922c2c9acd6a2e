package org.openseek.jobs.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.TreeSet;

/**
 * Rejects keys that no module's {@code reference.conf} declares, so a typo stops the run at start
 * instead of silently falling back to a default.
 *
 * <p>An object that is empty in the reference (such as {@code spark.conf}) accepts any keys, and
 * so do lists, whose elements each module validates itself.
 */
final class UnknownKeys {

  private UnknownKeys() {}

  static void reject(Config user, Config reference, String origin) {
    check(user.root(), reference.root(), "", origin);
  }

  private static void check(ConfigObject user, ConfigObject reference, String prefix, String origin) {
    for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
      String key = entry.getKey();
      String path = prefix.isEmpty() ? key : prefix + "." + key;
      ConfigValue known = reference.get(key);
      if (known == null) {
        throw new IllegalArgumentException("unknown config key '" + path + "' in " + origin
            + "; known keys" + (prefix.isEmpty() ? "" : " under '" + prefix + "'") + ": "
            + new TreeSet<>(reference.keySet()));
      }
      // instanceof rather than valueType(), which throws on a value with an unresolved
      // substitution such as the default tokenize.tokenizer.
      if (known instanceof ConfigObject knownObject
          && entry.getValue() instanceof ConfigObject userObject
          && !knownObject.isEmpty()) {
        check(userObject, knownObject, path, origin);
      }
    }
  }
}

package org.openseek.pipeline.clean;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openseek.pipeline.config.ConfigChecks;

/**
 * One entry of the top-level {@code sources} list: a named raw input and how to read its records.
 *
 * @param name source name, written to each document's {@code source} column
 * @param path file or folder URI
 * @param textField JSON field that contains the text
 * @param idField JSON field that contains the id. When it is absent, the id is derived from the
 *     source name and the text.
 * @param urlField JSON field that contains the URL, if any
 * @param lang language tag for every document of the source, or "" to guess it per document
 */
public record SourceSpec(String name, String path, String textField, String idField,
    String urlField, String lang) implements Serializable {

  public static final String LIST_KEY = "sources";

  private static final Set<String> KEYS =
      Set.of("name", "path", "text-field", "id-field", "url-field", "lang");

  /**
   * Reads and validates the {@code sources} list. Keys other than {@code name} and {@code path}
   * are optional and default to {@code text-field = "text"}, {@code id-field = "id"},
   * {@code url-field = "url"} and {@code lang = ""}.
   *
   * @throws IllegalArgumentException naming the entry ({@code sources[i].<key>}) when invalid
   */
  public static List<SourceSpec> listFrom(Config config) {
    List<? extends Config> entries;
    try {
      entries = config.getConfigList(LIST_KEY);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(LIST_KEY + " is missing or not a list of objects: "
          + e.getMessage(), e);
    }
    List<SourceSpec> sources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String path = LIST_KEY + "[" + i + "]";
      SourceSpec source = fromEntry(entries.get(i), path);
      if (!names.add(source.name())) {
        throw new IllegalArgumentException(path + ".name \"" + source.name()
            + "\" is used by an earlier source; source names must be unique");
      }
      sources.add(source);
    }
    return sources;
  }

  private static SourceSpec fromEntry(Config entry, String path) {
    ConfigChecks.rejectUnknownKeys(entry, path, KEYS);
    return new SourceSpec(
        required(entry, path, "name"),
        required(entry, path, "path"),
        optional(entry, path, "text-field", "text", false),
        optional(entry, path, "id-field", "id", false),
        optional(entry, path, "url-field", "url", false),
        optional(entry, path, "lang", "", true));
  }

  private static String required(Config entry, String path, String key) {
    if (!entry.hasPath(key)) {
      throw new IllegalArgumentException(path + "." + key + " is missing");
    }
    return optional(entry, path, key, null, false);
  }

  private static String optional(Config entry, String path, String key, String fallback,
      boolean emptyAllowed) {
    if (!entry.hasPath(key)) {
      return fallback;
    }
    String value;
    try {
      value = entry.getString(key);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(path + "." + key + " must be a string: " + e.getMessage(),
          e);
    }
    if (!emptyAllowed && value.isBlank()) {
      throw new IllegalArgumentException(path + "." + key + " must not be empty");
    }
    return value;
  }
}

package org.openseek.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The raw input sources of the clean stage, from the top-level {@code sources} list. */
final class Sources {

  private Sources() {}

  /**
   * Returns the qualified path of every source, in list order.
   *
   * @throws IllegalArgumentException when the list is empty or a path does not exist
   */
  static List<String> paths(Config config, Configuration hadoopConf) throws IOException {
    List<? extends Config> sources;
    try {
      sources = config.getConfigList("sources");
    } catch (ConfigException e) {
      throw new IllegalArgumentException("sources must be a list of objects with name and path: "
          + e.getMessage(), e);
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no input: the config lists no sources; add"
          + " sources = [{name = ..., path = ...}] to the config or pass --input");
    }
    List<String> paths = new ArrayList<>();
    for (Config source : sources) {
      String name = source.hasPath("name") ? source.getString("name") : "?";
      if (!source.hasPath("path")) {
        throw new IllegalArgumentException("source '" + name + "' has no path");
      }
      Path path = new Path(source.getString("path"));
      FileSystem fs = path.getFileSystem(hadoopConf);
      if (!fs.exists(path)) {
        throw new IllegalArgumentException("input of source '" + name + "' not found: " + path);
      }
      paths.add(fs.makeQualified(path).toString());
    }
    return paths;
  }

  /** Returns the configured source names, in list order. */
  static List<String> names(Config config) {
    List<String> names = new ArrayList<>();
    for (Config source : config.getConfigList("sources")) {
      if (source.hasPath("name")) {
        names.add(source.getString("name"));
      }
    }
    return names;
  }

  /**
   * Returns the config with every source path replaced by its fully qualified URI, so the stage
   * inputs, the saved config and the logs name the same files whatever the working directory.
   */
  static Config qualified(Config config, Configuration hadoopConf) throws IOException {
    List<String> paths = paths(config, hadoopConf);
    List<Object> sources = new ArrayList<>();
    List<? extends Config> configured = config.getConfigList("sources");
    for (int i = 0; i < configured.size(); i++) {
      Map<String, Object> source = new LinkedHashMap<>(configured.get(i).root().unwrapped());
      source.put("path", paths.get(i));
      sources.add(source);
    }
    return config.withValue("sources", ConfigValueFactory.fromIterable(sources));
  }

  /**
   * Replaces the configured sources with one source per input path, named after the file
   * (without {@code .jsonl}, {@code .json} and {@code .gz}) unless {@code name} is given.
   *
   * @param textField the JSON field that contains the text, or null for the clean stage's default
   */
  static Config withInputs(Config config, List<String> inputs, String name, String textField) {
    if (name != null && inputs.size() != 1) {
      throw new IllegalArgumentException("--source names one input, but " + inputs.size()
          + " were given; run clean once per source or list sources in the config");
    }
    List<Map<String, Object>> sources = new ArrayList<>();
    for (String input : inputs) {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("name", name != null ? name : baseName(input));
      source.put("path", input);
      if (textField != null) {
        source.put("text-field", textField);
      }
      sources.add(source);
    }
    return config.withValue("sources", ConfigValueFactory.fromIterable(sources));
  }

  static String baseName(String input) {
    String name = new Path(input).getName();
    for (String suffix : List.of(".gz", ".jsonl", ".json")) {
      if (name.endsWith(suffix)) {
        name = name.substring(0, name.length() - suffix.length());
      }
    }
    return name;
  }
}

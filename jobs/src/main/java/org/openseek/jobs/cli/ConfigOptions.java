package org.openseek.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code -Dkey=value} overrides that every command accepts. */
public final class ConfigOptions {

  @Option(names = "-D", paramLabel = "KEY=VALUE",
      description = "Overrides one config key, e.g. -Dtrain.steps=20 or -Dspark.master=local[2]."
          + " The value parses as HOCON (numbers, lists, objects), else as a string. Repeatable."
          + " Every key, its default and its unit are listed in the reference.conf of each module,"
          + " and each run saves its resolved config as config.conf.")
  Map<String, String> overrides = new LinkedHashMap<>();

  public Map<String, String> overrides() {
    return overrides;
  }
}

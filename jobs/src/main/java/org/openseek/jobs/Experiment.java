package org.openseek.jobs;

import com.typesafe.config.Config;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Layout of an experiment directory {@code <experiment.root>/<experiment.name>/}: the resolved
 * {@code config.conf}, {@code logs/} and one folder per stage.
 */
public final class Experiment {

  private final String name;
  private final Path directory;

  private Experiment(String name, Path directory) {
    this.name = name;
    this.directory = directory;
  }

  /** Resolves the experiment directory to a fully qualified URI, so logs and markers show it whole. */
  public static Experiment of(Config config, Configuration hadoopConf) throws java.io.IOException {
    String name = config.getString("experiment.name");
    if (name.isBlank() || name.contains("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("experiment.name '" + name
          + "' must be a plain folder name (no '/', not starting with '.')");
    }
    Path root = new Path(config.getString("experiment.root"));
    FileSystem fs = root.getFileSystem(hadoopConf);
    return new Experiment(name, fs.makeQualified(new Path(root, name)));
  }

  public String name() {
    return name;
  }

  public Path directory() {
    return directory;
  }

  public Path stageDirectory(String stage) {
    return new Path(directory, stage);
  }

  public Path configFile() {
    return new Path(directory, "config.conf");
  }

  public Path logFile() {
    return new Path(new Path(directory, "logs"), "openseek.log");
  }
}

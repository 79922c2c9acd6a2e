package org.openseek.jobs.stages;

import java.net.URI;
import java.nio.file.Path;

/** Conversions for the stages that run in the driver JVM on local files (mix and train). */
final class LocalPaths {

  private LocalPaths() {}

  /**
   * Converts a Hadoop URI or plain path to a local path.
   *
   * @throws IllegalArgumentException for a non-local URI such as hdfs:// or s3a://
   */
  static Path of(String uri) {
    URI parsed = URI.create(uri);
    if (parsed.getScheme() == null) {
      return Path.of(uri).toAbsolutePath();
    }
    if (!"file".equals(parsed.getScheme())) {
      // NOTE: mix and train read shards through java.nio, so they need a local or mounted folder.
      throw new IllegalArgumentException(uri + " is not a local path; the mix and train stages read"
          + " and write local folders only, so copy the data to a local or mounted disk first");
    }
    return Path.of(parsed);
  }
}

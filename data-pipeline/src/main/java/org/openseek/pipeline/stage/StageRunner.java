package org.openseek.pipeline.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Stage} under the commit protocol.
 *
 * <p>The stage writes into a hidden sibling work directory. Once its statistics balance, the
 * runner writes {@code stats.json} and a {@code _SUCCESS} marker holding the config hash into it
 * and renames it to the output path, so a later stage never sees a half-written output. A rerun
 * skips a committed output whose config hash matches and redoes one whose hash differs.
 */
public final class StageRunner {

  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  public static final String SUCCESS_MARKER = "_SUCCESS";
  public static final String STATS_FILE = "stats.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Configuration hadoopConf;

  public StageRunner(Configuration hadoopConf) {
    this.hadoopConf = hadoopConf;
  }

  /**
   * Result of one run.
   *
   * @param stats the statistics, read back from {@code stats.json} when the stage was skipped
   * @param skipped true when a committed output with the same config hash was reused
   */
  public record Result(StageStats stats, boolean skipped) {}

  public Result run(Stage stage, SparkSession spark, Config config, List<String> inputs,
      String outputUri, String configHash) throws Exception {
    Path output = new Path(outputUri);
    FileSystem fs = output.getFileSystem(hadoopConf);
    Path marker = new Path(output, SUCCESS_MARKER);

    if (fs.exists(marker)) {
      StageCommitMarker committed = readMarker(fs, marker);
      if (configHash.equals(committed.configHash())) {
        LOG.info("[{}] skipped: {} is committed with the same config hash {}", stage.name(), output,
            shortHash(configHash));
        return new Result(readStats(fs, new Path(output, STATS_FILE)), true);
      }
      LOG.info("[{}] config changed ({} -> {}); deleting {} and running again", stage.name(),
          shortHash(committed.configHash()), shortHash(configHash), output);
      fs.delete(output, true);
    } else if (fs.exists(output) && fs.listStatus(output).length > 0) {
      throw new IOException("output directory " + output + " exists, is not empty and holds no "
          + SUCCESS_MARKER + " marker of a committed stage; remove it or choose another --output");
    } else if (fs.exists(output)) {
      fs.delete(output, true);
    }

    Path work = new Path(output.getParent(), "." + output.getName() + ".inprogress");
    if (fs.exists(work)) {
      LOG.info("[{}] removing leftover work directory {} of an interrupted run", stage.name(), work);
      fs.delete(work, true);
    }
    fs.mkdirs(work);

    LOG.info("-- [{}] started: inputs {} -> {} --", stage.name(), inputs, output);
    long start = System.nanoTime();
    StageStats stats;
    try {
      stats = stage.run(new StageContext(spark, config, inputs, work.toString()));
      stats.wallSeconds((System.nanoTime() - start) / 1e9);
      stats.checkBalanced();
      writeJson(fs, new Path(work, STATS_FILE), stats);
      writeJson(fs, new Path(work, SUCCESS_MARKER),
          new StageCommitMarker(stage.name(), configHash, Instant.now().toString()));
      fs.mkdirs(output.getParent());
      if (!fs.rename(work, output)) {
        throw new IOException("could not rename " + work + " to " + output);
      }
    } catch (Exception | Error e) {
      fs.delete(work, true);
      throw e;
    }
    LOG.info("-- [{}] committed in {} s: input {}, kept {}, dropped {}, quarantined {} --",
        stage.name(), String.format("%.1f", stats.wallSeconds()), stats.input(), stats.kept(),
        stats.droppedTotal(), stats.quarantinedTotal());
    return new Result(stats, false);
  }

  /** Reads the commit marker of a committed stage output, or returns null when there is none. */
  public static StageCommitMarker readMarkerIfPresent(Configuration conf, String outputUri)
      throws IOException {
    Path marker = new Path(outputUri, SUCCESS_MARKER);
    FileSystem fs = marker.getFileSystem(conf);
    return fs.exists(marker) ? readMarker(fs, marker) : null;
  }

  /** Reads {@code stats.json} of a committed stage output. */
  public static StageStats readStats(Configuration conf, String outputUri) throws IOException {
    Path path = new Path(outputUri, STATS_FILE);
    return readStats(path.getFileSystem(conf), path);
  }

  private static StageCommitMarker readMarker(FileSystem fs, Path marker) throws IOException {
    try (InputStream in = fs.open(marker)) {
      return JSON.readValue(in, StageCommitMarker.class);
    } catch (IOException e) {
      throw new IOException("commit marker " + marker + " is unreadable (" + e.getMessage()
          + "); delete the stage output directory and run again", e);
    }
  }

  private static StageStats readStats(FileSystem fs, Path path) throws IOException {
    try (InputStream in = fs.open(path)) {
      return JSON.readValue(in, StageStats.class);
    }
  }

  static void writeJson(FileSystem fs, Path path, Object value) throws IOException {
    try (OutputStream out = fs.create(path, true)) {
      JSON.writeValue(out, value);
    }
  }

  private static String shortHash(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }
}

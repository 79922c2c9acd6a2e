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
 * runner writes {@code stats.json} and a {@code _SUCCESS} marker with the config hash into it and
 * renames it to the output path, so a later stage never reads a half-written output. A rerun skips
 * a committed output whose config hash matches. One whose hash differs is run again and replaced
 * only when the new run commits. A lock file beside the output keeps two runs apart, and an
 * output that belongs to another stage or overlaps an input is rejected before anything changes.
 */
public final class StageRunner {

  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  public static final String SUCCESS_MARKER = "_SUCCESS";
  public static final String STATS_FILE = "stats.json";
  /** Marker in a work directory that records the config hash of the run filling it. */
  static final String STARTED_MARKER = "_STARTED";
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
    output = fs.makeQualified(output);
    checkNoOverlap(stage, output, inputs);
    checkNotInsideCommittedOutput(stage, fs, output);
    fs.mkdirs(output.getParent());

    try (StageLock lock = StageLock.acquire(fs, siblingOf(output, ".lock"))) {
      Path marker = new Path(output, SUCCESS_MARKER);
      boolean replacing = false;
      if (fs.exists(marker)) {
        StageCommitMarker committed = readMarker(fs, marker);
        if (!stage.name().equals(committed.stage())) {
          throw new IllegalArgumentException("output " + output + " is a committed output of stage '"
              + committed.stage() + "', not '" + stage.name() + "'; choose another --output");
        }
        if (configHash.equals(committed.configHash())) {
          LOG.info("[{}] skipped: {} is committed with the same config hash {}", stage.name(),
              output, shortHash(configHash));
          return new Result(readStats(fs, new Path(output, STATS_FILE)), true);
        }
        LOG.info("[{}] config or inputs changed ({} -> {}); running again, and {} is replaced"
            + " once the new run commits", stage.name(), shortHash(committed.configHash()),
            shortHash(configHash), output);
        replacing = true;
      } else if (fs.exists(output) && fs.listStatus(output).length > 0) {
        throw new IOException("output directory " + output + " exists, is not empty and contains no "
            + SUCCESS_MARKER + " marker of a committed stage; remove it or choose another --output");
      }

      Path work = siblingOf(output, ".inprogress");
      prepareWorkDir(stage, fs, work, configHash);
      LOG.info("-- [{}] started: inputs {} -> {} --", stage.name(), inputs, output);
      long start = System.nanoTime();
      StageStats stats;
      try {
        stats = stage.run(new StageContext(spark, config, inputs, work.toString()));
        stats.wallSeconds((System.nanoTime() - start) / 1e9);
        stats.checkBalanced();
        fs.delete(new Path(work, STARTED_MARKER), false);
        writeJson(fs, new Path(work, STATS_FILE), stats);
        writeJson(fs, new Path(work, SUCCESS_MARKER),
            new StageCommitMarker(stage.name(), configHash, Instant.now().toString()));
        if (replacing) {
          fs.delete(output, true);
        } else if (fs.exists(output)) {
          fs.delete(output, true); // an empty folder; rename would move the work folder into it
        }
        if (!fs.rename(work, output)) {
          throw new IOException("could not rename " + work + " to " + output);
        }
      } catch (Exception | Error e) {
        if (stage.resumable()) {
          LOG.info("[{}] failed; keeping {} so that a rerun with the same config resumes from it",
              stage.name(), work);
        } else {
          fs.delete(work, true);
        }
        throw e;
      }
      LOG.info("-- [{}] committed in {} s: input {}, kept {}, dropped {}, quarantined {} --",
          stage.name(), String.format("%.1f", stats.wallSeconds()), stats.input(), stats.kept(),
          stats.droppedTotal(), stats.quarantinedTotal());
      return new Result(stats, false);
    }
  }

  /**
   * Creates the work directory, or hands a resumable stage the one that an interrupted run with
   * the same config hash left behind.
   */
  private static void prepareWorkDir(Stage stage, FileSystem fs, Path work, String configHash)
      throws IOException {
    Path started = new Path(work, STARTED_MARKER);
    if (fs.exists(work)) {
      StageCommitMarker leftover = fs.exists(started) ? readMarker(fs, started) : null;
      if (stage.resumable() && leftover != null && configHash.equals(leftover.configHash())) {
        LOG.info("[{}] resuming in {}, left by an interrupted run with the same config",
            stage.name(), work);
        return;
      }
      LOG.info("[{}] removing leftover work directory {} of an interrupted run", stage.name(), work);
      fs.delete(work, true);
    }
    fs.mkdirs(work);
    writeJson(fs, started, new StageCommitMarker(stage.name(), configHash, Instant.now().toString()));
  }

  /** Rejects an output that is, contains or lies inside one of the stage's inputs. */
  private void checkNoOverlap(Stage stage, Path output, List<String> inputs) throws IOException {
    String out = output.toString() + "/";
    for (String input : inputs) {
      Path inputPath = new Path(input);
      String in = inputPath.getFileSystem(hadoopConf).makeQualified(inputPath).toString() + "/";
      if (out.startsWith(in) || in.startsWith(out)) {
        throw new IllegalArgumentException(stage.name() + " output " + output
            + " overlaps its input " + input + "; choose an --output outside the input");
      }
    }
  }

  /** Rejects an output inside another stage's committed output, which a rerun of it would delete. */
  private static void checkNotInsideCommittedOutput(Stage stage, FileSystem fs, Path output)
      throws IOException {
    for (Path parent = output.getParent(); parent != null; parent = parent.getParent()) {
      if (fs.exists(new Path(parent, SUCCESS_MARKER))) {
        throw new IllegalArgumentException(stage.name() + " output " + output + " lies inside the"
            + " committed stage output " + parent + "; choose an --output outside it");
      }
    }
  }

  private static Path siblingOf(Path output, String suffix) {
    return new Path(output.getParent(), "." + output.getName() + suffix);
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

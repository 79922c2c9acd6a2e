package org.openseek.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openseek.mixer.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the output directory of a run, which may contain what an earlier run with the same
 * settings left behind when it was stopped.
 *
 * <p>When {@code checkpoints/latest_checkpointed_iteration.txt} exists, the run resumes from the
 * checkpoint it names, after {@link CheckpointCompatibility} accepted it. Iteration directories
 * after that checkpoint are deleted, which a kill between writing a checkpoint and updating the
 * latest file leaves. So are the temporary directories that a kill while writing a checkpoint
 * leaves. {@code metrics.jsonl} is cut back to the checkpoint's iteration.
 *
 * <p>Without that file, the run starts from iteration 1, after deleting temporary checkpoint
 * directories and {@code metrics.jsonl}. An iteration directory without the latest file, any other
 * entry in {@code checkpoints/}, and a {@code metrics.jsonl} that this trainer did not write are
 * rejected rather than deleted, because they may be someone else's data.
 */
final class OutputDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(OutputDirectory.class);

  static final String METRICS_FILE = "metrics.jsonl";
  static final String CHECKPOINTS_DIR = "checkpoints";

  private static final Pattern ITERATION_DIRECTORY = Pattern.compile("iter_(\\d{1,18})");
  private static final Pattern UNFINISHED_CHECKPOINT = Pattern.compile(
      "iter_\\d+\\.tmp-.*|" + Pattern.quote(Checkpoints.LATEST_FILE + ".tmp"));

  /**
   * A checkpoint to continue from.
   *
   * @param checkpointDirectory its {@code iter_NNNNNNN} directory
   * @param meta its {@code meta.json}, checked against the current run
   * @param metrics the lines of {@code metrics.jsonl} for iterations 1 to the checkpoint's
   */
  record ResumePoint(Path checkpointDirectory, CheckpointMeta meta,
      List<IterationMetrics> metrics) {}

  private OutputDirectory() {}

  /**
   * Creates {@code outputDir} if needed and brings it to the state a run continues from.
   *
   * @return the checkpoint to resume from, or empty when the run starts from iteration 1
   * @throws IllegalArgumentException when the checkpoint does not match {@code settings} and
   *     {@code source}, or when the directory contains files that this trainer did not write
   */
  static Optional<ResumePoint> prepare(TrainSettings settings, SampleSource source,
      Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    Path metricsFile = outputDir.resolve(METRICS_FILE);
    Path checkpointsDir = outputDir.resolve(CHECKPOINTS_DIR);
    if (Files.exists(checkpointsDir) && !Files.isDirectory(checkpointsDir)) {
      throw new IllegalArgumentException(checkpointsDir + " exists but is not a directory. Delete"
          + " it or choose another output directory");
    }

    Optional<Path> latest = Files.isDirectory(checkpointsDir)
        ? Checkpoints.latest(checkpointsDir)
        : Optional.empty();
    if (latest.isEmpty()) {
      prepareFreshStart(checkpointsDir, metricsFile);
      return Optional.empty();
    }

    Path checkpointDirectory = latest.get();
    if (!Files.isDirectory(checkpointDirectory)) {
      throw new IllegalArgumentException(checkpointsDir.resolve(Checkpoints.LATEST_FILE)
          + " names " + checkpointDirectory + ", which does not exist. Delete " + outputDir
          + " to train from scratch");
    }
    CheckpointMeta meta = Checkpoints.readMeta(checkpointDirectory);
    CheckpointCompatibility.check(meta, checkpointDirectory, settings, source, outputDir);
    List<IterationMetrics> metrics = MetricsFile.keepThrough(metricsFile, meta.iteration());
    deleteCheckpointsAfter(checkpointsDir, meta.iteration());
    return Optional.of(new ResumePoint(checkpointDirectory, meta, metrics));
  }

  private static void prepareFreshStart(Path checkpointsDir, Path metricsFile)
      throws IOException {
    if (Files.isDirectory(checkpointsDir)) {
      List<Path> unfinished = new ArrayList<>();
      for (Path entry : list(checkpointsDir)) {
        String name = entry.getFileName().toString();
        if (!UNFINISHED_CHECKPOINT.matcher(name).matches()) {
          throw new IllegalArgumentException(checkpointsDir + " contains " + name + " but no "
              + Checkpoints.LATEST_FILE + ", so it contains no checkpoint to resume from. Delete it"
              + " or choose another output directory");
        }
        unfinished.add(entry);
      }
      for (Path entry : unfinished) {
        LOG.info("deleting {}, an unfinished checkpoint of an earlier run", entry);
        deleteRecursively(entry);
      }
    }

    if (Files.exists(metricsFile)) {
      int lines = MetricsFile.read(metricsFile).size();
      LOG.info("deleting {} of an earlier run, which saved no checkpoint after its {} iterations,"
          + " and training from iteration 1", metricsFile, lines);
      Files.delete(metricsFile);
    }
  }

  /**
   * Deletes iteration directories after {@code iteration} and temporary directories of unfinished
   * checkpoints, so that the resumed run can write its checkpoints.
   */
  private static void deleteCheckpointsAfter(Path checkpointsDir, long iteration)
      throws IOException {
    for (Path entry : list(checkpointsDir)) {
      String name = entry.getFileName().toString();
      Matcher matcher = ITERATION_DIRECTORY.matcher(name);
      if (matcher.matches() && Long.parseLong(matcher.group(1)) > iteration) {
        LOG.warn("deleting checkpoint {}, which is newer than the latest checkpoint of iteration"
            + " {} named by {}", entry, iteration, Checkpoints.LATEST_FILE);
        deleteRecursively(entry);
      } else if (UNFINISHED_CHECKPOINT.matcher(name).matches()) {
        LOG.info("deleting {}, an unfinished checkpoint of an earlier run", entry);
        deleteRecursively(entry);
      }
    }
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.sorted().toList();
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.delete(path);
    }
  }
}

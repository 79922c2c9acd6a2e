package org.openseek.trainer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an existing {@code metrics.jsonl} and cuts it back to a checkpoint, for runs that start
 * in an output directory that an earlier run left behind.
 */
final class MetricsFile {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsFile.class);
  private static final ObjectReader READER = Json.MAPPER.readerFor(IterationMetrics.class)
      .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
          DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES,
          DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Start of every line that {@link MetricsWriter} writes: Jackson keeps the record's order. */
  private static final String LINE_START = "{\"iteration\":";

  /** One complete line of the file: the parsed metrics and the text as written. */
  record Line(IterationMetrics metrics, String text) {}

  private MetricsFile() {}

  /**
   * Reads the complete lines of {@code file}. A last line without its newline is left out when it
   * starts like a metrics line, because a run killed while appending leaves such a line.
   *
   * @throws IllegalArgumentException when a complete line is not the metrics of the iteration equal
   *     to its line number, or when the incomplete last line is something else. Either means that
   *     this trainer did not write the file in one run
   */
  static List<Line> read(Path file) throws IOException {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw foreignFileError(file, "it is not UTF-8 text", e);
    }
    String[] parts = content.split("\n", -1);
    // The part after the last newline is empty in a complete file, and partial otherwise.
    int completeLines = parts.length - 1;
    String partial = parts[completeLines];
    if (!partial.isEmpty()) {
      if (!partial.startsWith(LINE_START) && !LINE_START.startsWith(partial)) {
        throw foreignFileError(file, "its last line is neither complete nor the start of an"
            + " iteration's metrics", null);
      }
      LOG.info("ignoring the incomplete last line of {}, left by a run that was stopped while"
          + " writing it", file);
    }

    List<Line> lines = new ArrayList<>(completeLines);
    for (int index = 0; index < completeLines; index++) {
      long expected = index + 1L;
      IterationMetrics metrics;
      try {
        metrics = READER.readValue(parts[index]);
      } catch (JsonProcessingException e) {
        throw foreignFileError(file, "line " + expected + " is not an iteration's metrics", e);
      }
      if (metrics.iteration() != expected) {
        throw foreignFileError(file,
            "line " + expected + " has iteration " + metrics.iteration(), null);
      }
      lines.add(new Line(metrics, parts[index]));
    }
    return lines;
  }

  /**
   * Keeps the lines of iterations 1 to {@code lastIteration} and removes the rest, which belong to
   * iterations after the checkpoint. When there is something to remove, the file is rewritten
   * under a temporary name and renamed over the original, so a kill leaves either version.
   *
   * @return the metrics of iterations 1 to {@code lastIteration}
   * @throws IllegalArgumentException when the file is missing, was not written by this trainer in
   *     one run, or ends before {@code lastIteration}
   */
  static List<IterationMetrics> keepThrough(Path file, long lastIteration) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot resume from the checkpoint of iteration "
          + lastIteration + " because " + file + " is missing. Delete " + file.getParent()
          + " to train from scratch");
    }
    List<Line> lines = read(file);
    if (lines.size() < lastIteration) {
      throw new IllegalArgumentException("cannot resume from the checkpoint of iteration "
          + lastIteration + " because " + file + " ends at iteration " + lines.size()
          + ". Delete " + file.getParent() + " to train from scratch");
    }

    List<Line> keptLines = lines.subList(0, Math.toIntExact(lastIteration));
    long bytesKept = 0;
    for (Line line : keptLines) {
      bytesKept += line.text().getBytes(StandardCharsets.UTF_8).length + 1;
    }
    if (Files.size(file) != bytesKept) {
      rewrite(file, keptLines);
      LOG.info("removed the lines after iteration {} from {}, because the checkpoint of iteration"
          + " {} is the latest", lastIteration, file, lastIteration);
    }

    List<IterationMetrics> metrics = new ArrayList<>(keptLines.size());
    for (Line line : keptLines) {
      metrics.add(line.metrics());
    }
    return metrics;
  }

  private static void rewrite(Path file, List<Line> lines) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
      for (Line line : lines) {
        writer.write(line.text());
        writer.write('\n');
      }
    }
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static IllegalArgumentException foreignFileError(Path file, String reason,
      Exception cause) {
    return new IllegalArgumentException(file + " was not written by this trainer in one run, so"
        + " it cannot be resumed or replaced: " + reason + ". Delete it or choose another output"
        + " directory", cause);
  }
}

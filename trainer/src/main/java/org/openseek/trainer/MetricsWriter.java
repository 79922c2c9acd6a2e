package org.openseek.trainer;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per iteration to {@code metrics.jsonl}, flushing after each line so
 * that the file stays complete up to the last finished iteration if the run dies.
 */
final class MetricsWriter implements Closeable {

  private final BufferedWriter writer;

  MetricsWriter(Path file) throws IOException {
    this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  void append(IterationMetrics metrics) throws IOException {
    writer.write(Json.MAPPER.writeValueAsString(metrics));
    writer.write('\n');
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}

package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {

  @TempDir
  Path outputDir;

  private static String line(long iteration) throws IOException {
    IterationMetrics metrics = new IterationMetrics(iteration, iteration * 4, 1e-3,
        5.0 - iteration * 0.1, 0.5, 12.25, 5000.0);
    return Json.MAPPER.writeValueAsString(metrics) + "\n";
  }

  @Test
  void keepThroughCutsAfterIteration() throws IOException {
    Path file = outputDir.resolve("metrics.jsonl");
    Files.writeString(file, line(1) + line(2) + line(3) + line(4) + "{\"iteration\":5,");

    List<IterationMetrics> keptMetrics = MetricsFile.keepThrough(file, 2);

    assertEquals(line(1) + line(2), Files.readString(file));
    assertEquals(List.of(1L, 2L), keptMetrics.stream().map(IterationMetrics::iteration).toList());
    assertEquals(4.9, keptMetrics.get(0).lmLoss(), 0.0);
    assertFalse(Files.exists(outputDir.resolve("metrics.jsonl.tmp")));
  }

  @Test
  void keepThroughLeavesExactFileAlone() throws IOException {
    Path file = outputDir.resolve("metrics.jsonl");
    Files.writeString(file, line(1) + line(2));
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));

    MetricsFile.keepThrough(file, 2);

    assertEquals(line(1) + line(2), Files.readString(file));
    assertEquals(1_000_000, Files.getLastModifiedTime(file).toMillis(), "file was rewritten");
  }

  @Test
  void lineCutByKillIsIgnored() throws IOException {
    Path file = outputDir.resolve("metrics.jsonl");
    try (MetricsWriter writer = new MetricsWriter(file)) {
      writer.append(new IterationMetrics(1, 4, 1e-3, 4.9, 0.5, 12.25, 5000.0));
      writer.append(new IterationMetrics(2, 8, 1e-3, 4.8, 0.5, 12.25, 5000.0));
    }
    String written = Files.readString(file);
    int secondLineStart = written.indexOf('\n') + 1;

    for (int cut = secondLineStart + 1; cut < written.length(); cut++) {
      Files.writeString(file, written.substring(0, cut));

      List<MetricsFile.Line> lines = MetricsFile.read(file);

      assertEquals(1, lines.size(), "file cut after " + cut + " characters");
    }
  }

  @Test
  void shortFileIsRejected() throws IOException {
    Path file = outputDir.resolve("metrics.jsonl");
    Files.writeString(file, line(1) + line(2));

    String message = assertThrows(IllegalArgumentException.class,
        () -> MetricsFile.keepThrough(file, 3)).getMessage();

    assertTrue(message.contains("ends at iteration 2"), message);
    assertEquals(line(1) + line(2), Files.readString(file));
  }

  @Test
  void missingFileIsRejected() {
    Path file = outputDir.resolve("metrics.jsonl");

    String message = assertThrows(IllegalArgumentException.class,
        () -> MetricsFile.keepThrough(file, 3)).getMessage();

    assertTrue(message.contains(file + " is missing"), message);
  }
}

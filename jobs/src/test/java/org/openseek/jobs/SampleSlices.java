package org.openseek.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Small slices of the bundled sample corpus for tests. */
final class SampleSlices {

  private SampleSlices() {}

  static Path repositoryRoot() {
    return Path.of(System.getProperty("openseek.home", "..")).toAbsolutePath().normalize();
  }

  /** Returns the first {@code count} lines of a bundled {@code data/sample} file. */
  static List<String> firstLines(String sampleFile, int count) throws IOException {
    Path file = repositoryRoot().resolve("data/sample").resolve(sampleFile);
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      while (lines.size() < count && (line = reader.readLine()) != null) {
        lines.add(line);
      }
    }
    return lines;
  }

  static Path writeLines(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String line : lines) {
        writer.write(line);
        writer.write('\n');
      }
    }
    return file;
  }
}

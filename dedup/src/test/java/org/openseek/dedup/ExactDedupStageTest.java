package org.openseek.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openseek.pipeline.clean.CleanStage;
import org.openseek.pipeline.stage.StageRunner;
import org.openseek.pipeline.stage.StageStats;

class ExactDedupStageTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  private static SparkSession spark;
  private static final List<String> DOCUMENTS = new ArrayList<>();
  private static Path singleFileOutput;
  private static Path shuffledOutput;
  private static StageStats singleFileStats;

  @BeforeAll
  static void runOnOneFileAndOnFourShuffledFiles() throws Exception {
    spark = DedupTestSpark.start();
    buildDocuments();

    Path oneFile = writeCommittedInput("one-file", DOCUMENTS, 1, null);
    Path fourFiles = writeCommittedInput("four-files", DOCUMENTS, 4, new Random(11));
    singleFileOutput = tmp.resolve("out-one");
    shuffledOutput = tmp.resolve("out-four");
    // One input partition and one shuffle partition against four of each.
    spark.conf().set("spark.sql.shuffle.partitions", "1");
    singleFileStats = runDedup(oneFile, singleFileOutput, "global");
    spark.conf().set("spark.sql.shuffle.partitions", "4");
    runDedup(fourFiles, shuffledOutput, "global");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  // ---------------------------------------------------------------- fixtures

  private static String doc(String id, String text, String source, Map<String, String> meta)
      throws IOException {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", id);
    row.put("text", text);
    row.put("source", source);
    row.put("lang", "en");
    row.put("quality", Map.of());
    row.put("meta", meta);
    return JSON.writeValueAsString(row);
  }

  private static void buildDocuments() throws IOException {
    // Group a: one text in three spellings of case and whitespace; "a1" is the smallest id.
    DOCUMENTS.add(doc("a3", "The Alpha document, about data cleaning.", "web", Map.of()));
    DOCUMENTS.add(doc("a1", "the alpha   document,\nabout DATA cleaning.  ", "web", Map.of()));
    DOCUMENTS.add(doc("a2", "THE ALPHA DOCUMENT, ABOUT DATA CLEANING.", "web", Map.of()));
    // Group b: ids compare as strings, so "b10" is smaller than "b2".
    for (String id : List.of("b9", "b2", "b10", "b5")) {
      DOCUMENTS.add(doc(id, "Bravo: 一模一样的中文文本。", "web", Map.of()));
    }
    // Group d: equal ids and texts; the row JSON (here the meta map) breaks the tie.
    DOCUMENTS.add(doc("d1", "Delta text", "web", Map.of("k", "2")));
    DOCUMENTS.add(doc("d1", "Delta text", "web", Map.of("k", "1")));
    // Group e: the same text in two sources.
    DOCUMENTS.add(doc("e1", "Echo shared across sources", "forum", Map.of()));
    DOCUMENTS.add(doc("e2", "Echo shared across sources", "web", Map.of()));
    for (int i = 0; i < 25; i++) {
      DOCUMENTS.add(doc(String.format("u%02d", i), "Unique document number " + i, "web", Map.of()));
    }
  }

  /** Writes lines as the kept/ folder of a committed stage output and returns the output. */
  private static Path writeCommittedInput(String name, List<String> lines, int files, Random shuffle)
      throws IOException {
    List<String> ordered = new ArrayList<>(lines);
    if (shuffle != null) {
      Collections.shuffle(ordered, shuffle);
    }
    Path stage = tmp.resolve("inputs").resolve(name);
    Path kept = stage.resolve("kept");
    Files.createDirectories(kept);
    for (int part = 0; part < files; part++) {
      List<String> slice = new ArrayList<>();
      for (int i = part; i < ordered.size(); i += files) {
        slice.add(ordered.get(i));
      }
      Files.write(kept.resolve(String.format("part-%05d.jsonl", part)), slice,
          StandardCharsets.UTF_8);
    }
    Files.writeString(stage.resolve("_SUCCESS"),
        "{\"stage\":\"clean\",\"config_hash\":\"test\",\"committed_at\":\"2026-01-01T00:00:00Z\"}");
    return stage;
  }

  private static StageStats runDedup(Path input, Path output, String scope) throws Exception {
    Config config = ConfigFactory.parseString(
            "dedup { output-files = 3, scope = \"" + scope + "\" }")
        .withFallback(ConfigFactory.defaultReference()).resolve();
    return new StageRunner(new Configuration()).run(new ExactDedupStage(), spark, config,
        List.of(input.toUri().toString()), output.toUri().toString(), "hash").stats();
  }

  static List<JsonNode> readRows(Path folder) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          rows.add(JSON.readTree(line));
        }
      }
    }
    return rows;
  }

  private static List<String> ids(List<JsonNode> rows) {
    return rows.stream().map(row -> row.get("id").asText()).sorted().toList();
  }

  // ---------------------------------------------------------------- determinism

  @Test
  void outputBytesIgnoreInputLayout() throws IOException {
    for (String folder : List.of("kept", "dropped", "quarantine")) {
      for (int part = 0; part < 3; part++) {
        String name = String.format("part-%05d.jsonl", part);
        byte[] expected = Files.readAllBytes(singleFileOutput.resolve(folder).resolve(name));
        byte[] actual = Files.readAllBytes(shuffledOutput.resolve(folder).resolve(name));
        assertArrayEquals(expected, actual, folder + "/" + name);
      }
    }
  }

  @Test
  void rowsAreSortedByIdWithinEachFile() throws IOException {
    try (Stream<Path> files = Files.list(singleFileOutput.resolve("kept"))) {
      for (Path file : files.toList()) {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          ids.add(JSON.readTree(line).get("id").asText());
        }
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertEquals(sorted, ids, file.toString());
      }
    }
  }

  // ---------------------------------------------------------------- accounting

  @Test
  void writtenRowsAddUpToInput() throws IOException {
    long kept = readRows(singleFileOutput.resolve("kept")).size();
    long dropped = readRows(singleFileOutput.resolve("dropped")).size();
    long quarantined = readRows(singleFileOutput.resolve("quarantine")).size();

    assertEquals(DOCUMENTS.size(), singleFileStats.input());
    assertEquals(singleFileStats.kept(), kept);
    assertEquals(singleFileStats.droppedTotal(), dropped);
    assertEquals(singleFileStats.quarantinedTotal(), quarantined);
    assertEquals(DOCUMENTS.size(), kept + dropped + quarantined);
  }

  @Test
  void statsCountGroups() {
    // Groups a (3), b (4), d (2) and e (2): 2 + 3 + 1 + 1 dropped.
    assertEquals(Map.of("exact_duplicate", 7L), singleFileStats.dropped());
    assertEquals(4L, singleFileStats.details().get("duplicate_groups"));
    assertEquals(4L, singleFileStats.details().get("largest_group_size"));
  }

  // ---------------------------------------------------------------- keep rule

  @Test
  void smallestIdIsKept() throws IOException {
    List<String> kept = ids(readRows(singleFileOutput.resolve("kept")));

    assertTrue(kept.contains("a1"));
    assertFalse(kept.contains("a2"));
    assertFalse(kept.contains("a3"));
    assertTrue(kept.contains("b10"));
    assertFalse(kept.contains("b2"));
    assertTrue(kept.contains("e1"));
    assertFalse(kept.contains("e2"));
  }

  @Test
  void droppedRowsPointAtTheKeptCopy() throws IOException {
    Map<String, String> duplicateOf = new HashMap<>();
    for (JsonNode row : readRows(singleFileOutput.resolve("dropped"))) {
      assertEquals("exact_duplicate", row.get("filter_reason").asText());
      duplicateOf.put(row.get("id").asText(), row.get("duplicate_of").asText());
    }

    assertEquals(Map.of("a2", "a1", "a3", "a1", "b2", "b10", "b5", "b10", "b9", "b10",
        "d1", "d1", "e2", "e1"), duplicateOf);
  }

  @Test
  void fullTieKeepsTheSmallerRowJson() throws IOException {
    List<JsonNode> keptDelta = readRows(singleFileOutput.resolve("kept")).stream()
        .filter(row -> row.get("id").asText().equals("d1")).toList();

    assertEquals(1, keptDelta.size());
    assertEquals("1", keptDelta.get(0).get("meta").get("k").asText());
  }

  @Test
  void nearIdenticalTextKeepsItsOwnSpelling() throws IOException {
    JsonNode alpha = readRows(singleFileOutput.resolve("kept")).stream()
        .filter(row -> row.get("id").asText().equals("a1")).findFirst().orElseThrow();

    assertEquals("the alpha   document,\nabout DATA cleaning.  ", alpha.get("text").asText());
  }

  @Test
  void perSourceScopeKeepsCopiesInOtherSources() throws Exception {
    Path input = writeCommittedInput("per-source", DOCUMENTS, 2, new Random(3));

    StageStats stats = runDedup(input, tmp.resolve("out-per-source"), "per-source");

    List<String> kept = ids(readRows(tmp.resolve("out-per-source").resolve("kept")));
    assertTrue(kept.contains("e1"));
    assertTrue(kept.contains("e2"));
    assertEquals(6L, stats.dropped().get("exact_duplicate"));
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void badLinesAreQuarantined() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Map<Long, String> expected = new LinkedHashMap<>();
    addLine(bytes, doc("ok1", "Fine document", "web", Map.of()), null, expected);
    addLine(bytes, "{\"id\": \"m1\", \"text\": \"cut off", "malformed_json", expected);
    addLine(bytes, "[{\"id\": \"m2\"}]", "not_an_object", expected);
    addLine(bytes, "{\"id\": \"m3\", \"source\": \"web\"}", "missing_text", expected);
    addLine(bytes, "{\"text\": \"no id here\", \"source\": \"web\"}", "missing_id", expected);
    addLine(bytes, "{\"id\": \"m5\", \"text\": \"t\", \"quality_bucket\": \"high\"}", "malformed_json",
        expected);
    addLine(bytes, "", "blank_line", expected);
    expected.put((long) bytes.size(), "invalid_utf8");
    bytes.write(new byte[] {'{', (byte) 0xFF, '}', '\n'});
    addLine(bytes, doc("ok2", "Another fine document", "web", Map.of()), null, expected);
    Path stage = writeCommittedInput("bad-lines", List.of(), 1, null);
    Files.write(stage.resolve("kept").resolve("part-00000.jsonl"), bytes.toByteArray());
    Path output = tmp.resolve("out-bad-lines");

    StageStats stats = runDedup(stage, output, "global");

    assertEquals(List.of("ok1", "ok2"), ids(readRows(output.resolve("kept"))));
    Map<Long, String> actual = readRows(output.resolve("quarantine")).stream().collect(
        Collectors.toMap(row -> row.get("offset").asLong(), row -> row.get("reason").asText()));
    assertEquals(expected, actual);
    assertEquals(9, stats.input());
    assertEquals(7, stats.quarantinedTotal());
    assertEquals(bytes.size(), stats.bytesIn());
    for (JsonNode row : readRows(output.resolve("quarantine"))) {
      assertEquals("bad-lines", row.get("source").asText());
      assertTrue(row.get("file").asText().endsWith("bad-lines/kept/part-00000.jsonl"));
      assertFalse(row.get("error").asText().isEmpty());
    }
  }

  private static void addLine(ByteArrayOutputStream bytes, String line, String reason,
      Map<Long, String> expected) {
    if (reason != null) {
      expected.put((long) bytes.size(), reason);
    }
    byte[] encoded = (line + "\n").getBytes(StandardCharsets.UTF_8);
    bytes.write(encoded, 0, encoded.length);
  }

  @Test
  void uncommittedInputIsRejected() throws IOException {
    Path stage = tmp.resolve("inputs").resolve("uncommitted");
    Files.createDirectories(stage.resolve("kept"));
    Files.writeString(stage.resolve("kept").resolve("part-00000.jsonl"), "");

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> runDedup(stage, tmp.resolve("out-uncommitted"), "global"));

    assertTrue(thrown.getMessage().contains("is not a committed stage output"), thrown.getMessage());
  }

  // ---------------------------------------------------------------- real data

  @Test
  void realDuplicatesAreFoundAfterClean() throws Exception {
    Path data = Path.of(System.getProperty("openseek.shared.data"));
    Path demo = data.resolve("web-datajuicer-demos/demos/data/demo-dataset-deduplication.jsonl");
    Path iflytek = data.resolve("zh-fewclue-text/iflytek/test.json");
    Config config = ConfigFactory.parseString(String.join("\n",
            "clean { min-chars = 1, max-chars = 1000000, min-mean-line-chars = 0,",
            "  min-mean-line-chars-cjk = 0, output-files = 2 }",
            "dedup.output-files = 2",
            "sources = [",
            "  { name = demo, path = \"" + demo.toUri() + "\" },",
            "  { name = iflytek, path = \"" + iflytek.toUri() + "\", text-field = sentence } ]"))
        .withFallback(ConfigFactory.defaultReference()).resolve();
    StageRunner runner = new StageRunner(new Configuration());
    Path cleanOut = tmp.resolve("real").resolve("clean");
    Path dedupOut = tmp.resolve("real").resolve("dedup");

    StageStats clean = runner.run(new CleanStage(), spark, config,
        List.of(demo.toUri().toString(), iflytek.toUri().toString()),
        cleanOut.toUri().toString(), "clean-hash").stats();
    StageStats dedup = runner.run(new ExactDedupStage(), spark, config,
        List.of(cleanOut.toUri().toString()), dedupOut.toUri().toString(), "dedup-hash").stats();

    // Counted independently: after NFC, lower-casing and whitespace collapsing, the demo file
    // contains one duplicate pair, and iflytek 35 groups with 37 extra copies, at most 3 per group.
    assertEquals(2614, clean.kept());
    assertEquals(clean.kept(), dedup.input());
    assertEquals(38L, dedup.dropped().get("exact_duplicate"));
    assertEquals(36L, dedup.details().get("duplicate_groups"));
    assertEquals(3L, dedup.details().get("largest_group_size"));
    List<JsonNode> demoDropped = readRows(dedupOut.resolve("dropped")).stream()
        .filter(row -> row.get("source").asText().equals("demo")).toList();
    assertEquals(1, demoDropped.size());
    assertEquals("This paper proposed a novel method on LLM pretraining.",
        demoDropped.get(0).get("text").asText());
  }
}

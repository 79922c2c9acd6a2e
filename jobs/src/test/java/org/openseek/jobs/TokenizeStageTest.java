package org.openseek.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openseek.jobs.config.ExperimentConfigs;
import org.openseek.tokenizer.Manifest;
import org.openseek.tokenizer.ShardDocument;
import org.openseek.tokenizer.ShardReader;

/** The Spark tokenize stage: layout, BOS/EOS wrapping and partition-independent bytes. */
class TokenizeStageTest {

  @TempDir
  Path temp;

  private Path tokenize(Path input, int partitions, String name) throws Exception {
    Config config = ExperimentConfigs.load(null, Map.of(
        "spark.master", "\"local[2]\"",
        "spark.shuffle-partitions", Integer.toString(partitions),
        "clean.output-files", Integer.toString(partitions),
        "clean.min-chars", "20",
        "tokenize.shards-per-source", "3"));
    Path cleaned = temp.resolve(name + "-clean");
    new SingleStageRunner().run(StageCatalog.CLEAN, config, List.of(input.toString()), "mixed",
        null, cleaned.toString());
    Path tokenized = temp.resolve(name + "-tokenize");
    new SingleStageRunner().run(StageCatalog.TOKENIZE, config, List.of(cleaned.toString()), null,
        null, tokenized.toString());
    return tokenized;
  }

  @Test
  void shardsAreIdenticalForOneAndFourPartitions() throws Exception {
    List<String> lines = new ArrayList<>(SampleSlices.firstLines("zh-wiki.jsonl.gz", 40));
    lines.addAll(SampleSlices.firstLines("en-c4.jsonl.gz", 40));
    Path input = SampleSlices.writeLines(temp.resolve("mixed.jsonl"), lines);

    Path one = tokenize(input, 1, "one");
    Path four = tokenize(input, 4, "four");

    List<Path> shards = listShards(one.resolve("mixed"));
    assertEquals(3, shards.size(), "tokenize.shards-per-source shards: " + shards);
    assertEquals(shards.stream().map(p -> p.getFileName().toString()).toList(),
        listShards(four.resolve("mixed")).stream().map(p -> p.getFileName().toString()).toList());
    for (Path shard : shards) {
      assertArrayEquals(Files.readAllBytes(shard),
          Files.readAllBytes(four.resolve("mixed").resolve(shard.getFileName())),
          "shard bytes differ between 1 and 4 partitions: " + shard.getFileName());
    }
    assertArrayEquals(Files.readAllBytes(one.resolve("mixed/manifest.json")),
        Files.readAllBytes(four.resolve("mixed/manifest.json")));
  }

  @Test
  void everyDocumentIsWrappedInBosAndEos() throws Exception {
    Path input = SampleSlices.writeLines(temp.resolve("mixed.jsonl"),
        SampleSlices.firstLines("en-c4.jsonl.gz", 20));
    Path tokenized = tokenize(input, 2, "wrap");
    Manifest manifest = Manifest.read(tokenized.resolve("mixed"));
    long documents = 0;
    for (var shard : manifest.shards()) {
      try (ShardReader reader = ShardReader.open(tokenized.resolve("mixed").resolve(shard.file()))) {
        for (ShardDocument document : reader) {
          int[] tokens = document.tokens();
          assertEquals(151849, tokens[0], "BOS first in " + document.docId());
          assertEquals(151850, tokens[tokens.length - 1], "EOS last in " + document.docId());
          for (int i = 1; i < tokens.length - 1; i++) {
            assertNotEquals(151850, tokens[i], "no EOS inside " + document.docId());
          }
          documents++;
        }
      }
    }
    assertEquals(manifest.documents(), documents);
  }

  private static List<Path> listShards(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".arrow")).sorted().toList();
    }
  }
}

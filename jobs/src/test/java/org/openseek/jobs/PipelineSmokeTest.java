package org.openseek.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openseek.jobs.config.ExperimentConfigs;
import org.openseek.pipeline.stage.StageStats;
import org.openseek.tokenizer.Manifest;
import org.openseek.tokenizer.ShardDocument;
import org.openseek.tokenizer.ShardReader;

/** The whole pipeline, clean to train, on a small slice of the bundled sample. */
class PipelineSmokeTest {

  @TempDir
  Path temp;

  private Path writeConfig() throws IOException {
    List<String> english = new ArrayList<>(SampleSlices.firstLines("en-c4.jsonl.gz", 60));
    english.add(2, "{\"text\": \"a malformed line");
    english.add(english.get(5)); // an exact duplicate
    List<String> chinese = SampleSlices.firstLines("zh-wiki.jsonl.gz", 60);
    Path en = SampleSlices.writeLines(temp.resolve("in/en.jsonl"), english);
    Path zh = SampleSlices.writeLines(temp.resolve("in/zh.jsonl"), chinese);
    String conf = String.join("\n",
        "experiment { name = smoke, root = \"" + temp.resolve("experiments") + "\" }",
        "spark { master = \"local[2]\", shuffle-partitions = 3 }",
        "sources = [",
        "  { name = en, path = \"" + en + "\" }",
        "  { name = zh, path = \"" + zh + "\" }",
        "]",
        "mix { seq-length = 32, datasets = [ { name = en, weight = 0.5 }, { name = zh, weight = 0.5 } ] }",
        "train { steps = 4, micro-batch-size = 2, global-batch-size = 2,",
        "  model { layers = 1, hidden-size = 16, attention-heads = 2, ffn-hidden-size = 32 },",
        "  optimizer { warmup-steps = 1 } }");
    Path file = temp.resolve("smoke.conf");
    Files.writeString(file, conf);
    return file;
  }

  @Test
  void pipelineRunsAndReusesStages() throws Exception {
    Path configFile = writeConfig();
    Config config = ExperimentConfigs.load(configFile.toFile(), Map.of());
    PipelineRunner.Result first = new PipelineRunner().run(config);

    List<StageExecution.Run> runs = first.runs();
    assertEquals(List.of("clean", "dedup", "tokenize", "mix", "train"),
        runs.stream().map(r -> r.stage().stageName()).toList());
    StageStats clean = runs.get(0).stats();
    assertEquals(122, clean.input(), "60 + 60 lines, one malformed line and one duplicate");
    assertEquals(1, clean.quarantinedTotal(), "the malformed line is quarantined");
    StageStats dedup = runs.get(1).stats();
    assertEquals(clean.kept(), dedup.input());
    assertTrue(dedup.dropped().getOrDefault("exact_duplicate", 0L) >= 1, "duplicate found: " + dedup.dropped());
    StageStats tokenize = runs.get(2).stats();
    assertEquals(dedup.kept(), tokenize.kept());

    Path tokenized = Path.of(java.net.URI.create(runs.get(2).output()));
    long shardTokens = 0;
    for (String source : List.of("en", "zh")) {
      Manifest manifest = Manifest.read(tokenized.resolve(source));
      for (var shard : manifest.shards()) {
        try (ShardReader reader = ShardReader.open(tokenized.resolve(source).resolve(shard.file()))) {
          for (ShardDocument document : reader) {
            shardTokens += document.tokens().length;
          }
        }
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Number> tokensPerSource = (Map<String, Number>) tokenize.details().get("tokens_per_source");
    assertEquals(shardTokens, tokensPerSource.values().stream().mapToLong(Number::longValue).sum());

    StageStats train = runs.get(4).stats();
    assertEquals(4, ((Number) train.details().get("steps")).intValue());
    String funnel = PipelineRunner.funnel(first);
    assertTrue(funnel.contains("tokens per source"), funnel);
    assertTrue(funnel.contains("lm loss"), funnel);

    PipelineRunner.Result again = new PipelineRunner().run(config);
    assertTrue(again.runs().stream().allMatch(StageExecution.Run::skipped),
        "a rerun with the same config reuses every committed stage");

    Config changed = ExperimentConfigs.load(configFile.toFile(), Map.of("train.optimizer.lr", "1e-3"));
    PipelineRunner.Result third = new PipelineRunner().run(changed);
    assertEquals(List.of(true, true, true, true, false),
        third.runs().stream().map(StageExecution.Run::skipped).toList(),
        "a train-only change reruns train alone");
  }
}

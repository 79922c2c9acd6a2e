package org.openseek.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading experiment configs: overrides, defaults with substitutions and unknown keys. */
class ExperimentConfigsTest {

  @TempDir
  Path temp;

  @Test
  void tokenizerDefaultCanBeOverridden() throws Exception {
    Path file = temp.resolve("tokenizer.conf");
    Files.writeString(file, "tokenize { tokenizer = \"/data/tok.json\" }\n");

    Config fromFile = ExperimentConfigs.load(file.toFile(), Map.of());
    Config fromOverride = ExperimentConfigs.load(null, Map.of("tokenize.tokenizer", "/x/tok.json"));

    assertEquals("/data/tok.json", fromFile.getString("tokenize.tokenizer"));
    assertEquals("/x/tok.json", fromOverride.getString("tokenize.tokenizer"));
  }

  @Test
  void tokenizerDefaultFollowsHome() {
    Config config = ExperimentConfigs.load(null, Map.of());

    String home = System.getProperty(ExperimentConfigs.HOME_KEY);
    assertEquals(home + "/configs/tokenizers/qwen3/tokenizer.json.gz",
        config.getString("tokenize.tokenizer"));
  }

  @Test
  void unknownOverrideNamesTheOverride() throws Exception {
    Path file = temp.resolve("ok.conf");
    Files.writeString(file, "train { steps = 3 }\n");

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> ExperimentConfigs.load(file.toFile(), Map.of("train.stepz", "4")));

    assertTrue(thrown.getMessage().contains("'train.stepz' in -Dtrain.stepz"), thrown.getMessage());
  }

  @Test
  void overrideWinsOverFile() throws Exception {
    Path file = temp.resolve("steps.conf");
    Files.writeString(file, "train { steps = 3 }\n");

    Config config = ExperimentConfigs.load(file.toFile(), Map.of("train.steps", "7"));

    assertEquals(7, config.getInt("train.steps"));
  }
}

package org.openseek.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizeSettingsTest {

  /** The module's reference.conf, resolved with openseek.home as the launcher would set it. */
  private static Config referenceSection(String openSeekHome) {
    return ConfigFactory.parseMap(Map.of("openseek.home", openSeekHome))
        .withFallback(ConfigFactory.parseResources("reference.conf"))
        .resolve()
        .getConfig(TokenizeSettings.SECTION);
  }

  @Test
  void referenceDefaultsAreOpenSeeks() {
    TokenizeSettings settings = TokenizeSettings.from(referenceSection("/opt/openseek"));
    assertEquals(
        Path.of("/opt/openseek/configs/tokenizers/qwen3/tokenizer.json.gz"), settings.tokenizer());
    assertEquals(151849, settings.bosId());
    assertEquals(151850, settings.eosId());
    assertEquals(151851, settings.vocabSize());
    assertEquals(2, settings.shardsPerSource());
    assertEquals(256, settings.batchDocuments());
  }

  @Test
  void badValueErrorNamesKey() {
    Object[][] cases = {
      {"bos-id", 151851},
      {"bos-id", "first"},
      {"eos-id", -1},
      {"vocab-size", 0},
      {"shards-per-source", 0},
      {"batch-documents", "many"},
      {"tokenizer", ""},
      {"tokenizer", Map.of("path", "x")},
    };
    for (Object[] bad : cases) {
      String key = (String) bad[0];
      Config section =
          ConfigFactory.parseMap(Map.of(key, bad[1]))
              .withFallback(referenceSection("/opt/openseek"));
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> TokenizeSettings.from(section),
              key + " = " + bad[1]);
      assertTrue(
          error.getMessage().startsWith("tokenize." + key + " "),
          key + " = " + bad[1] + " gave: " + error.getMessage());
    }
  }

  @Test
  void missingKeyErrorNamesKey() {
    Config section = referenceSection("/opt/openseek").withoutPath("eos-id");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> TokenizeSettings.from(section));
    assertTrue(error.getMessage().startsWith("tokenize.eos-id "), error.getMessage());
  }

  @Test
  void fileUriAndLoadWork() throws IOException {
    Config section =
        ConfigFactory.parseMap(
                Map.of("tokenizer", TestData.qwen3TokenizerJson().toUri().toString()))
            .withFallback(referenceSection("/opt/openseek"));
    TokenizeSettings settings = TokenizeSettings.from(section);
    assertEquals(TestData.qwen3TokenizerJson(), settings.tokenizer());
    try (DocumentTokenizer tokenizer = settings.loadTokenizer()) {
      assertEquals(151849, tokenizer.encodeDocument("hi")[0]);
    }
  }
}

package org.openseek.pipeline.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanConfigTest {

  private static Config withDefaults(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  private static void assertRejected(String hocon, String expectedFragment) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> CleanConfig.from(withDefaults(hocon)));
    assertTrue(thrown.getMessage().contains(expectedFragment), thrown.getMessage());
  }

  @Test
  void defaultsMatchReferenceConf() {
    CleanConfig config = CleanConfig.from(withDefaults(""));

    assertEquals(new CleanConfig(4, 100, 20000, 10, 10, 0.3), config);
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertRejected("clean.output-files = 0", "clean.output-files");
    assertRejected("clean.min-chars = -1", "clean.min-chars");
    assertRejected("clean.max-chars = 50", "clean.max-chars (50) must not be less than clean.min-chars");
    assertRejected("clean.min-mean-line-chars = -3", "clean.min-mean-line-chars");
    assertRejected("clean.cjk-share = 0", "clean.cjk-share");
    assertRejected("clean.cjk-share = 1.5", "clean.cjk-share");
    assertRejected("clean.min-chars = lots", "clean.min-chars");
  }

  @Test
  void unknownKeyIsRejected() {
    assertRejected("clean.min-char = 5", "unknown key(s) [min-char] in clean");
  }

  @Test
  void sourcesGetDefaults() {
    List<SourceSpec> sources = SourceSpec.listFrom(withDefaults(
        "sources = [{ name = a, path = \"/data/a\" }, { name = b, path = \"/b\", text-field = content, lang = zh }]"));

    assertEquals(new SourceSpec("a", "/data/a", "text", "id", "url", ""), sources.get(0));
    assertEquals(new SourceSpec("b", "/b", "content", "id", "url", "zh"), sources.get(1));
  }

  @Test
  void invalidSourcesNameTheEntry() {
    assertSourcesRejected("sources = [{ path = \"/a\" }]", "sources[0].name is missing");
    assertSourcesRejected("sources = [{ name = a, path = \"/a\" }, { name = a, path = \"/b\" }]",
        "sources[1].name \"a\" is used by an earlier source");
    assertSourcesRejected("sources = [{ name = a, path = \"\" }]", "sources[0].path must not be empty");
    assertSourcesRejected("sources = [{ name = a, path = \"/a\", textfield = x }]",
        "unknown key(s) [textfield] in sources[0]");
  }

  private static void assertSourcesRejected(String hocon, String expectedFragment) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> SourceSpec.listFrom(withDefaults(hocon)));
    assertTrue(thrown.getMessage().contains(expectedFragment), thrown.getMessage());
  }
}

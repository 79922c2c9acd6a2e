package org.openseek.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class DedupConfigTest {

  private static Config withDefaults(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
  }

  private static void assertRejected(String hocon, String expectedFragment) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> DedupConfig.from(withDefaults(hocon)));
    assertTrue(thrown.getMessage().contains(expectedFragment), thrown.getMessage());
  }

  @Test
  void defaultsMatchReferenceConf() {
    assertEquals(new DedupConfig("exact", false, 4), DedupConfig.from(withDefaults("")));
  }

  @Test
  void perSourceScope() {
    assertTrue(DedupConfig.from(withDefaults("dedup.scope = per-source")).perSource());
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertRejected("dedup.method = minhash", "dedup.method must be one of [exact]");
    assertRejected("dedup.scope = everywhere", "dedup.scope must be one of [global, per-source]");
    assertRejected("dedup.output-files = 0", "dedup.output-files");
    assertRejected("dedup.outputfiles = 2", "unknown key(s) [outputfiles] in dedup");
  }
}

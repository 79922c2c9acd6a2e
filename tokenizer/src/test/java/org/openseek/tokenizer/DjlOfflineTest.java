package org.openseek.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DjlOfflineTest {

  @Test
  void applySetsBothPropertiesIdempotently() {
    System.clearProperty(DjlOffline.OPT_OUT_TRACKING);
    System.clearProperty(DjlOffline.OFFLINE_PROPERTY);

    DjlOffline.apply();
    assertEquals("true", System.getProperty(DjlOffline.OPT_OUT_TRACKING));
    assertEquals("true", System.getProperty(DjlOffline.OFFLINE_PROPERTY));

    DjlOffline.apply();
    assertEquals("true", System.getProperty(DjlOffline.OPT_OUT_TRACKING));
    assertEquals("true", System.getProperty(DjlOffline.OFFLINE_PROPERTY));
  }
}

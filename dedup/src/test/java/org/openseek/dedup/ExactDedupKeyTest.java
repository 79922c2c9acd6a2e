package org.openseek.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ExactDedupKeyTest {

  @Test
  void caseAndWhitespaceDoNotMatter() {
    byte[] key = ExactDedupKey.of("Hello World. 你好，世界");

    assertArrayEquals(key, ExactDedupKey.of("  hello\n\n world.\t你好，世界 "));
    assertArrayEquals(key, ExactDedupKey.of("HELLO\u00A0WORLD.\u3000你好，世界"));
  }

  @Test
  void composedAndDecomposedFormsMatch() {
    assertArrayEquals(ExactDedupKey.of("Caf\u00E9"), ExactDedupKey.of("cafe\u0301"));
  }

  @Test
  void differentWordsDiffer() {
    assertFalse(Arrays.equals(ExactDedupKey.of("Today is Sunday"),
        ExactDedupKey.of("Today is Monday")));
    assertFalse(Arrays.equals(ExactDedupKey.of("ab"), ExactDedupKey.of("a b")));
  }

  @Test
  void keyIsSha256() {
    assertEquals(32, ExactDedupKey.of("x").length);
    assertNull(ExactDedupKey.of(null));
  }

  @Test
  void normalizedFormIsVisible() {
    assertEquals("a b c", ExactDedupKey.normalize(" A\r\n b\u2003\u2003C\n"));
  }
}

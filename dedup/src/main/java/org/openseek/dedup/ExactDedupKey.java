package org.openseek.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key of exact dedup: texts with equal keys are duplicates.
 *
 * <p>The key is the SHA-256 of the UTF-8 bytes of the text after Unicode NFC, lower-casing
 * ({@link Locale#ROOT}), replacing each run of Unicode whitespace with one space, and trimming.
 * So texts that differ only in case, line breaks or spacing get the same key.
 */
public final class ExactDedupKey {

  private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private ExactDedupKey() {}

  /** Returns the text in the form that is hashed. */
  public static String normalize(String text) {
    String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
    String lower = composed.toLowerCase(Locale.ROOT);
    return WHITESPACE_RUN.matcher(lower).replaceAll(" ").strip();
  }

  /** Returns the 32-byte SHA-256 key of the text, or null for a null text. */
  public static byte[] of(String text) {
    if (text == null) {
      return null;
    }
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(normalize(text).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}

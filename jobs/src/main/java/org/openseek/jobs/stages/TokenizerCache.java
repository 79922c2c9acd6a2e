package org.openseek.jobs.stages;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openseek.tokenizer.DocumentTokenizer;
import org.openseek.tokenizer.TokenizeSettings;

/**
 * One loaded tokenizer per JVM and settings, shared by the tasks of an executor, because loading
 * the 151k-entry vocabulary takes about a second.
 */
final class TokenizerCache {

  private static final Map<TokenizeSettings, DocumentTokenizer> LOADED = new ConcurrentHashMap<>();

  private TokenizerCache() {}

  static DocumentTokenizer get(TokenizeSettings settings) {
    return LOADED.computeIfAbsent(settings, s -> {
      try {
        return s.loadTokenizer();
      } catch (IOException e) {
        throw new IllegalArgumentException("tokenize.tokenizer " + s.tokenizer()
            + " could not be loaded: " + e.getMessage(), e);
      }
    });
  }
}

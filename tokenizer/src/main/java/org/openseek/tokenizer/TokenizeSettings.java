package org.openseek.tokenizer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Validated values of the {@code tokenize} config section.
 *
 * @param tokenizer local path of the tokenizer.json or tokenizer.json.gz file
 * @param bosId token id written before every document
 * @param eosId token id written after every document
 * @param vocabSize number of token ids including special tokens
 * @param shardsPerSource number of shard files written per source
 * @param batchDocuments documents per tokenizer call
 */
public record TokenizeSettings(
    Path tokenizer, int bosId, int eosId, int vocabSize, int shardsPerSource, int batchDocuments) {

  /** Path of the section in an experiment config. */
  public static final String SECTION = "tokenize";

  /**
   * Reads and validates the section.
   *
   * @param tokenizeSection the resolved {@code tokenize} section, e.g. {@code
   *     config.getConfig("tokenize")}
   * @throws IllegalArgumentException naming the key {@code tokenize.<key>} when a key is missing,
   *     has the wrong type or is out of range
   */
  public static TokenizeSettings from(Config tokenizeSection) {
    Objects.requireNonNull(tokenizeSection, "tokenizeSection");
    Path tokenizer = readPath(tokenizeSection, "tokenizer");
    int vocabSize = readInt(tokenizeSection, "vocab-size", 1, Integer.MAX_VALUE);
    int bosId = readInt(tokenizeSection, "bos-id", 0, vocabSize - 1);
    int eosId = readInt(tokenizeSection, "eos-id", 0, vocabSize - 1);
    int shardsPerSource = readInt(tokenizeSection, "shards-per-source", 1, Integer.MAX_VALUE);
    int batchDocuments = readInt(tokenizeSection, "batch-documents", 1, Integer.MAX_VALUE);
    return new TokenizeSettings(
        tokenizer, bosId, eosId, vocabSize, shardsPerSource, batchDocuments);
  }

  /** Loads the configured tokenizer; see {@link DocumentTokenizer#load}. */
  public DocumentTokenizer loadTokenizer() throws IOException {
    return DocumentTokenizer.load(tokenizer, bosId, eosId, vocabSize);
  }

  private static Path readPath(Config section, String key) {
    String value;
    try {
      value = section.getString(key);
    } catch (ConfigException e) {
      throw invalid(key, "must be the path of a tokenizer.json or tokenizer.json.gz file", e);
    }
    if (value.isBlank()) {
      throw invalid(key, "must be the path of a tokenizer.json or tokenizer.json.gz file", null);
    }
    try {
      return value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, "is not a valid local path: '" + value + "'", e);
    }
  }

  private static int readInt(Config section, String key, int min, int max) {
    int value;
    try {
      value = section.getInt(key);
    } catch (ConfigException e) {
      throw invalid(key, "must be an integer in [" + min + ", " + max + "]", e);
    }
    if (value < min || value > max) {
      throw invalid(key, "must be in [" + min + ", " + max + "], got " + value, null);
    }
    return value;
  }

  private static IllegalArgumentException invalid(String key, String problem, Exception cause) {
    String detail = cause == null ? "" : " (" + cause.getMessage() + ")";
    return new IllegalArgumentException(SECTION + "." + key + " " + problem + detail, cause);
  }
}

package org.openseek.tokenizer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Tokenizer facts that every shard file carries in its Arrow schema metadata, so a reader can tell
 * which vocabulary its token ids belong to.
 *
 * @param tokenizerName tokenizer name, e.g. {@code tokenizer.json+openseek-specials} for a
 *     tokenizer.json loaded with OpenSeek's special-token table
 * @param tokenizerSha256 lowercase hex sha256 of the original uncompressed tokenizer file
 * @param vocabSize number of ids including special tokens; every token is below it
 * @param bosId id that starts every document
 * @param eosId id that ends every document
 */
public record ShardMetadata(
    String tokenizerName, String tokenizerSha256, int vocabSize, int bosId, int eosId) {

  /** Schema metadata key of the shard layout version. */
  public static final String FORMAT_KEY = "openseek.shard_format";

  /** Layout version this code writes and reads. */
  public static final String FORMAT_VERSION = "1";

  public static final String TOKENIZER_KEY = "openseek.tokenizer";
  public static final String TOKENIZER_SHA256_KEY = "openseek.tokenizer_sha256";
  public static final String VOCAB_SIZE_KEY = "openseek.vocab_size";
  public static final String BOS_ID_KEY = "openseek.bos_id";
  public static final String EOS_ID_KEY = "openseek.eos_id";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates every field.
   *
   * @throws IllegalArgumentException naming the invalid field and its value
   */
  public ShardMetadata {
    Objects.requireNonNull(tokenizerName, "tokenizerName");
    Objects.requireNonNull(tokenizerSha256, "tokenizerSha256");
    if (tokenizerName.isBlank()) {
      throw new IllegalArgumentException("Tokenizer name must not be blank");
    }
    if (!SHA256_HEX.matcher(tokenizerSha256).matches()) {
      throw new IllegalArgumentException(
          "Tokenizer sha256 must be 64 lowercase hex digits, got '" + tokenizerSha256 + "'");
    }
    if (vocabSize <= 0) {
      throw new IllegalArgumentException("Vocabulary size must be positive, got " + vocabSize);
    }
    if (bosId < 0 || bosId >= vocabSize) {
      throw new IllegalArgumentException(
          "BOS id " + bosId + " is outside the vocabulary [0, " + vocabSize + ")");
    }
    if (eosId < 0 || eosId >= vocabSize) {
      throw new IllegalArgumentException(
          "EOS id " + eosId + " is outside the vocabulary [0, " + vocabSize + ")");
    }
  }

  /** Returns the schema metadata entries, format version first, in a fixed insertion order. */
  public Map<String, String> toSchemaMetadata() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put(FORMAT_KEY, FORMAT_VERSION);
    entries.put(TOKENIZER_KEY, tokenizerName);
    entries.put(TOKENIZER_SHA256_KEY, tokenizerSha256);
    entries.put(VOCAB_SIZE_KEY, Integer.toString(vocabSize));
    entries.put(BOS_ID_KEY, Integer.toString(bosId));
    entries.put(EOS_ID_KEY, Integer.toString(eosId));
    return entries;
  }

  /**
   * Parses the entries written by {@link #toSchemaMetadata()}; other keys are ignored.
   *
   * @throws IllegalArgumentException if the format version is not {@value #FORMAT_VERSION} or a key
   *     is missing or invalid
   */
  public static ShardMetadata fromSchemaMetadata(Map<String, String> entries) {
    String format = entries.get(FORMAT_KEY);
    if (!FORMAT_VERSION.equals(format)) {
      throw new IllegalArgumentException(
          "Schema metadata "
              + FORMAT_KEY
              + " is "
              + (format == null ? "missing" : "'" + format + "'")
              + ", expected '"
              + FORMAT_VERSION
              + "'");
    }
    return new ShardMetadata(
        required(entries, TOKENIZER_KEY),
        required(entries, TOKENIZER_SHA256_KEY),
        requiredInt(entries, VOCAB_SIZE_KEY),
        requiredInt(entries, BOS_ID_KEY),
        requiredInt(entries, EOS_ID_KEY));
  }

  private static String required(Map<String, String> entries, String key) {
    String value = entries.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Schema metadata key " + key + " is missing");
    }
    return value;
  }

  private static int requiredInt(Map<String, String> entries, String key) {
    String value = required(entries, key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Schema metadata key " + key + " must be an integer, got '" + value + "'", e);
    }
  }
}

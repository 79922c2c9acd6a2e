package org.openseek.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenSeek's special-token table, and the rewrite that puts it into a Hugging Face tokenizer.json
 * in place of the file's own {@code added_tokens}.
 *
 * <p>OpenSeek's Qwen tiktoken tokenizer has 208 special tokens after its 151,643 BPE ranks: {@code
 * <|endoftext|>} 151643, {@code <|im_start|>} 151644, {@code <|im_end|>} 151645 and {@code
 * <|extra_0|>} to {@code <|extra_204|>} as 151646 to 151850. The Qwen3 tokenizer.json shares the
 * BPE ranks but lists 26 other added tokens at 151643 to 151668, such as {@code <think>} at
 * 151667.
 */
final class OpenSeekSpecialTokens {

  private static final Logger LOG = LoggerFactory.getLogger(OpenSeekSpecialTokens.class);

  /** Suffix of {@link DocumentTokenizer#name()} for a tokenizer.json rewritten by this class. */
  static final String NAME_SUFFIX = "+openseek-specials";

  /** Id of {@code <|endoftext|>}, the first special token, right after the last BPE rank. */
  static final int FIRST_ID = 151643;

  /** Number of {@code <|extra_N|>} tokens, N from 0 to 204. */
  static final int EXTRA_COUNT = 205;

  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenSeekSpecialTokens() {}

  /** Returns the 208 special tokens in id order, so the token at index i has id FIRST_ID + i. */
  static List<String> contents() {
    List<String> contents = new ArrayList<>(3 + EXTRA_COUNT);
    contents.add("<|endoftext|>");
    contents.add("<|im_start|>");
    contents.add("<|im_end|>");
    for (int i = 0; i < EXTRA_COUNT; i++) {
      contents.add("<|extra_" + i + "|>");
    }
    return contents;
  }

  /**
   * Rewrites a tokenizer.json so that its {@code added_tokens} are exactly OpenSeek's special
   * tokens. Each entry is special and not normalized, so the tokenizer matches it in raw text, as
   * tiktoken does with {@code allowed_special="all"}. A {@code post_processor} or {@code padding}
   * that names a dropped added token is set to null. {@link DocumentTokenizer} encodes without
   * special tokens or padding, so neither section changes its ids.
   *
   * @param json bytes of the original tokenizer.json
   * @param source path of the configured file, for error messages
   * @return the rewritten tokenizer.json as UTF-8; the same input always gives the same bytes
   * @throws IllegalArgumentException if the bytes are not a tokenizer.json object, or if its BPE
   *     vocabulary uses an id from FIRST_ID upwards
   */
  static byte[] rewrite(byte[] json, Path source) {
    ObjectNode root = parse(json, source);
    requireBpeIdsBelowSpecials(root, source);

    List<String> contents = contents();
    Set<String> dropped = new HashSet<>();
    for (JsonNode token : root.path("added_tokens")) {
      String content = token.path("content").asText();
      int index = contents.indexOf(content);
      if (index < 0 || token.path("id").asInt(-1) != FIRST_ID + index) {
        dropped.add(content);
      }
    }

    root.set("added_tokens", specialTokenArray());
    clearIfReferencing(root, "post_processor", dropped, source);
    clearIfReferencing(root, "padding", dropped, source);

    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Failed to serialize the rewritten tokenizer.json", e);
    }
  }

  private static ObjectNode parse(byte[] json, Path source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      IllegalArgumentException error =
          invalidFile(source, "it is not valid JSON (" + e.getOriginalMessage() + ")");
      error.initCause(e);
      throw error;
    } catch (IOException e) {
      throw new IllegalStateException("Failed to read tokenizer.json bytes held in memory", e);
    }
    if (root == null || !root.isObject()) {
      throw invalidFile(source, "its top level is not a JSON object");
    }
    if (root.has("added_tokens") && !root.get("added_tokens").isArray()) {
      throw invalidFile(source, "its added_tokens field is not an array");
    }
    return (ObjectNode) root;
  }

  /** Rejects a file whose BPE ids would collide with the special ids written here. */
  private static void requireBpeIdsBelowSpecials(ObjectNode root, Path source) {
    JsonNode vocab = root.path("model").path("vocab");
    Iterator<Map.Entry<String, JsonNode>> entries = vocab.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      int id = entry.getValue().asInt(-1);
      if (id >= FIRST_ID) {
        throw invalidFile(
            source,
            "its vocabulary token '"
                + entry.getKey()
                + "' has id "
                + id
                + ", which collides with OpenSeek's special ids from "
                + FIRST_ID);
      }
    }
  }

  private static ArrayNode specialTokenArray() {
    ArrayNode tokens = JSON.createArrayNode();
    List<String> contents = contents();
    for (int i = 0; i < contents.size(); i++) {
      ObjectNode token = tokens.addObject();
      token.put("id", FIRST_ID + i);
      token.put("content", contents.get(i));
      token.put("single_word", false);
      token.put("lstrip", false);
      token.put("rstrip", false);
      token.put("normalized", false);
      token.put("special", true);
    }
    return tokens;
  }

  private static void clearIfReferencing(
      ObjectNode root, String field, Set<String> dropped, Path source) {
    JsonNode section = root.get(field);
    if (section != null && !section.isNull() && containsAnyText(section, dropped)) {
      root.putNull(field);
      LOG.info(
          "Removed the {} section of tokenizer {} because it names added tokens that OpenSeek's"
              + " special-token table replaces",
          field,
          source);
    }
  }

  private static boolean containsAnyText(JsonNode node, Set<String> texts) {
    if (node.isTextual()) {
      return texts.contains(node.asText());
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (texts.contains(field.getKey()) || containsAnyText(field.getValue(), texts)) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode element : node) {
      if (containsAnyText(element, texts)) {
        return true;
      }
    }
    return false;
  }

  private static IllegalArgumentException invalidFile(Path source, String reason) {
    return new IllegalArgumentException(
        "Failed to load tokenizer "
            + source.toAbsolutePath()
            + " as a Hugging Face tokenizer.json: "
            + reason
            + ". Set tokenize.tokenizer to a valid tokenizer.json.");
  }
}

package org.openseek.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenSeekSpecialTokensTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path source;
  private static byte[] original;

  @BeforeAll
  static void readQwen3() throws IOException {
    source = TestData.qwen3TokenizerJson();
    original = Files.readAllBytes(source);
  }

  @Test
  void rewriteListsOpenSeekSpecials() throws IOException {
    JsonNode rewritten = JSON.readTree(OpenSeekSpecialTokens.rewrite(original, source));
    JsonNode added = rewritten.get("added_tokens");
    assertEquals(208, added.size());

    for (int i = 0; i < added.size(); i++) {
      JsonNode token = added.get(i);
      assertEquals(151643 + i, token.get("id").asInt(), "id of entry " + i);
      assertTrue(token.get("special").asBoolean(), "entry " + i + " is special");
      assertFalse(token.get("normalized").asBoolean(), "entry " + i + " is not normalized");
      assertFalse(token.get("lstrip").asBoolean());
      assertFalse(token.get("rstrip").asBoolean());
      assertFalse(token.get("single_word").asBoolean());
    }
    assertEquals("<|endoftext|>", added.get(0).get("content").asText());
    assertEquals("<|im_start|>", added.get(1).get("content").asText());
    assertEquals("<|im_end|>", added.get(2).get("content").asText());
    assertEquals("<|extra_0|>", added.get(3).get("content").asText());
    assertEquals("<|extra_203|>", added.get(206).get("content").asText());
    assertEquals("<|extra_204|>", added.get(207).get("content").asText());
  }

  @Test
  void rewriteKeepsOtherSections() throws IOException {
    JsonNode before = JSON.readTree(original);
    JsonNode after = JSON.readTree(OpenSeekSpecialTokens.rewrite(original, source));

    List<String> fields = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> entries = before.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      fields.add(entry.getKey());
      if (!entry.getKey().equals("added_tokens")) {
        assertEquals(entry.getValue(), after.get(entry.getKey()), entry.getKey() + " unchanged");
      }
    }
    List<String> fieldsAfter = new ArrayList<>();
    after.fieldNames().forEachRemaining(fieldsAfter::add);
    assertEquals(fields, fieldsAfter, "same top-level fields in the same order");
    assertEquals("ByteLevel", after.get("post_processor").get("type").asText());
  }

  @Test
  void rewriteIsDeterministic() {
    assertArrayEquals(
        OpenSeekSpecialTokens.rewrite(original, source),
        OpenSeekSpecialTokens.rewrite(original, source));
  }

  @Test
  void sectionsNamingDroppedTokensCleared() throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(original);
    ObjectNode template = JSON.createObjectNode();
    template.put("type", "TemplateProcessing");
    template.putArray("single").addObject().putObject("SpecialToken").put("id", "<think>");
    ObjectNode think = template.putObject("special_tokens").putObject("<think>");
    think.put("id", "<think>");
    think.putArray("ids").add(151667);
    think.putArray("tokens").add("<think>");
    json.set("post_processor", template);
    ObjectNode padding = JSON.createObjectNode();
    padding.put("pad_token", "</think>");
    padding.put("pad_id", 151668);
    json.set("padding", padding);

    JsonNode rewritten =
        JSON.readTree(OpenSeekSpecialTokens.rewrite(JSON.writeValueAsBytes(json), source));
    assertTrue(rewritten.get("post_processor").isNull(), "post_processor names <think>");
    assertTrue(rewritten.get("padding").isNull(), "padding names </think>");
  }

  @Test
  void sectionsNamingKeptTokensStay() throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(original);
    ObjectNode padding = JSON.createObjectNode();
    padding.put("pad_token", "<|endoftext|>");
    padding.put("pad_id", 151643);
    json.set("padding", padding);

    JsonNode rewritten =
        JSON.readTree(OpenSeekSpecialTokens.rewrite(JSON.writeValueAsBytes(json), source));
    assertEquals(padding, rewritten.get("padding"));
  }

  @Test
  void vocabularyIdCollisionRejected() throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(original);
    ((ObjectNode) json.get("model").get("vocab")).put("collider", 151700);
    byte[] bytes = JSON.writeValueAsBytes(json);

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> OpenSeekSpecialTokens.rewrite(bytes, source));
    assertTrue(error.getMessage().contains("collider"), error.getMessage());
    assertTrue(error.getMessage().contains("tokenize.tokenizer"), error.getMessage());
  }

  @Test
  void nonObjectJsonRejected() {
    for (String text : List.of("[]", "42", "{\"added_tokens\": {}}")) {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class,
              () -> OpenSeekSpecialTokens.rewrite(text.getBytes(), source),
              text);
      assertTrue(error.getMessage().contains(source.toString()), error.getMessage());
    }
  }
}

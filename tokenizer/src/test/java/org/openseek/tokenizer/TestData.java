package org.openseek.tokenizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real third-party files that tests read from the folder named by {@code openseek.shared.data}. */
final class TestData {

  /** OpenSeek's BOS {@code <|extra_203|>}. */
  static final int BOS = 151849;

  /** OpenSeek's EOS {@code <|extra_204|>}. */
  static final int EOS = 151850;

  static final int VOCAB_SIZE = 151851;

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestData() {}

  static Path sharedData() {
    String folder = System.getProperty("openseek.shared.data");
    assertTrue(folder != null, "system property openseek.shared.data is not set");
    Path path = Path.of(folder);
    assertTrue(Files.isDirectory(path), "openseek.shared.data is not a folder: " + path);
    return path;
  }

  /** The Qwen3 tokenizer.json, whose 151,643 BPE ids equal OpenSeek's tiktoken ranks. */
  static Path qwen3TokenizerJson() {
    return sharedData().resolve("tokenizer-qwen3-hf-json/tokenizer.json");
  }

  /** OpenSeek's own vocabulary: one {@code <base64 token bytes> <rank>} line per token. */
  static Path openSeekTiktoken() {
    return sharedData()
        .resolve("tokenizer-openseek-qwen-tiktoken/hf_openseek/tokenizer/qwen.tiktoken");
  }

  /** Real English web documents from C4. */
  static List<String> englishDocuments(int limit) throws IOException {
    return jsonLines(
        sharedData().resolve("web-llamafactory-c4-wiki-demo/data/c4_demo.jsonl"), "text", limit);
  }

  /** Real Chinese question-and-answer documents from Zhihu, as sampled by BAAI FlagData. */
  static List<String> chineseDocuments(int limit) throws IOException {
    return jsonLines(
        sharedData().resolve("web-flagdata-zh-samples/flagdata/cleaner/input/qa_demo_input.jsonl"),
        "content",
        limit);
  }

  static DocumentTokenizer loadQwen3() throws IOException {
    return DocumentTokenizer.load(qwen3TokenizerJson(), BOS, EOS, VOCAB_SIZE);
  }

  private static List<String> jsonLines(Path file, String field, int limit) throws IOException {
    List<String> texts = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file)) {
      for (String line = reader.readLine();
          line != null && texts.size() < limit;
          line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode text = JSON.readTree(line).get(field);
        if (text != null && text.isTextual()) {
          texts.add(text.asText());
        }
      }
    }
    return texts;
  }
}

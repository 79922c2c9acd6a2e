package org.openseek.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentTokenizerTest {

  private static DocumentTokenizer tokenizer;
  private static TiktokenReference openSeek;
  private static List<String> english;
  private static List<String> chinese;

  @BeforeAll
  static void loadTokenizers() throws IOException {
    tokenizer = TestData.loadQwen3();
    openSeek = TiktokenReference.load(TestData.openSeekTiktoken());
    english = TestData.englishDocuments(300);
    chinese = TestData.chineseDocuments(300);
  }

  @AfterAll
  static void closeTokenizer() {
    tokenizer.close();
  }

  @Test
  void documentsStartWithBosAndEndWithEos() {
    List<String> texts = new ArrayList<>(english);
    texts.addAll(chinese);
    for (String text : texts) {
      int[] ids = tokenizer.encodeDocument(text);
      assertTrue(ids.length > 2, "a non-empty document has tokens between BOS and EOS");
      assertEquals(TestData.BOS, ids[0]);
      assertEquals(TestData.EOS, ids[ids.length - 1]);
      for (int i = 1; i < ids.length - 1; i++) {
        assertNotEquals(TestData.BOS, ids[i], "BOS inside the document at " + i);
        assertNotEquals(TestData.EOS, ids[i], "EOS inside the document at " + i);
      }
    }
  }

  @Test
  void knownStringsGiveOpenSeekIds() {
    String englishText = "The quick brown fox jumps over the lazy dog. It's 2024!";
    String chineseText = "北京智源人工智能研究院发布了OpenSeek，一个开源的大模型项目。";
    // U+3000, U+00A0 and U+2003 match only a Unicode-aware \s, as in the reference encoder; an
    // ASCII-only \s would split this text differently.
    String unicodeSpaces = "全角\u3000\u3000空格 and\u00a0\u00a0\u00a0no-break  spaces\u2003end";
    for (String text : List.of(englishText, chineseText, unicodeSpaces)) {
      int[] document = tokenizer.encodeDocument(text);
      int[] ids = Arrays.copyOfRange(document, 1, document.length - 1);

      assertArrayEquals(openSeek.encode(text), ids, "ids of: " + text);
      assertArrayEquals(
          text.getBytes(StandardCharsets.UTF_8),
          openSeek.decode(ids, 0, ids.length),
          "qwen.tiktoken bytes of the ids spell the text: " + text);
    }
  }

  @Test
  void realDocumentsGiveOpenSeekIds() {
    List<String> texts = new ArrayList<>(english);
    texts.addAll(chinese);
    int notNfc = 0;
    for (String text : texts) {
      int[] document = tokenizer.encodeDocument(text);
      int[] ids = Arrays.copyOfRange(document, 1, document.length - 1);
      // The Qwen3 tokenizer.json NFC-normalizes its input and OpenSeek's tiktoken does not, so the
      // two agree on NFC text, which is what the cleaning stage produces.
      String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
      if (!nfc.equals(text)) {
        notNfc++;
      }
      assertArrayEquals(openSeek.encode(nfc), ids, () -> "ids differ for document: " + text);
      assertArrayEquals(nfc.getBytes(StandardCharsets.UTF_8), openSeek.decode(ids, 0, ids.length));
    }
    assertTrue(notNfc < texts.size(), "most real documents are already NFC");
  }

  @Test
  void batchEqualsSingle() {
    List<String> texts = new ArrayList<>(english.subList(0, 100));
    texts.addAll(chinese.subList(0, 100));
    texts.add("");
    List<int[]> batch = tokenizer.encodeDocuments(texts);
    assertEquals(texts.size(), batch.size());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(tokenizer.encodeDocument(texts.get(i)), batch.get(i), "document " + i);
    }
    assertTrue(tokenizer.encodeDocuments(List.of()).isEmpty());
  }

  @Test
  void emptyStringGivesBosEos() {
    assertArrayEquals(new int[] {TestData.BOS, TestData.EOS}, tokenizer.encodeDocument(""));
  }

  @Test
  void concurrentEncodingMatchesSequential() throws Exception {
    List<String> texts = new ArrayList<>(english.subList(0, 40));
    texts.addAll(chinese.subList(0, 40));
    List<int[]> expected = new ArrayList<>();
    for (String text : texts) {
      expected.add(tokenizer.encodeDocument(text));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<int[]>>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        boolean batch = thread % 2 == 0;
        results.add(
            pool.submit(
                () -> {
                  if (batch) {
                    return tokenizer.encodeDocuments(texts);
                  }
                  List<int[]> single = new ArrayList<>();
                  for (String text : texts) {
                    single.add(tokenizer.encodeDocument(text));
                  }
                  return single;
                }));
      }
      for (Future<List<int[]>> result : results) {
        List<int[]> actual = result.get();
        for (int i = 0; i < texts.size(); i++) {
          assertArrayEquals(expected.get(i), actual.get(i), "document " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reportsNameShaAndIds() throws IOException {
    assertEquals("tokenizer.json+openseek-specials", tokenizer.name());
    assertEquals(
        TokenizerFile.sha256Hex(Files.readAllBytes(TestData.qwen3TokenizerJson())),
        tokenizer.sha256());
    assertEquals(TestData.VOCAB_SIZE, tokenizer.vocabSize());
    assertEquals(TestData.BOS, tokenizer.bosId());
    assertEquals(TestData.EOS, tokenizer.eosId());
    assertEquals(
        new ShardMetadata(
            "tokenizer.json+openseek-specials",
            tokenizer.sha256(), TestData.VOCAB_SIZE, TestData.BOS, TestData.EOS),
        tokenizer.shardMetadata());
  }

  @Test
  void gzippedFileLoadsThroughCache(@TempDir Path folder) throws IOException {
    Path gz = folder.resolve("tokenizer.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      Files.copy(TestData.qwen3TokenizerJson(), out);
    }
    Path cacheRoot = folder.resolve("tmp");
    Files.createDirectories(cacheRoot);
    String savedTmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", cacheRoot.toString());
    try {
      String text = english.get(0) + "\n" + chinese.get(0);
      try (DocumentTokenizer fromGz =
          DocumentTokenizer.load(gz, TestData.BOS, TestData.EOS, TestData.VOCAB_SIZE)) {
        assertEquals("tokenizer.json+openseek-specials", fromGz.name());
        assertEquals(tokenizer.sha256(), fromGz.sha256());
        assertArrayEquals(tokenizer.encodeDocument(text), fromGz.encodeDocument(text));
      }

      byte[] original = Files.readAllBytes(TestData.qwen3TokenizerJson());
      byte[] rewritten = OpenSeekSpecialTokens.rewrite(original, gz);
      Path cached =
          cacheRoot
              .resolve(TokenizerFile.CACHE_FOLDER)
              .resolve(tokenizer.sha256() + TokenizerFile.CACHED_SUFFIX);
      assertArrayEquals(rewritten, Files.readAllBytes(cached), "cache holds the rewritten file");
      assertFalse(Arrays.equals(original, rewritten), "the rewrite changes the file");
      try (var entries = Files.list(cached.getParent())) {
        assertEquals(1, entries.count(), "no temporary file left beside the cached copy");
      }

      // A damaged cached copy is detected by its content and rewritten.
      Files.writeString(cached, "{}");
      try (DocumentTokenizer again =
          DocumentTokenizer.load(gz, TestData.BOS, TestData.EOS, TestData.VOCAB_SIZE)) {
        assertArrayEquals(tokenizer.encodeDocument(text), again.encodeDocument(text));
      }
      assertArrayEquals(rewritten, Files.readAllBytes(cached));
    } finally {
      System.setProperty("java.io.tmpdir", savedTmpdir);
    }
  }

  @Test
  void invalidGzipNamesFileAndKey(@TempDir Path folder) throws IOException {
    Path notGzip = folder.resolve("tokenizer.json.gz");
    Files.writeString(notGzip, "{\"not\": \"gzip\"}");
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> DocumentTokenizer.load(notGzip, TestData.BOS, TestData.EOS, TestData.VOCAB_SIZE));
    assertTrue(error.getMessage().contains(notGzip.toString()), error.getMessage());
    assertTrue(error.getMessage().contains("tokenize.tokenizer"), error.getMessage());
  }

  @Test
  void malformedJsonNamesFileAndKey(@TempDir Path folder) throws IOException {
    Path malformed = folder.resolve("tokenizer.json");
    Files.writeString(malformed, "{\"model\": {\"type\": \"BPE\"");
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DocumentTokenizer.load(malformed, TestData.BOS, TestData.EOS, TestData.VOCAB_SIZE));
    assertTrue(error.getMessage().contains(malformed.toString()), error.getMessage());
    assertTrue(error.getMessage().contains("tokenize.tokenizer"), error.getMessage());
  }

  @Test
  void missingFileNamesPathAndKey(@TempDir Path folder) {
    Path missing = folder.resolve("no-such-tokenizer.json");
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> DocumentTokenizer.load(missing, TestData.BOS, TestData.EOS, TestData.VOCAB_SIZE));
    assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    assertTrue(error.getMessage().contains("tokenize.tokenizer"), error.getMessage());
  }

  @Test
  void specialIdsOutsideVocabularyRejected() {
    Path json = TestData.qwen3TokenizerJson();
    IllegalArgumentException bos =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                DocumentTokenizer.load(
                    json, TestData.VOCAB_SIZE, TestData.EOS, TestData.VOCAB_SIZE));
    assertTrue(bos.getMessage().contains("tokenize.bos-id"), bos.getMessage());
    IllegalArgumentException eos =
        assertThrows(
            IllegalArgumentException.class,
            () -> DocumentTokenizer.load(json, TestData.BOS, -1, TestData.VOCAB_SIZE));
    assertTrue(eos.getMessage().contains("tokenize.eos-id"), eos.getMessage());
    IllegalArgumentException vocab =
        assertThrows(IllegalArgumentException.class, () -> DocumentTokenizer.load(json, 0, 1, 0));
    assertTrue(vocab.getMessage().contains("tokenize.vocab-size"), vocab.getMessage());
  }

  @Test
  void idBeyondVocabularySizeFailsEncode() throws IOException {
    try (DocumentTokenizer small =
        DocumentTokenizer.load(TestData.qwen3TokenizerJson(), 0, 1, 1000)) {
      IllegalStateException error =
          assertThrows(IllegalStateException.class, () -> small.encodeDocument("tokenization"));
      assertTrue(error.getMessage().contains("tokenize.vocab-size"), error.getMessage());
      assertThrows(
          IllegalStateException.class, () -> small.encodeDocuments(List.of("tokenization")));
    }
  }

  @Test
  void closedTokenizerRejectsEncode() throws IOException {
    DocumentTokenizer closing = TestData.loadQwen3();
    closing.close();
    closing.close();
    assertThrows(IllegalStateException.class, () -> closing.encodeDocument("text"));
    assertThrows(IllegalStateException.class, () -> closing.encodeDocuments(List.of("text")));
  }

  @Test
  void qwen3OnlyAddedTokensGiveBpeIds() throws IOException {
    List<String> qwen3Only = new ArrayList<>();
    JsonNode json = new ObjectMapper().readTree(TestData.qwen3TokenizerJson().toFile());
    for (JsonNode token : json.get("added_tokens")) {
      String content = token.get("content").asText();
      if (!OpenSeekSpecialTokens.contents().contains(content)) {
        qwen3Only.add(content);
      }
    }
    assertEquals(23, qwen3Only.size(), "Qwen3 adds 23 tokens beyond OpenSeek's first three");
    assertTrue(qwen3Only.contains("<think>"));

    for (String content : qwen3Only) {
      int[] document = tokenizer.encodeDocument(content);
      int[] ids = Arrays.copyOfRange(document, 1, document.length - 1);
      assertArrayEquals(openSeek.encode(content), ids, "ids of: " + content);
      assertTrue(ids.length > 1, content + " is spelled with several BPE tokens");
    }

    String text = "Answer: <think>\nfirst</think> then <tool_call>{}</tool_call>";
    int[] document = tokenizer.encodeDocument(text);
    assertArrayEquals(openSeek.encode(text), Arrays.copyOfRange(document, 1, document.length - 1));
  }

  @Test
  void openSeekSpecialsInTextGiveSpecialIds() {
    // Matches OpenSeek's tiktoken tokenizer with allowed_special="all": a special token's literal
    // text becomes its id, and the text around it is encoded on its own.
    List<String> specials = OpenSeekSpecialTokens.contents();
    assertEquals(208, specials.size());
    for (int i = 0; i < specials.size(); i++) {
      String special = specials.get(i);
      int[] document = tokenizer.encodeDocument("x" + special + " y");
      int[] ids = Arrays.copyOfRange(document, 1, document.length - 1);
      int[] expected = concat(openSeek.encode("x"), new int[] {151643 + i}, openSeek.encode(" y"));
      assertArrayEquals(expected, ids, "ids of: " + special);
    }

    assertArrayEquals(
        new int[] {TestData.BOS, 151643, TestData.EOS}, tokenizer.encodeDocument("<|endoftext|>"));
    assertArrayEquals(
        new int[] {TestData.BOS, TestData.BOS, TestData.EOS},
        tokenizer.encodeDocument("<|extra_203|>"),
        "<|extra_203|> in text is OpenSeek's BOS id");
    assertArrayEquals(
        new int[] {TestData.BOS, 151850, 151850, TestData.EOS},
        tokenizer.encodeDocument("<|extra_204|><|extra_204|>"));
  }

  @Test
  void nearSpecialTextGivesBpeIds() {
    // Only exact special-token text is matched, so these strings are ordinary text.
    for (String text : List.of("<|extra_205|>", "<|extra_-1|>", "<|EXTRA_0|>", "<|endoftext|")) {
      int[] document = tokenizer.encodeDocument(text);
      int[] ids = Arrays.copyOfRange(document, 1, document.length - 1);
      assertArrayEquals(openSeek.encode(text), ids, "ids of: " + text);
    }
  }

  private static int[] concat(int[]... parts) {
    int length = 0;
    for (int[] part : parts) {
      length += part.length;
    }
    int[] joined = new int[length];
    int offset = 0;
    for (int[] part : parts) {
      System.arraycopy(part, 0, joined, offset, part.length);
      offset += part.length;
    }
    return joined;
  }
}

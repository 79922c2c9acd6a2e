package org.openseek.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real documents tokenized once with the Qwen3 tokenizer, shared by the shard tests. */
final class ShardFixtures {

  private static List<ShardDocument> documents;
  private static ShardMetadata metadata;

  private ShardFixtures() {}

  /** 120 English C4 documents (source "c4") followed by 120 Chinese Zhihu documents ("zhihu"). */
  static synchronized List<ShardDocument> documents() throws IOException {
    if (documents == null) {
      load();
    }
    return documents;
  }

  static synchronized ShardMetadata metadata() throws IOException {
    if (metadata == null) {
      load();
    }
    return metadata;
  }

  /** Writes documents to a shard file and returns the writer's summary. */
  static ShardSummary write(Path file, List<ShardDocument> documents, int batchDocuments)
      throws IOException {
    try (ShardWriter writer = ShardWriter.create(file, metadata(), batchDocuments)) {
      for (ShardDocument document : documents) {
        writer.write(document.docId(), document.source(), document.tokens());
      }
      return writer.finish();
    }
  }

  static long tokenCount(List<ShardDocument> documents) {
    return documents.stream().mapToLong(document -> document.tokens().length).sum();
  }

  private static void load() throws IOException {
    List<String> english = TestData.englishDocuments(120);
    List<String> chinese = TestData.chineseDocuments(120);
    List<ShardDocument> loaded = new ArrayList<>();
    try (DocumentTokenizer tokenizer = TestData.loadQwen3()) {
      List<int[]> englishTokens = tokenizer.encodeDocuments(english);
      for (int i = 0; i < english.size(); i++) {
        loaded.add(new ShardDocument("c4-" + i, "c4", englishTokens.get(i)));
      }
      List<int[]> chineseTokens = tokenizer.encodeDocuments(chinese);
      for (int i = 0; i < chinese.size(); i++) {
        loaded.add(new ShardDocument("知乎-" + i, "zhihu", chineseTokens.get(i)));
      }
      metadata = tokenizer.shardMetadata();
    }
    documents = List.copyOf(loaded);
  }
}

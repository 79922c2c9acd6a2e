package org.openseek.mixer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openseek.tokenizer.Manifest;
import org.openseek.tokenizer.ManifestShard;
import org.openseek.tokenizer.ShardMetadata;
import org.openseek.tokenizer.ShardWriter;

/** Writes tokenized dataset folders (Arrow shards and manifest) of fabricated documents. */
final class ShardFixtures {

  static final int VOCAB_SIZE = 1000;
  static final int BOS = 1;
  static final int EOS = 2;
  static final ShardMetadata METADATA =
      new ShardMetadata("tokenizer.json", "ab".repeat(32), VOCAB_SIZE, BOS, EOS);

  private ShardFixtures() {}

  /**
   * Returns {@code count} documents of BOS, 0 to {@code maxBody} random ids in [3, vocab) and EOS.
   */
  static List<int[]> randomDocuments(int count, int maxBody, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<int[]> documents = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      int[] doc = new int[random.nextInt(maxBody + 1) + 2];
      doc[0] = BOS;
      for (int t = 1; t < doc.length - 1; t++) {
        doc[t] = random.nextInt(3, VOCAB_SIZE);
      }
      doc[doc.length - 1] = EOS;
      documents.add(doc);
    }
    return documents;
  }

  /** Writes the documents into {@code shards} shard files in order, plus the manifest. */
  static Path writeDataset(Path dir, String name, List<int[]> documents, int shards,
      ShardMetadata metadata) throws IOException {
    Files.createDirectories(dir);
    List<ManifestShard> entries = new ArrayList<>();
    int perShard = (documents.size() + shards - 1) / Math.max(shards, 1);
    for (int s = 0; s < shards; s++) {
      String file = "part-" + s + ".arrow";
      try (ShardWriter writer = ShardWriter.create(dir.resolve(file), metadata, 16)) {
        int end = Math.min(documents.size(), (s + 1) * perShard);
        for (int d = s * perShard; d < end; d++) {
          writer.write(name + "-" + d, name, documents.get(d));
        }
        entries.add(ManifestShard.of(file, writer.finish()));
      }
    }
    Manifest.of(name, metadata, entries).write(dir);
    return dir;
  }

  static Path writeDataset(Path dir, String name, List<int[]> documents) throws IOException {
    return writeDataset(dir, name, documents, 2, METADATA);
  }
}

package org.openseek.mixer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openseek.tokenizer.Manifest;
import org.openseek.tokenizer.ManifestShard;

class ShardTokenDatasetTest {

  @TempDir
  Path temp;

  @Test
  void loadsShardsInManifestOrder() throws IOException {
    List<int[]> documents = ShardFixtures.randomDocuments(50, 30, 1);
    Path dir = ShardFixtures.writeDataset(temp.resolve("web"), "web", documents, 3,
        ShardFixtures.METADATA);

    ShardTokenDataset dataset = ShardTokenDataset.load(dir);

    assertEquals("web", dataset.name());
    assertEquals(dir.toAbsolutePath(), dataset.directory());
    assertEquals(ShardFixtures.METADATA, dataset.metadata());
    assertEquals(50, dataset.documentCount());
    assertEquals(documents.stream().mapToLong(d -> d.length).sum(), dataset.tokenCount());
    for (int d = 0; d < documents.size(); d++) {
      assertArrayEquals(documents.get(d), dataset.document(d), "document " + d);
    }
  }

  @Test
  void nameOverridesManifestName() throws IOException {
    Path dir = ShardFixtures.writeDataset(temp.resolve("web"), "web",
        ShardFixtures.randomDocuments(5, 10, 1));

    assertEquals("english-web", ShardTokenDataset.load("english-web", dir).name());
  }

  @Test
  void countMismatchNamesShard() throws IOException {
    Path dir = ShardFixtures.writeDataset(temp.resolve("web"), "web",
        ShardFixtures.randomDocuments(20, 10, 1), 2, ShardFixtures.METADATA);
    Manifest manifest = Manifest.read(dir);
    ManifestShard first = manifest.shards().get(0);
    ManifestShard inflated = new ManifestShard(first.file(), first.documents() + 1,
        first.tokens(), first.bytes(), first.sha256());
    Manifest.of("web", manifest.shardMetadata(), List.of(inflated, manifest.shards().get(1)))
        .write(dir);

    String message = assertThrows(IllegalArgumentException.class,
        () -> ShardTokenDataset.load(dir)).getMessage();
    assertTrue(message.contains("part-0.arrow"), message);
  }

  @Test
  void missingManifestRejected() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("nothing"));

    String message = assertThrows(IllegalArgumentException.class,
        () -> ShardTokenDataset.load(dir)).getMessage();
    assertTrue(message.contains("manifest.json"), message);
  }
}

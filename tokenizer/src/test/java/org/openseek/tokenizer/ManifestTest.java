package org.openseek.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataset;

  private Manifest written;

  /** Writes two shards (English, then Chinese) in a subfolder and the manifest that lists them. */
  @BeforeEach
  void writeDataset() throws IOException {
    List<ShardDocument> documents = ShardFixtures.documents();
    int half = documents.size() / 2;
    Files.createDirectories(dataset.resolve("shards"));
    List<ManifestShard> shards = new ArrayList<>();
    for (int part = 0; part < 2; part++) {
      String file = "shards/part-0000" + part + ".arrow";
      List<ShardDocument> slice = documents.subList(part * half, (part + 1) * half);
      shards.add(ManifestShard.of(file, ShardFixtures.write(dataset.resolve(file), slice, 50)));
    }
    written = Manifest.of("cci4-sample", ShardFixtures.metadata(), shards);
    written.write(dataset);
  }

  @Test
  void manifestRoundTrips() throws IOException {
    Manifest read = Manifest.read(dataset);
    assertEquals(written, read);
    assertEquals(ShardFixtures.documents().size(), read.documents());
    assertEquals(ShardFixtures.tokenCount(ShardFixtures.documents()), read.tokens());
    assertEquals(ShardFixtures.metadata(), read.shardMetadata());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    read.write(out);
    String json = out.toString(StandardCharsets.UTF_8);
    assertEquals(Files.readString(dataset.resolve(Manifest.FILE_NAME)), json);
    assertTrue(json.contains("\"tokenizer_sha256\""), json);
    assertTrue(json.contains("\"vocab_size\" : 151851"), json);
    assertTrue(json.endsWith("}\n"), "the file ends with a newline");
    try (var entries = Files.list(dataset)) {
      assertEquals(2, entries.count(), "only manifest.json and shards/ remain, no temporary file");
    }
  }

  @Test
  void verifyAcceptsIntactDataset() throws IOException {
    assertEquals(written, Manifest.verify(dataset));
  }

  @Test
  void verifyCatchesTamperedTokenCount() throws IOException {
    ObjectNode json = readManifestJson();
    ObjectNode shard = (ObjectNode) json.get("shards").get(1);
    long actualTokens = shard.get("tokens").asLong();
    shard.put("tokens", actualTokens + 5);
    json.put("tokens", json.get("tokens").asLong() + 5);
    writeManifestJson(json);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Manifest.verify(dataset));
    assertTrue(
        error
            .getMessage()
            .contains(
                "shards/part-00001.arrow: tokens expected "
                    + (actualTokens + 5)
                    + ", actual "
                    + actualTokens),
        error.getMessage());
  }

  @Test
  void verifyCatchesTamperedChecksumAndCounts() throws IOException {
    ObjectNode json = readManifestJson();
    ObjectNode shard = (ObjectNode) json.get("shards").get(0);
    String realSha = shard.get("sha256").asText();
    shard.put("sha256", "0".repeat(64));
    shard.put("documents", shard.get("documents").asLong() - 1);
    json.put("documents", json.get("documents").asLong() - 1);
    writeManifestJson(json);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Manifest.verify(dataset));
    String message = error.getMessage();
    assertTrue(
        message.contains("shards/part-00000.arrow: sha256 expected " + "0".repeat(64)), message);
    assertTrue(message.contains("actual " + realSha), message);
    assertTrue(
        message.contains("shards/part-00000.arrow: documents expected 119, actual 120"), message);
  }

  @Test
  void verifyCatchesChangedShardFile() throws IOException {
    Path shard = dataset.resolve("shards/part-00001.arrow");
    byte[] bytes = Files.readAllBytes(shard);
    Files.write(shard, java.util.Arrays.copyOf(bytes, bytes.length - 100));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Manifest.verify(dataset));
    String message = error.getMessage();
    assertTrue(
        message.contains("shards/part-00001.arrow: bytes expected " + bytes.length), message);
    assertTrue(message.contains("shards/part-00001.arrow: unreadable"), message);

    Files.delete(shard);
    IllegalArgumentException missing =
        assertThrows(IllegalArgumentException.class, () -> Manifest.verify(dataset));
    assertTrue(
        missing.getMessage().contains("part-00001.arrow: file not found"), missing.getMessage());
  }

  @Test
  void verifyCatchesOtherTokenizer() throws IOException {
    ObjectNode json = readManifestJson();
    json.put("tokenizer_sha256", "a".repeat(64));
    writeManifestJson(json);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Manifest.verify(dataset));
    assertTrue(
        error.getMessage().contains("part-00000.arrow: metadata expected"), error.getMessage());
    assertTrue(
        error.getMessage().contains("part-00001.arrow: metadata expected"), error.getMessage());
  }

  @Test
  void inconsistentTotalsRejected() throws IOException {
    ObjectNode json = readManifestJson();
    json.put("tokens", json.get("tokens").asLong() + 1);
    writeManifestJson(json);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Manifest.read(dataset));
    assertTrue(error.getMessage().contains(Manifest.FILE_NAME), error.getMessage());
    assertTrue(error.getMessage().contains("shards add up to"), error.getMessage());
  }

  @Test
  void missingFieldRejected() throws IOException {
    ObjectNode json = readManifestJson();
    json.remove("eos_id");
    writeManifestJson(json);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Manifest.read(dataset));
    assertTrue(error.getMessage().contains("eos_id"), error.getMessage());
  }

  @Test
  void shardPathOutsideDatasetRejected() throws IOException {
    for (String path : List.of("../elsewhere.arrow", "/abs/part.arrow", "shards//part.arrow", "")) {
      ObjectNode json = readManifestJson();
      ((ObjectNode) json.get("shards").get(0)).put("file", path);
      writeManifestJson(json);
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> Manifest.read(dataset), path);
      assertTrue(error.getMessage().contains("Shard path"), error.getMessage());
    }
  }

  @Test
  void duplicateShardRejected() throws IOException {
    ObjectNode json = readManifestJson();
    ArrayNode shards = (ArrayNode) json.get("shards");
    ((ObjectNode) shards.get(1)).put("file", shards.get(0).get("file").asText());
    writeManifestJson(json);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Manifest.read(dataset));
    assertTrue(error.getMessage().contains("twice"), error.getMessage());
  }

  @Test
  void missingManifestNamesPath(@TempDir Path empty) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Manifest.read(empty));
    assertTrue(error.getMessage().contains(empty.resolve(Manifest.FILE_NAME).toString()));
  }

  @Test
  void readFromStreamMatchesWritten() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    written.write(out);
    assertEquals(written, Manifest.read(new ByteArrayInputStream(out.toByteArray())));
  }

  private ObjectNode readManifestJson() throws IOException {
    return (ObjectNode) JSON.readTree(dataset.resolve(Manifest.FILE_NAME).toFile());
  }

  private void writeManifestJson(ObjectNode json) throws IOException {
    JSON.writeValue(dataset.resolve(Manifest.FILE_NAME).toFile(), json);
  }
}

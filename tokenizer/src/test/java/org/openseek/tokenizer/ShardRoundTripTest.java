package org.openseek.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardRoundTripTest {

  @TempDir Path folder;

  @Test
  void realDocumentsReadBackUnchanged() throws IOException {
    List<ShardDocument> documents = ShardFixtures.documents();
    Path file = folder.resolve("part-00000.arrow");
    ShardSummary summary = ShardFixtures.write(file, documents, 64);

    assertEquals(documents.size(), summary.documents());
    assertEquals(ShardFixtures.tokenCount(documents), summary.tokens());
    assertEquals(Files.size(file), summary.bytes());
    assertEquals(TokenizerFile.sha256Hex(Files.readAllBytes(file)), summary.sha256());

    try (ShardReader reader = ShardReader.open(file)) {
      assertEquals(ShardFixtures.metadata(), reader.metadata());
      assertEquals(documents.size(), reader.documentCount());
      List<ShardDocument> read = new ArrayList<>();
      reader.forEach(read::add);
      assertEquals(documents.size(), read.size());
      for (int i = 0; i < documents.size(); i++) {
        assertEquals(documents.get(i).docId(), read.get(i).docId());
        assertEquals(documents.get(i).source(), read.get(i).source());
        assertArrayEquals(documents.get(i).tokens(), read.get(i).tokens(), "document " + i);
      }
      assertEquals(summary.tokens(), ShardFixtures.tokenCount(read));
    }
  }

  @Test
  void identicalInputGivesIdenticalBytes() throws IOException {
    List<ShardDocument> documents = ShardFixtures.documents();
    Path first = folder.resolve("first.arrow");
    Path second = folder.resolve("second.arrow");
    ShardSummary firstSummary = ShardFixtures.write(first, documents, 64);
    ShardSummary secondSummary = ShardFixtures.write(second, documents, 64);

    assertEquals(-1, Files.mismatch(first, second));
    assertEquals(firstSummary, secondSummary);

    ByteArrayOutputStream memory = new ByteArrayOutputStream();
    WritableByteChannel channel = Channels.newChannel(memory);
    ShardSummary channelSummary;
    try (ShardWriter writer = ShardWriter.create(channel, ShardFixtures.metadata(), 64)) {
      for (ShardDocument document : documents) {
        writer.write(document.docId(), document.source(), document.tokens());
      }
      channelSummary = writer.finish();
    }
    assertTrue(channel.isOpen(), "the writer leaves a caller's channel open");
    assertArrayEquals(Files.readAllBytes(first), memory.toByteArray());
    assertEquals(firstSummary, channelSummary);
  }

  @Test
  void batchSizeChangesBytesButNotDocuments() throws IOException {
    List<ShardDocument> documents = ShardFixtures.documents();
    Path small = folder.resolve("small-batches.arrow");
    Path large = folder.resolve("large-batches.arrow");
    ShardFixtures.write(small, documents, 7);
    ShardFixtures.write(large, documents, ShardWriter.DEFAULT_BATCH_DOCUMENTS);

    assertNotEquals(-1, Files.mismatch(small, large));
    try (ShardReader smallReader = ShardReader.open(small);
        ShardReader largeReader = ShardReader.open(large)) {
      Iterator<ShardDocument> expected = largeReader.iterator();
      for (ShardDocument document : smallReader) {
        assertEquals(expected.next(), document);
      }
      assertFalse(expected.hasNext());
      assertEquals(documents.size(), smallReader.documentCount());
    }
  }

  @Test
  void metadataRoundTrip() throws IOException {
    ShardMetadata metadata = ShardFixtures.metadata();
    Map<String, String> entries = metadata.toSchemaMetadata();
    assertEquals(
        List.of(
            ShardMetadata.FORMAT_KEY,
            ShardMetadata.TOKENIZER_KEY,
            ShardMetadata.TOKENIZER_SHA256_KEY,
            ShardMetadata.VOCAB_SIZE_KEY,
            ShardMetadata.BOS_ID_KEY,
            ShardMetadata.EOS_ID_KEY),
        List.copyOf(entries.keySet()));
    assertEquals("151849", entries.get(ShardMetadata.BOS_ID_KEY));
    assertEquals(metadata, ShardMetadata.fromSchemaMetadata(entries));

    Path file = folder.resolve("empty.arrow");
    ShardSummary summary = ShardFixtures.write(file, List.of(), 64);
    assertEquals(0, summary.documents());
    try (ShardReader reader = ShardReader.open(file)) {
      assertEquals(metadata, reader.metadata());
      assertEquals(0, reader.documentCount());
      assertFalse(reader.iterator().hasNext());
    }
  }

  @Test
  void nullSourceAndEmptyTokensRoundTrip() throws IOException {
    Path file = folder.resolve("edge.arrow");
    try (ShardWriter writer = ShardWriter.create(file, ShardFixtures.metadata(), 2)) {
      writer.write("no-source", null, new int[] {TestData.BOS, 9707, TestData.EOS});
      writer.write("no-tokens", "c4", new int[0]);
      writer.write("after-reset", null, new int[] {TestData.BOS, TestData.EOS});
      writer.finish();
    }
    try (ShardReader reader = ShardReader.open(file)) {
      List<ShardDocument> read = new ArrayList<>();
      reader.forEach(read::add);
      assertEquals(
          List.of(
              new ShardDocument("no-source", null, new int[] {TestData.BOS, 9707, TestData.EOS}),
              new ShardDocument("no-tokens", "c4", new int[0]),
              new ShardDocument("after-reset", null, new int[] {TestData.BOS, TestData.EOS})),
          read);
      assertNull(read.get(2).source(), "a null source in a later batch stays null");
    }
  }

  @Test
  void invalidDocumentsRejected() throws IOException {
    Path file = folder.resolve("invalid.arrow");
    try (ShardWriter writer = ShardWriter.create(file, ShardFixtures.metadata())) {
      IllegalArgumentException outside =
          assertThrows(
              IllegalArgumentException.class,
              () -> writer.write("doc-7", "c4", new int[] {TestData.BOS, TestData.VOCAB_SIZE}));
      assertTrue(outside.getMessage().contains("doc-7"), outside.getMessage());
      assertTrue(outside.getMessage().contains("position 1"), outside.getMessage());
      assertThrows(IllegalArgumentException.class, () -> writer.write("", "c4", new int[0]));
      assertThrows(NullPointerException.class, () -> writer.write(null, "c4", new int[0]));
      assertThrows(NullPointerException.class, () -> writer.write("doc", "c4", null));
    }
  }

  @Test
  void closeWithoutFinishDeletesFile() throws IOException {
    Path file = folder.resolve("abandoned.arrow");
    ShardWriter writer = ShardWriter.create(file, ShardFixtures.metadata(), 1);
    writer.write("doc", "c4", new int[] {TestData.BOS, TestData.EOS});
    writer.close();
    assertFalse(Files.exists(file));
    assertThrows(
        IllegalStateException.class, () -> writer.write("doc", "c4", new int[] {TestData.BOS}));
    assertThrows(IllegalStateException.class, writer::finish);
  }

  @Test
  void newerIteratorInvalidatesOlder() throws IOException {
    Path file = folder.resolve("iterators.arrow");
    ShardFixtures.write(file, ShardFixtures.documents(), 64);
    try (ShardReader reader = ShardReader.open(file)) {
      Iterator<ShardDocument> first = reader.iterator();
      assertEquals(ShardFixtures.documents().get(0), first.next());
      Iterator<ShardDocument> second = reader.iterator();
      assertThrows(ConcurrentModificationException.class, first::next);
      assertEquals(ShardFixtures.documents().get(0), second.next());
    }
  }
}

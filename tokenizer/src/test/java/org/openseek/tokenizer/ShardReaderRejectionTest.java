package org.openseek.tokenizer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardReaderRejectionTest {

  @TempDir Path folder;

  @Test
  void truncatedShardFailsClearly() throws IOException {
    Path complete = folder.resolve("complete.arrow");
    ShardFixtures.write(complete, ShardFixtures.documents(), 64);
    byte[] bytes = Files.readAllBytes(complete);

    for (int length : new int[] {0, 8, bytes.length / 2, bytes.length - 1}) {
      Path truncated = folder.resolve("truncated-" + length + ".arrow");
      Files.write(truncated, Arrays.copyOf(bytes, length));
      IOException error = assertThrows(IOException.class, () -> ShardReader.open(truncated));
      assertTrue(error.getMessage().contains(truncated.toString()), error.getMessage());
      assertTrue(error.getMessage().contains("truncated"), error.getMessage());
    }
  }

  @Test
  void notArrowFileFailsClearly() throws IOException {
    Path text = folder.resolve("notes.arrow");
    Files.writeString(text, "this is a text file, not Arrow\n".repeat(20));
    IOException error = assertThrows(IOException.class, () -> ShardReader.open(text));
    assertTrue(error.getMessage().contains("Arrow IPC file"), error.getMessage());
  }

  @Test
  void foreignSchemaRejected() throws IOException {
    Schema schema =
        new Schema(
            List.of(new Field("text", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null)),
            ShardFixtures.metadata().toSchemaMetadata());
    Path file = writeOneRow(schema);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> ShardReader.open(file));
    assertTrue(error.getMessage().contains("not an OpenSeek shard"), error.getMessage());
    assertTrue(error.getMessage().contains("[doc_id, tokens, source]"), error.getMessage());
  }

  @Test
  void wrongTokenTypeRejected() throws IOException {
    Schema schema =
        new Schema(
            List.of(
                new Field("doc_id", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                new Field(
                    "tokens",
                    FieldType.notNullable(ArrowType.List.INSTANCE),
                    List.of(
                        new Field(
                            "item", FieldType.notNullable(new ArrowType.Int(64, true)), null))),
                new Field("source", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)),
            ShardFixtures.metadata().toSchemaMetadata());
    Path file = writeOneRow(schema);
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> ShardReader.open(file));
    assertTrue(error.getMessage().contains("tokens"), error.getMessage());
  }

  @Test
  void missingMetadataRejected() throws IOException {
    Map<String, String> withoutEos = ShardFixtures.metadata().toSchemaMetadata();
    withoutEos.remove(ShardMetadata.EOS_ID_KEY);
    Path file =
        writeOneRow(
            new Schema(ShardSchema.create(ShardFixtures.metadata()).getFields(), withoutEos));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> ShardReader.open(file));
    assertTrue(error.getMessage().contains(ShardMetadata.EOS_ID_KEY), error.getMessage());

    Path noMetadata =
        writeOneRow(new Schema(ShardSchema.create(ShardFixtures.metadata()).getFields()));
    IllegalArgumentException noFormat =
        assertThrows(IllegalArgumentException.class, () -> ShardReader.open(noMetadata));
    assertTrue(noFormat.getMessage().contains(ShardMetadata.FORMAT_KEY), noFormat.getMessage());
  }

  /** Writes one row with plain Arrow, filling whichever of the shard columns the schema has. */
  private Path writeOneRow(Schema schema) throws IOException {
    Path file = Files.createTempFile(folder, "foreign", ".arrow");
    try (BufferAllocator allocator = AllocatorFactory.newRootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
      root.allocateNew();
      for (var vector : root.getFieldVectors()) {
        if (vector instanceof VarCharVector text) {
          text.setSafe(0, "doc-0".getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof ListVector list) {
          int start = list.startNewValue(0);
          if (list.getDataVector() instanceof IntVector items) {
            items.setSafe(start, 42);
          } else {
            ((org.apache.arrow.vector.BigIntVector) list.getDataVector()).setSafe(start, 42L);
          }
          list.endValue(0, 1);
        }
      }
      root.setRowCount(1);
      writer.start();
      writer.writeBatch();
      writer.end();
    }
    return file;
  }
}

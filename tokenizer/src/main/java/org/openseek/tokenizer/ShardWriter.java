package org.openseek.tokenizer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Writes tokenized documents to one Arrow IPC file (the random-access file format).
 *
 * <p>Documents go out in record batches of a fixed number of documents, so the file bytes depend
 * only on the documents, their order and the metadata. The sha256 of those bytes is computed while
 * writing. Call {@link #finish()} to complete the file; {@link #close()} without {@code finish()}
 * abandons it and, for a writer created from a path, deletes the partial file.
 *
 * <p>Not thread-safe: use one writer per thread.
 */
public final class ShardWriter implements AutoCloseable {

  /** Documents per record batch unless the caller picks another number. */
  public static final int DEFAULT_BATCH_DOCUMENTS = 1024;

  private final ShardMetadata metadata;
  private final int batchDocuments;
  private final Path ownedFile;
  private final DigestingChannel channel;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final VarCharVector docIds;
  private final ListVector tokenLists;
  private final VarCharVector sources;
  private final ArrowFileWriter writer;

  private int rowsInBatch;
  private long documents;
  private long tokens;
  private boolean finished;
  private boolean failed;
  private boolean closed;

  private ShardWriter(
      WritableByteChannel out,
      boolean ownsOut,
      Path ownedFile,
      ShardMetadata metadata,
      int batchDocuments)
      throws IOException {
    this.metadata = metadata;
    this.batchDocuments = batchDocuments;
    this.ownedFile = ownedFile;
    this.channel = new DigestingChannel(out, ownsOut);
    this.allocator = AllocatorFactory.newRootAllocator();
    this.root = VectorSchemaRoot.create(ShardSchema.create(metadata), allocator);
    this.docIds = (VarCharVector) root.getVector(ShardSchema.DOC_ID);
    this.tokenLists = (ListVector) root.getVector(ShardSchema.TOKENS);
    this.sources = (VarCharVector) root.getVector(ShardSchema.SOURCE);
    this.writer = new ArrowFileWriter(root, null, channel);
    try {
      root.allocateNew();
      writer.start();
    } catch (IOException | RuntimeException e) {
      releaseQuietly(e);
      throw e;
    }
  }

  /**
   * Starts a shard on a channel that the caller keeps: {@link #finish()} and {@link #close()} do
   * not close it.
   */
  public static ShardWriter create(WritableByteChannel out, ShardMetadata metadata)
      throws IOException {
    return create(out, metadata, DEFAULT_BATCH_DOCUMENTS);
  }

  /** Like {@link #create(WritableByteChannel, ShardMetadata)} with a chosen batch size. */
  public static ShardWriter create(
      WritableByteChannel out, ShardMetadata metadata, int batchDocuments) throws IOException {
    Objects.requireNonNull(out, "out");
    requireValidArguments(metadata, batchDocuments);
    return new ShardWriter(out, false, null, metadata, batchDocuments);
  }

  /** Starts a shard file at {@code file}, replacing any file there. */
  public static ShardWriter create(Path file, ShardMetadata metadata) throws IOException {
    return create(file, metadata, DEFAULT_BATCH_DOCUMENTS);
  }

  /** Like {@link #create(Path, ShardMetadata)} with a chosen batch size. */
  public static ShardWriter create(Path file, ShardMetadata metadata, int batchDocuments)
      throws IOException {
    requireValidArguments(metadata, batchDocuments);
    FileChannel out =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      return new ShardWriter(out, true, file, metadata, batchDocuments);
    } catch (IOException | RuntimeException e) {
      out.close();
      Files.deleteIfExists(file);
      throw e;
    }
  }

  private static void requireValidArguments(ShardMetadata metadata, int batchDocuments) {
    Objects.requireNonNull(metadata, "metadata");
    if (batchDocuments <= 0) {
      throw new IllegalArgumentException(
          "Documents per record batch must be positive, got " + batchDocuments);
    }
  }

  /**
   * Appends one document.
   *
   * @param docId non-empty document id
   * @param source corpus name, or null
   * @param tokens token ids, each in [0, vocabSize)
   * @throws IllegalArgumentException if the id is empty or a token is outside the vocabulary
   */
  public void write(String docId, String source, int[] tokens) throws IOException {
    requireWritable();
    Objects.requireNonNull(docId, "docId");
    Objects.requireNonNull(tokens, "tokens");
    if (docId.isEmpty()) {
      throw new IllegalArgumentException("Document id must not be empty");
    }
    for (int i = 0; i < tokens.length; i++) {
      if (tokens[i] < 0 || tokens[i] >= metadata.vocabSize()) {
        throw new IllegalArgumentException(
            "Document "
                + docId
                + " has token "
                + tokens[i]
                + " at position "
                + i
                + ", outside the vocabulary [0, "
                + metadata.vocabSize()
                + ")");
      }
    }

    int row = rowsInBatch;
    docIds.setSafe(row, docId.getBytes(StandardCharsets.UTF_8));
    if (source == null) {
      sources.setNull(row);
    } else {
      sources.setSafe(row, source.getBytes(StandardCharsets.UTF_8));
    }
    IntVector items = (IntVector) tokenLists.getDataVector();
    int start = tokenLists.startNewValue(row);
    for (int i = 0; i < tokens.length; i++) {
      items.setSafe(start + i, tokens[i]);
    }
    tokenLists.endValue(row, tokens.length);

    rowsInBatch++;
    documents++;
    this.tokens += tokens.length;
    if (rowsInBatch == batchDocuments) {
      flushBatch();
    }
  }

  /** Writes the last batch and the file footer, and returns the counts and checksum. */
  public ShardSummary finish() throws IOException {
    requireWritable();
    if (rowsInBatch > 0) {
      flushBatch();
    }
    writer.end();
    finished = true;
    close();
    return new ShardSummary(documents, tokens, channel.bytesWritten(), channel.sha256Hex());
  }

  private void flushBatch() throws IOException {
    root.setRowCount(rowsInBatch);
    try {
      writer.writeBatch();
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
    // reset() zeroes validity and offset buffers and keeps their capacity for the next batch.
    for (FieldVector vector : root.getFieldVectors()) {
      vector.reset();
    }
    root.setRowCount(0);
    rowsInBatch = 0;
  }

  private void requireWritable() {
    if (finished || closed) {
      throw new IllegalStateException(
          "Shard writer is already " + (finished ? "finished" : "closed"));
    }
    if (failed) {
      throw new IllegalStateException("Shard writer failed on an earlier write; discard the shard");
    }
  }

  /**
   * Releases memory and the channel. Without a prior {@link #finish()} the file stays incomplete
   * (no footer, so readers reject it), and a file that this writer created is deleted.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (finished) {
        writer.close();
      } else {
        // ArrowWriter.close() would write the footer and make a partial shard look complete.
        channel.close();
      }
    } finally {
      root.close();
      allocator.close();
      if (!finished && ownedFile != null) {
        Files.deleteIfExists(ownedFile);
      }
    }
  }

  private void releaseQuietly(Exception cause) {
    try {
      closed = true;
      root.close();
      allocator.close();
      channel.close();
    } catch (IOException | RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }
}

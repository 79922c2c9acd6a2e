package org.openseek.tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a shard file written by {@link ShardWriter}, or by any Arrow writer that produced the same
 * schema and metadata.
 *
 * <p>{@link #open} reads the footer and schema and rejects a file that is not an OpenSeek shard.
 * Iteration loads one record batch at a time. Only the most recent iterator is valid, because all
 * iterators share one set of Arrow vectors: an older one throws {@link
 * ConcurrentModificationException}. Not thread-safe.
 */
public final class ShardReader implements AutoCloseable, Iterable<ShardDocument> {

  private final String name;
  private final SeekableByteChannel channel;
  private final BufferAllocator allocator;
  private final ArrowFileReader reader;
  private final ShardMetadata metadata;
  private final List<ArrowBlock> blocks;
  private long documentCount = -1;
  private int iteratorGeneration;
  private boolean closed;

  private ShardReader(String name, SeekableByteChannel channel) throws IOException {
    this.name = name;
    this.channel = channel;
    this.allocator = AllocatorFactory.newRootAllocator();
    this.reader = new ArrowFileReader(channel, allocator);
    try {
      Schema schema;
      try {
        schema = reader.getVectorSchemaRoot().getSchema();
        blocks = reader.getRecordBlocks();
      } catch (IOException | RuntimeException e) {
        throw new IOException(
            "Failed to read "
                + name
                + " as an Arrow IPC file ("
                + e
                + "). The file is truncated, damaged or not in the Arrow file format.",
            e);
      }
      String mismatch = ShardSchema.describeMismatch(schema);
      if (mismatch != null) {
        throw new IllegalArgumentException(name + " is not an OpenSeek shard: " + mismatch);
      }
      try {
        metadata = ShardMetadata.fromSchemaMetadata(schema.getCustomMetadata());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            name + " is not an OpenSeek shard: " + e.getMessage(), e);
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(e);
      throw e;
    }
  }

  /**
   * Opens a shard file.
   *
   * @throws IOException if the file cannot be read or is not a complete Arrow IPC file
   * @throws IllegalArgumentException if it is an Arrow file with another schema or metadata
   */
  public static ShardReader open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return open(channel, file.toString());
  }

  /**
   * Opens a shard from a channel. The reader takes ownership: {@link #close()} closes the channel.
   *
   * @throws IOException if the channel does not hold a complete Arrow IPC file
   * @throws IllegalArgumentException if it is an Arrow file with another schema or metadata
   */
  public static ShardReader open(SeekableByteChannel channel) throws IOException {
    return open(channel, "shard channel");
  }

  /** Like {@link #open(SeekableByteChannel)}, with the name that error messages use. */
  public static ShardReader open(SeekableByteChannel channel, String name) throws IOException {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(name, "name");
    try {
      return new ShardReader(name, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public ShardMetadata metadata() {
    return metadata;
  }

  /**
   * Returns the number of documents. The first call reads the header of every record batch, but not
   * the batch bodies.
   *
   * @throws UncheckedIOException if a batch header cannot be read
   */
  public long documentCount() {
    if (documentCount < 0) {
      long count = 0;
      SeekableReadChannel in = new SeekableReadChannel(channel);
      for (ArrowBlock block : blocks) {
        try {
          in.setPosition(block.getOffset());
          MessageMetadataResult message = MessageSerializer.readMessage(in);
          if (message == null || message.headerType() != MessageHeader.RecordBatch) {
            throw new IOException("no record batch at offset " + block.getOffset());
          }
          RecordBatch header = (RecordBatch) message.getMessage().header(new RecordBatch());
          count += header.length();
        } catch (IOException | RuntimeException e) {
          throw new UncheckedIOException(
              new IOException("Failed to read a record batch header of " + name + ": " + e, e));
        }
      }
      documentCount = count;
    }
    return documentCount;
  }

  /**
   * Returns an iterator over all documents in file order. It invalidates earlier iterators.
   *
   * <p>Its methods throw {@link UncheckedIOException} when a batch cannot be read, and {@link
   * IllegalArgumentException} when a batch contains nulls in a column that forbids them.
   */
  @Override
  public Iterator<ShardDocument> iterator() {
    return new DocumentIterator(++iteratorGeneration);
  }

  /** Frees the Arrow memory and closes the channel. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      reader.close();
    } finally {
      allocator.close();
    }
  }

  private void closeQuietly(Exception cause) {
    try {
      close();
    } catch (IOException | RuntimeException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  private final class DocumentIterator implements Iterator<ShardDocument> {

    private final int generation;
    private int nextBlock;
    private int row;
    private int rowCount;
    private VarCharVector docIds;
    private ListVector tokenLists;
    private IntVector items;
    private VarCharVector sources;

    DocumentIterator(int generation) {
      this.generation = generation;
    }

    @Override
    public boolean hasNext() {
      requireCurrent();
      while (row >= rowCount && nextBlock < blocks.size()) {
        loadBlock(nextBlock++);
      }
      return row < rowCount;
    }

    @Override
    public ShardDocument next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String docId = new String(docIds.get(row), StandardCharsets.UTF_8);
      String source =
          sources.isNull(row) ? null : new String(sources.get(row), StandardCharsets.UTF_8);
      int start = tokenLists.getElementStartIndex(row);
      int[] tokens = new int[tokenLists.getElementEndIndex(row) - start];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = items.get(start + i);
      }
      row++;
      return new ShardDocument(docId, source, tokens);
    }

    private void loadBlock(int index) {
      try {
        if (!reader.loadRecordBatch(blocks.get(index))) {
          throw new IOException("record batch " + index + " is missing");
        }
      } catch (IOException | RuntimeException e) {
        throw new UncheckedIOException(
            new IOException("Failed to read record batch " + index + " of " + name + ": " + e, e));
      }
      VectorSchemaRoot root;
      try {
        root = reader.getVectorSchemaRoot();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      docIds = (VarCharVector) root.getVector(ShardSchema.DOC_ID);
      tokenLists = (ListVector) root.getVector(ShardSchema.TOKENS);
      items = (IntVector) tokenLists.getDataVector();
      sources = (VarCharVector) root.getVector(ShardSchema.SOURCE);
      if (docIds.getNullCount() > 0 || tokenLists.getNullCount() > 0 || items.getNullCount() > 0) {
        throw new IllegalArgumentException(
            name + " record batch " + index + " has nulls in doc_id or tokens, which forbid them");
      }
      row = 0;
      rowCount = root.getRowCount();
    }

    private void requireCurrent() {
      if (generation != iteratorGeneration) {
        throw new ConcurrentModificationException(
            "A newer iterator over " + name + " replaced this one; use one iterator at a time");
      }
    }
  }
}

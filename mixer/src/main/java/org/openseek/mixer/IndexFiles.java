package org.openseek.mixer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes headerless little-endian arrays (int16, int32, int64), which
 * {@code numpy.fromfile(path, dtype="<i4")} and similar calls read directly.
 */
final class IndexFiles {

  private static final int BUFFER_BYTES = 1 << 20;

  private IndexFiles() {}

  static void writeShorts(Path file, short[] values) throws IOException {
    try (FileChannel channel = openForWrite(file)) {
      ByteBuffer buffer = newBuffer();
      for (short value : values) {
        if (buffer.remaining() < Short.BYTES) {
          drain(buffer, channel);
        }
        buffer.putShort(value);
      }
      drain(buffer, channel);
    }
  }

  static void writeInts(Path file, int[] values) throws IOException {
    try (FileChannel channel = openForWrite(file)) {
      ByteBuffer buffer = newBuffer();
      for (int value : values) {
        if (buffer.remaining() < Integer.BYTES) {
          drain(buffer, channel);
        }
        buffer.putInt(value);
      }
      drain(buffer, channel);
    }
  }

  /** Writes {@code first[i], second[i]} pairs, a two-column row-major int32 array. */
  static void writeIntPairs(Path file, int[] first, int[] second) throws IOException {
    if (first.length != second.length) {
      throw new IllegalArgumentException("pair columns differ in length: " + first.length
          + " and " + second.length);
    }
    try (FileChannel channel = openForWrite(file)) {
      ByteBuffer buffer = newBuffer();
      for (int i = 0; i < first.length; i++) {
        if (buffer.remaining() < 2 * Integer.BYTES) {
          drain(buffer, channel);
        }
        buffer.putInt(first[i]).putInt(second[i]);
      }
      drain(buffer, channel);
    }
  }

  static void writeLongs(Path file, long[] values) throws IOException {
    try (FileChannel channel = openForWrite(file)) {
      ByteBuffer buffer = newBuffer();
      for (long value : values) {
        if (buffer.remaining() < Long.BYTES) {
          drain(buffer, channel);
        }
        buffer.putLong(value);
      }
      drain(buffer, channel);
    }
  }

  static short[] readShorts(Path file) throws IOException {
    short[] values = new short[elementCount(file, Short.BYTES)];
    readChunks(file, Short.BYTES,
        (chunk, first, count) -> chunk.asShortBuffer().get(values, first, count));
    return values;
  }

  static int[] readInts(Path file) throws IOException {
    int[] values = new int[elementCount(file, Integer.BYTES)];
    readChunks(file, Integer.BYTES,
        (chunk, first, count) -> chunk.asIntBuffer().get(values, first, count));
    return values;
  }

  /** Reads a two-column int32 array into {@code {firstColumn, secondColumn}}. */
  static int[][] readIntPairs(Path file) throws IOException {
    int rows = elementCount(file, 2 * Integer.BYTES);
    int[] firstColumn = new int[rows];
    int[] secondColumn = new int[rows];
    readChunks(file, 2 * Integer.BYTES, (chunk, first, count) -> {
      for (int i = first; i < first + count; i++) {
        firstColumn[i] = chunk.getInt();
        secondColumn[i] = chunk.getInt();
      }
    });
    return new int[][] {firstColumn, secondColumn};
  }

  static long[] readLongs(Path file) throws IOException {
    long[] values = new long[elementCount(file, Long.BYTES)];
    readChunks(file, Long.BYTES,
        (chunk, first, count) -> chunk.asLongBuffer().get(values, first, count));
    return values;
  }

  private static FileChannel openForWrite(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  private static ByteBuffer newBuffer() {
    return ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void drain(ByteBuffer buffer, FileChannel channel) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /**
   * Returns the number of elements in a file whose size must be a multiple of
   * {@code elementBytes}.
   *
   * @throws IllegalArgumentException if the file has a partial element at the end or more
   *     elements than one array supports
   */
  private static int elementCount(Path file, int elementBytes) throws IOException {
    long size = Files.size(file);
    if (size % elementBytes != 0) {
      throw new IllegalArgumentException("index file " + file + " has " + size
          + " bytes, not a multiple of its " + elementBytes + "-byte elements; it is truncated"
          + " or corrupt, so rebuild the mixture");
    }
    long count = size / elementBytes;
    if (count > InMemoryTokenDataset.MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("index file " + file + " has " + count
          + " elements, more than one array supports");
    }
    return (int) count;
  }

  /** Receives consecutive whole elements of a file, starting at element {@code first}. */
  private interface ChunkReader {
    void read(ByteBuffer chunk, int first, int count);
  }

  private static void readChunks(Path file, int elementBytes, ChunkReader reader)
      throws IOException {
    ByteBuffer buffer = newBuffer();
    int elementsPerChunk = buffer.capacity() / elementBytes;
    int total = elementCount(file, elementBytes);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      for (int first = 0; first < total; first += elementsPerChunk) {
        int count = Math.min(elementsPerChunk, total - first);
        buffer.clear().limit(count * elementBytes);
        while (buffer.hasRemaining()) {
          if (channel.read(buffer) < 0) {
            throw new IOException("index file " + file + " ended early, at element " + first
                + " of " + total);
          }
        }
        buffer.flip();
        reader.read(buffer, first, count);
      }
    }
  }
}

package org.openseek.pipeline.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Streams the lines of one JSON Lines file, plain or gzip, with the byte offset of each line.
 *
 * <p>Lines end at LF. A trailing CR is dropped, and so is a UTF-8 byte-order mark at the start of
 * the file. The bytes are returned undecoded so the caller can decode them strictly. A last line
 * without a terminator is still a line, and an empty file has no lines.
 *
 * <p>A gzip file may contain several members one after another, as concatenated gzip files and
 * record-per-member archives do, and all members are read. NOTE: after a complete member, the JDK's
 * {@link GZIPInputStream} ends the stream without error when the next bytes are not a valid gzip
 * header, so a damaged member header is not reported. When decompression fails part way
 * ({@link EOFException} for a cut file, {@link ZipException} for corrupt data or a bad header),
 * the reader returns the lines read so far and then one truncation marker at the offset of the
 * partial line, and stops. Any other {@link IOException} is thrown as an
 * {@link UncheckedIOException}, so Spark fails and retries the task.
 *
 * <p>Each line is held in memory whole, so one line must fit in the task's heap.
 */
public final class JsonlLineReader implements Iterator<RawLine>, Closeable {

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final String file;
  private final InputStream raw;
  private final boolean gzip;
  private InputStream in;

  private final byte[] buffer = new byte[BUFFER_BYTES];
  private int bufferPos;
  private int bufferEnd;
  private byte[] line = new byte[256];
  private int lineLength;
  private long position;
  private boolean firstLine = true;
  private boolean finished;
  private RawLine next;

  /**
   * Creates a reader over an open stream of the file's stored bytes.
   *
   * @param gzip whether the bytes are gzip-compressed
   */
  public JsonlLineReader(String file, InputStream raw, boolean gzip) {
    this.file = file;
    this.raw = raw;
    this.gzip = gzip;
  }

  /** Opens a file through Hadoop's FileSystem. Names ending in {@code .gz} are read as gzip. */
  public static JsonlLineReader open(String fileUri, Configuration conf) throws IOException {
    Path path = new Path(fileUri);
    InputStream stream = path.getFileSystem(conf).open(path);
    return new JsonlLineReader(fileUri, stream, fileUri.endsWith(".gz"));
  }

  @Override
  public boolean hasNext() {
    if (next == null && !finished) {
      next = readNext();
    }
    return next != null;
  }

  @Override
  public RawLine next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more lines in " + file);
    }
    RawLine result = next;
    next = null;
    return result;
  }

  @Override
  public void close() throws IOException {
    finished = true;
    if (in != null) {
      in.close();
    } else {
      raw.close();
    }
  }

  private RawLine readNext() {
    long lineStart = position;
    lineLength = 0;
    try {
      openIfNeeded();
      while (true) {
        if (bufferPos == bufferEnd && !fill()) {
          finished = true;
          return lineLength == 0 ? null : finishLine(lineStart, false);
        }
        int newline = indexOfNewline();
        int end = newline < 0 ? bufferEnd : newline;
        append(end - bufferPos);
        if (newline >= 0) {
          bufferPos = newline + 1;
          position++;
          return finishLine(lineStart, true);
        }
        bufferPos = bufferEnd;
      }
    } catch (EOFException | ZipException e) {
      finished = true;
      String message = e.getClass().getSimpleName() + ": " + e.getMessage();
      return new RawLine(file, lineStart, Arrays.copyOf(line, lineLength), position - lineStart,
          message);
    } catch (IOException e) {
      throw new UncheckedIOException("failed to read " + file + " at byte " + position, e);
    }
  }

  private void openIfNeeded() throws IOException {
    if (in == null) {
      in = gzip ? new GZIPInputStream(new MemberContinuingStream(raw), BUFFER_BYTES) : raw;
    }
  }

  private boolean fill() throws IOException {
    int read = in.read(buffer, 0, buffer.length);
    while (read == 0) {
      read = in.read(buffer, 0, buffer.length);
    }
    if (read < 0) {
      return false;
    }
    bufferPos = 0;
    bufferEnd = read;
    return true;
  }

  private int indexOfNewline() {
    for (int i = bufferPos; i < bufferEnd; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void append(int count) {
    if (lineLength + count > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
    }
    System.arraycopy(buffer, bufferPos, line, lineLength, count);
    lineLength += count;
    position += count;
  }

  private RawLine finishLine(long lineStart, boolean terminated) {
    int start = 0;
    int end = lineLength;
    if (firstLine && startsWithBom()) {
      start = UTF8_BOM.length;
    }
    firstLine = false;
    if (end > start && line[end - 1] == '\r') {
      end--;
    }
    long byteCount = lineLength + (terminated ? 1 : 0);
    return new RawLine(file, lineStart, Arrays.copyOfRange(line, start, end), byteCount, null);
  }

  private boolean startsWithBom() {
    return lineLength >= UTF8_BOM.length && line[0] == UTF8_BOM[0] && line[1] == UTF8_BOM[1]
        && line[2] == UTF8_BOM[2];
  }

  /**
   * Reports at least one available byte, so {@link GZIPInputStream} always looks for a next member.
   *
   * <p>After each member, {@code GZIPInputStream} (JDK 17) reads another member only when the
   * underlying stream reports {@code available() > 0} or enough bytes are still buffered. A stream
   * that keeps {@link InputStream#available()}'s default of 0, as some remote file system streams
   * do, would end the file silently after the first member. At the real end of the stream,
   * reading the next header fails and {@code GZIPInputStream} treats that as the end.
   */
  private static final class MemberContinuingStream extends FilterInputStream {

    MemberContinuingStream(InputStream in) {
      super(in);
    }

    @Override
    public int available() throws IOException {
      return Math.max(1, super.available());
    }
  }
}

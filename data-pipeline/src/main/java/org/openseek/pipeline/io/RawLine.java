package org.openseek.pipeline.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One line of an input file as bytes, or the marker of a compressed file that broke off.
 *
 * @param file the file URI
 * @param offset byte offset of the line's first byte in the decompressed file
 * @param bytes the line without its terminator or a trailing CR, and on the first line without a
 *     UTF-8 byte-order mark. For a truncation marker, the partial line read before the break.
 * @param byteCount bytes the line takes in the decompressed file, terminator and byte-order mark
 *     included, so the counts of a file's lines add up to its decompressed size
 * @param truncationError null for a line, or the decompression error message of a truncation
 *     marker
 */
public record RawLine(String file, long offset, byte[] bytes, long byteCount,
    String truncationError) {

  public boolean isTruncation() {
    return truncationError != null;
  }

  /** Decodes the bytes as strict UTF-8 and returns null when they are not valid UTF-8. */
  public String decodeUtf8() {
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Decodes the bytes as UTF-8 with U+FFFD in place of invalid sequences. */
  public String decodeUtf8Lenient() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}

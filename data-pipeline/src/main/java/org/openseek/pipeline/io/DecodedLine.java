package org.openseek.pipeline.io;

import java.util.Base64;
import org.openseek.pipeline.Quarantine;

/**
 * A raw line decoded as strict UTF-8, or the quarantine reason that stops it before JSON parsing.
 *
 * @param text the decoded line, or null when {@code reason} is set
 * @param reason null, or {@link Quarantine#TRUNCATED_FILE}, {@link Quarantine#INVALID_UTF8} or
 *     {@link Quarantine#BLANK_LINE}
 * @param raw the value for the quarantine {@code raw} column, as {@link Quarantine} describes it
 * @param error the quarantine message, or null when {@code reason} is null
 */
public record DecodedLine(String text, String reason, String raw, String error) {

  public static DecodedLine of(RawLine line) {
    if (line.isTruncation()) {
      return new DecodedLine(null, Quarantine.TRUNCATED_FILE, line.decodeUtf8Lenient(),
          "compressed file ends or breaks at decompressed byte "
              + (line.offset() + line.byteCount()) + ": " + line.truncationError());
    }
    String text = line.decodeUtf8();
    if (text == null) {
      return new DecodedLine(null, Quarantine.INVALID_UTF8,
          Base64.getEncoder().encodeToString(line.bytes()), "line is not valid UTF-8");
    }
    if (text.isBlank()) {
      return new DecodedLine(null, Quarantine.BLANK_LINE, text, "line is empty or whitespace");
    }
    return new DecodedLine(text, null, text, null);
  }
}

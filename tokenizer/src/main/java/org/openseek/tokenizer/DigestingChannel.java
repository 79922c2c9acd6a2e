package org.openseek.tokenizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes writes through to a channel while counting the bytes and feeding them to a SHA-256 digest.
 * Closing it closes the target only when {@code closeTarget} was set, so a caller keeps ownership
 * of a channel it passed in.
 */
final class DigestingChannel implements WritableByteChannel {

  private final WritableByteChannel target;
  private final boolean closeTarget;
  private final MessageDigest digest = TokenizerFile.newSha256();
  private long bytesWritten;
  private boolean open = true;

  DigestingChannel(WritableByteChannel target, boolean closeTarget) {
    this.target = target;
    this.closeTarget = closeTarget;
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    ByteBuffer view = source.duplicate();
    int written = target.write(source);
    // Digest exactly the bytes the target accepted, which may be fewer than were offered.
    view.limit(view.position() + written);
    digest.update(view);
    bytesWritten += written;
    return written;
  }

  long bytesWritten() {
    return bytesWritten;
  }

  /** Returns the lowercase hex sha256 of all bytes written; call once, after the last write. */
  String sha256Hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    if (open) {
      open = false;
      if (closeTarget) {
        target.close();
      }
    }
  }
}

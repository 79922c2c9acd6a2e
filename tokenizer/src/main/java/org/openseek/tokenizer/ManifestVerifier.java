package org.openseek.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Compares the shard files of a dataset folder with the entries of its manifest. */
final class ManifestVerifier {

  private ManifestVerifier() {}

  /** Returns one line per difference, empty when every shard matches its entry. */
  static List<String> findMismatches(Path datasetDir, Manifest manifest) throws IOException {
    List<String> mismatches = new ArrayList<>();
    for (ManifestShard shard : manifest.shards()) {
      Path file = datasetDir.resolve(shard.file());
      if (!Files.isRegularFile(file)) {
        mismatches.add(shard.file() + ": file not found at " + file.toAbsolutePath());
        continue;
      }
      compare(mismatches, shard.file(), "bytes", shard.bytes(), Files.size(file));
      compare(mismatches, shard.file(), "sha256", shard.sha256(), sha256Hex(file));
      checkContents(mismatches, file, shard, manifest.shardMetadata());
    }
    return mismatches;
  }

  private static void checkContents(
      List<String> mismatches, Path file, ManifestShard shard, ShardMetadata expected)
      throws IOException {
    long documents = 0;
    long tokens = 0;
    try (ShardReader reader = ShardReader.open(file)) {
      compare(mismatches, shard.file(), "metadata", expected, reader.metadata());
      for (ShardDocument document : reader) {
        documents++;
        tokens += document.tokens().length;
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      mismatches.add(shard.file() + ": unreadable (" + e.getMessage() + ")");
      return;
    }
    compare(mismatches, shard.file(), "documents", shard.documents(), documents);
    compare(mismatches, shard.file(), "tokens", shard.tokens(), tokens);
  }

  private static void compare(
      List<String> mismatches, String file, String field, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      mismatches.add(file + ": " + field + " expected " + expected + ", actual " + actual);
    }
  }

  private static String sha256Hex(Path file) throws IOException {
    MessageDigest digest = TokenizerFile.newSha256();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}

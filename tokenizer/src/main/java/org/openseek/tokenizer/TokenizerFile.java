package org.openseek.tokenizer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A tokenizer.json file ready for DJL: the configured file with OpenSeek's special-token table in
 * place of its own added tokens, written where DJL, which needs a plain file path, can load it.
 *
 * @param jsonPath path of the rewritten tokenizer.json that DJL loads
 * @param name file name without a trailing {@code .gz}, followed by {@link
 *     OpenSeekSpecialTokens#NAME_SUFFIX}
 * @param sha256 lowercase hex sha256 of the original uncompressed tokenizer.json bytes
 */
record TokenizerFile(Path jsonPath, String name, String sha256) {

  /** Folder under {@code java.io.tmpdir} that contains the rewritten tokenizer files. */
  static final String CACHE_FOLDER = "openseek-tokenizers";

  /** File name suffix of a rewritten tokenizer.json in the cache folder, after the sha256. */
  static final String CACHED_SUFFIX = ".openseek-specials.json";

  /**
   * Resolves a configured tokenizer.json or tokenizer.json.gz. The file is decompressed if needed,
   * rewritten by {@link OpenSeekSpecialTokens#rewrite} and stored as {@code
   * ${java.io.tmpdir}/openseek-tokenizers/<sha256>.openseek-specials.json}, keyed by the sha256 of
   * the original bytes. The copy is written to a temporary file and renamed into place, so that
   * concurrent JVMs on one host never see a partial copy.
   *
   * @throws IllegalArgumentException if the file does not exist, is not valid gzip or is not a
   *     tokenizer.json that the rewrite accepts
   */
  static TokenizerFile resolve(Path configured) throws IOException {
    if (!Files.isRegularFile(configured)) {
      throw new IllegalArgumentException(
          "Tokenizer file not found: "
              + configured.toAbsolutePath()
              + ". Set tokenize.tokenizer to the path of a tokenizer.json or tokenizer.json.gz"
              + " file.");
    }
    String fileName = configured.getFileName().toString();
    boolean gzipped = fileName.endsWith(".gz");
    byte[] json = gzipped ? gunzip(configured) : Files.readAllBytes(configured);
    String sha256 = sha256Hex(json);
    byte[] rewritten = OpenSeekSpecialTokens.rewrite(json, configured);

    Path cacheDir = Path.of(System.getProperty("java.io.tmpdir"), CACHE_FOLDER);
    Path cached = cacheDir.resolve(sha256 + CACHED_SUFFIX);
    if (!isIntact(cached, rewritten)) {
      Files.createDirectories(cacheDir);
      Path temporary = Files.createTempFile(cacheDir, sha256, ".tmp");
      try {
        Files.write(temporary, rewritten);
        Files.move(
            temporary, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
    String baseName =
        gzipped ? fileName.substring(0, fileName.length() - ".gz".length()) : fileName;
    return new TokenizerFile(cached, baseName + OpenSeekSpecialTokens.NAME_SUFFIX, sha256);
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JVM has no SHA-256 implementation", e);
    }
  }

  private static byte[] gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return in.readAllBytes();
    } catch (ZipException | EOFException e) {
      throw new IllegalArgumentException(
          "Tokenizer file "
              + file.toAbsolutePath()
              + " ends in .gz but is not valid gzip ("
              + e.getMessage()
              + "). Set tokenize.tokenizer to a tokenizer.json or a gzipped tokenizer.json.gz.",
          e);
    }
  }

  /** Checks a cached copy by content, so a copy damaged after its rename is rewritten. */
  private static boolean isIntact(Path cached, byte[] expected) throws IOException {
    return Files.isRegularFile(cached) && Arrays.equals(Files.readAllBytes(cached), expected);
  }
}

package org.openseek.tokenizer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A tokenizer.json file ready for DJL, which needs a plain file path.
 *
 * @param jsonPath path of the uncompressed tokenizer.json that DJL loads
 * @param name file name without a trailing {@code .gz}
 * @param sha256 lowercase hex sha256 of the uncompressed tokenizer.json bytes
 */
record TokenizerFile(Path jsonPath, String name, String sha256) {

  /** Folder under {@code java.io.tmpdir} that contains decompressed copies of gzipped files. */
  static final String CACHE_FOLDER = "openseek-tokenizers";

  /**
   * Resolves a configured tokenizer path. A {@code .gz} file is decompressed once into {@code
   * ${java.io.tmpdir}/openseek-tokenizers/<sha256>.json}, written to a temporary file and renamed
   * into place so that concurrent JVMs on one host never see a partial copy.
   *
   * @throws IllegalArgumentException if the file does not exist or is not valid gzip
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
    if (!fileName.endsWith(".gz")) {
      byte[] json = Files.readAllBytes(configured);
      return new TokenizerFile(configured, fileName, sha256Hex(json));
    }

    byte[] json = gunzip(configured);
    String sha256 = sha256Hex(json);
    Path cacheDir = Path.of(System.getProperty("java.io.tmpdir"), CACHE_FOLDER);
    Path cached = cacheDir.resolve(sha256 + ".json");
    if (!isIntact(cached, sha256)) {
      Files.createDirectories(cacheDir);
      Path temporary = Files.createTempFile(cacheDir, sha256, ".tmp");
      try {
        Files.write(temporary, json);
        Files.move(
            temporary, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
    String name = fileName.substring(0, fileName.length() - ".gz".length());
    return new TokenizerFile(cached, name, sha256);
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
  private static boolean isIntact(Path cached, String expectedSha256) throws IOException {
    return Files.isRegularFile(cached)
        && sha256Hex(Files.readAllBytes(cached)).equals(expectedSha256);
  }
}

package org.openseek.tokenizer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Contents of {@code manifest.json}, the index of a tokenized dataset folder: the tokenizer that
 * produced the shards and, for each shard file, its counts and checksum.
 *
 * @param dataset dataset name
 * @param tokenizer tokenizer file name, as in {@link ShardMetadata#tokenizerName()}
 * @param tokenizerSha256 lowercase hex sha256 of the uncompressed tokenizer file
 * @param vocabSize number of ids including special tokens
 * @param bosId id that starts every document
 * @param eosId id that ends every document
 * @param documents total documents over all shards
 * @param tokens total token ids over all shards, BOS and EOS included
 * @param shards shard entries in dataset order
 */
public record Manifest(
    @JsonProperty("dataset") String dataset,
    @JsonProperty("tokenizer") String tokenizer,
    @JsonProperty("tokenizer_sha256") String tokenizerSha256,
    @JsonProperty("vocab_size") int vocabSize,
    @JsonProperty("bos_id") int bosId,
    @JsonProperty("eos_id") int eosId,
    @JsonProperty("documents") long documents,
    @JsonProperty("tokens") long tokens,
    @JsonProperty("shards") List<ManifestShard> shards) {

  /** File name of the manifest inside a dataset folder. */
  public static final String FILE_NAME = "manifest.json";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .build();

  /**
   * Validates the manifest.
   *
   * @throws IllegalArgumentException if the tokenizer fields are invalid, two shards share a path,
   *     or the totals differ from the sums over the shards
   */
  public Manifest {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(shards, "shards");
    if (dataset.isBlank()) {
      throw new IllegalArgumentException("Dataset name must not be blank");
    }
    new ShardMetadata(tokenizer, tokenizerSha256, vocabSize, bosId, eosId);
    shards = List.copyOf(shards);

    Set<String> files = new HashSet<>();
    long documentSum = 0;
    long tokenSum = 0;
    for (ManifestShard shard : shards) {
      if (!files.add(shard.file())) {
        throw new IllegalArgumentException(
            "Dataset " + dataset + " lists shard " + shard.file() + " twice");
      }
      documentSum += shard.documents();
      tokenSum += shard.tokens();
    }
    if (documents != documentSum || tokens != tokenSum) {
      throw new IllegalArgumentException(
          "Dataset "
              + dataset
              + " declares "
              + documents
              + " documents and "
              + tokens
              + " tokens, but its shards add up to "
              + documentSum
              + " documents and "
              + tokenSum
              + " tokens");
    }
  }

  /** Creates a manifest whose totals are the sums over {@code shards}. */
  public static Manifest of(String dataset, ShardMetadata metadata, List<ManifestShard> shards) {
    long documents = 0;
    long tokens = 0;
    for (ManifestShard shard : shards) {
      documents += shard.documents();
      tokens += shard.tokens();
    }
    return new Manifest(
        dataset,
        metadata.tokenizerName(),
        metadata.tokenizerSha256(),
        metadata.vocabSize(),
        metadata.bosId(),
        metadata.eosId(),
        documents,
        tokens,
        shards);
  }

  /** Returns the tokenizer fields as the metadata that each shard must carry. */
  public ShardMetadata shardMetadata() {
    return new ShardMetadata(tokenizer, tokenizerSha256, vocabSize, bosId, eosId);
  }

  /** Writes the manifest as indented JSON ending in a newline; leaves {@code out} open. */
  public void write(OutputStream out) throws IOException {
    JSON.writeValue(out, this);
    out.write('\n');
    out.flush();
  }

  /**
   * Writes {@code manifest.json} into {@code datasetDir} through a temporary file and a rename, so
   * readers see either the old manifest or the complete new one.
   */
  public void write(Path datasetDir) throws IOException {
    Path temporary = Files.createTempFile(datasetDir, FILE_NAME, ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        write(out);
      }
      Files.move(
          temporary,
          datasetDir.resolve(FILE_NAME),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Parses a manifest.
   *
   * @throws IllegalArgumentException if the JSON is malformed, lacks a field or fails validation
   */
  public static Manifest read(InputStream in) throws IOException {
    try {
      return JSON.readValue(in, Manifest.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Invalid manifest: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads {@code manifest.json} from a dataset folder.
   *
   * @throws IllegalArgumentException if the file is missing or invalid, naming its path
   */
  public static Manifest read(Path datasetDir) throws IOException {
    Path file = datasetDir.resolve(FILE_NAME);
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "Manifest not found: "
              + file.toAbsolutePath()
              + ". Is "
              + datasetDir
              + " a tokenized dataset folder?",
          e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Re-reads every shard of a dataset folder and checks it against the manifest: file size, sha256,
   * schema metadata, document count and token count.
   *
   * @return the manifest, when every shard matches
   * @throws IllegalArgumentException listing each shard that differs, with the file, the field, the
   *     expected value and the actual value
   */
  public static Manifest verify(Path datasetDir) throws IOException {
    Manifest manifest = read(datasetDir);
    List<String> mismatches = ManifestVerifier.findMismatches(datasetDir, manifest);
    if (!mismatches.isEmpty()) {
      throw new IllegalArgumentException(
          "Dataset folder "
              + datasetDir.toAbsolutePath()
              + " does not match its "
              + FILE_NAME
              + ":\n  "
              + String.join("\n  ", mismatches));
    }
    return manifest;
  }
}

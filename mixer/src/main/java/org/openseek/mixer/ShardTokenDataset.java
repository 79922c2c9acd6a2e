package org.openseek.mixer;

import java.io.IOException;
import java.nio.file.Path;
import org.openseek.tokenizer.Manifest;
import org.openseek.tokenizer.ManifestShard;
import org.openseek.tokenizer.ShardDocument;
import org.openseek.tokenizer.ShardMetadata;
import org.openseek.tokenizer.ShardReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TokenDataset} loaded from a tokenized dataset folder: the Arrow shards that its
 * {@code manifest.json} lists, in manifest order, then file order within each shard.
 *
 * <p>Loading checks each shard's tokenizer metadata and document and token counts against the
 * manifest, and every token id against the vocabulary size.
 */
public final class ShardTokenDataset implements TokenDataset {

  private static final Logger LOG = LoggerFactory.getLogger(ShardTokenDataset.class);

  private final Path directory;
  private final ShardMetadata metadata;
  private final InMemoryTokenDataset tokens;

  private ShardTokenDataset(Path directory, ShardMetadata metadata, InMemoryTokenDataset tokens) {
    this.directory = directory;
    this.metadata = metadata;
    this.tokens = tokens;
  }

  /** Loads the dataset under the name its manifest records. */
  public static ShardTokenDataset load(Path datasetDir) throws IOException {
    return load(null, datasetDir);
  }

  /**
   * Loads every shard of the folder into memory.
   *
   * <p>NOTE: all tokens go into one int array on the heap (4 bytes per token, at most
   * {@code Integer.MAX_VALUE - 8} tokens per dataset). Datasets larger than the heap need shards
   * read through memory maps instead.
   *
   * @param name name to give the dataset, or null for the manifest's dataset name
   * @throws IllegalArgumentException if the manifest is missing or invalid, a shard disagrees
   *     with it, a token id is outside the vocabulary, or the dataset is too large for one array
   */
  public static ShardTokenDataset load(String name, Path datasetDir) throws IOException {
    Path directory = datasetDir.toAbsolutePath().normalize();
    Manifest manifest = Manifest.read(directory);
    String datasetName = name != null ? name : manifest.dataset();
    if (manifest.tokens() > InMemoryTokenDataset.MAX_ARRAY_LENGTH
        || manifest.documents() > InMemoryTokenDataset.MAX_ARRAY_LENGTH - 1) {
      throw new IllegalArgumentException("dataset '" + datasetName + "' in " + directory + " has "
          + manifest.documents() + " documents and " + manifest.tokens()
          + " tokens; an in-memory dataset supports at most " + InMemoryTokenDataset.MAX_ARRAY_LENGTH
          + " tokens");
    }

    ShardMetadata metadata = manifest.shardMetadata();
    int[] tokens = new int[(int) manifest.tokens()];
    long[] offsets = new long[(int) manifest.documents() + 1];
    Cursor cursor = new Cursor();
    for (ManifestShard shard : manifest.shards()) {
      readShard(directory.resolve(shard.file()), shard, metadata, tokens, offsets, cursor);
    }
    // The manifest's totals are the sums of its per-shard counts, which each shard matched.
    LOG.info("Loaded dataset {} from {}: {} documents, {} tokens in {} shards", datasetName,
        directory, manifest.documents(), manifest.tokens(), manifest.shards().size());
    return new ShardTokenDataset(directory, metadata,
        new InMemoryTokenDataset(datasetName, tokens, offsets));
  }

  /** Next free document and token positions while shards are read. */
  private static final class Cursor {
    int document;
    int token;
  }

  private static void readShard(Path file, ManifestShard shard, ShardMetadata expected,
      int[] tokens, long[] offsets, Cursor cursor) throws IOException {
    int firstDocument = cursor.document;
    int firstToken = cursor.token;
    try (ShardReader reader = ShardReader.open(file)) {
      if (!reader.metadata().equals(expected)) {
        throw new IllegalArgumentException("shard " + file + " carries tokenizer metadata "
            + reader.metadata() + " but the manifest records " + expected
            + "; re-tokenize the dataset");
      }
      for (ShardDocument document : reader) {
        int[] ids = document.tokens();
        if (cursor.document - firstDocument >= shard.documents()
            || cursor.token - firstToken + (long) ids.length > shard.tokens()) {
          throw countMismatch(file, shard, "more");
        }
        for (int id : ids) {
          if (id < 0 || id >= expected.vocabSize()) {
            throw new IllegalArgumentException("shard " + file + ", document '"
                + document.docId() + "': token id " + id + " is outside the vocabulary [0, "
                + expected.vocabSize() + "); re-tokenize the dataset");
          }
        }
        System.arraycopy(ids, 0, tokens, cursor.token, ids.length);
        cursor.token += ids.length;
        cursor.document++;
        offsets[cursor.document] = cursor.token;
      }
    }
    if (cursor.document - firstDocument != shard.documents()
        || cursor.token - firstToken != shard.tokens()) {
      throw countMismatch(file, shard, "fewer");
    }
  }

  private static IllegalArgumentException countMismatch(Path file, ManifestShard shard,
      String moreOrFewer) {
    return new IllegalArgumentException("shard " + file + " contains " + moreOrFewer
        + " documents or tokens than the manifest records (" + shard.documents() + " documents, "
        + shard.tokens() + " tokens); the folder changed after tokenizing, so re-tokenize it");
  }

  /** Absolute path of the dataset folder. */
  public Path directory() {
    return directory;
  }

  /** Tokenizer facts that the manifest and every shard record. */
  public ShardMetadata metadata() {
    return metadata;
  }

  @Override
  public String name() {
    return tokens.name();
  }

  @Override
  public int documentCount() {
    return tokens.documentCount();
  }

  @Override
  public long tokenCount() {
    return tokens.tokenCount();
  }

  @Override
  public int documentLength(int doc) {
    return tokens.documentLength(doc);
  }

  @Override
  public void copyTokens(int doc, int from, int[] dest, int destPos, int length) {
    tokens.copyTokens(doc, from, dest, destPos, length);
  }
}

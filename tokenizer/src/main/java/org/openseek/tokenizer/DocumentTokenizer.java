package org.openseek.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns document text into token ids wrapped as BOS + ids + EOS, with a Hugging Face tokenizer.json
 * loaded through DJL.
 *
 * <p>Loading replaces the file's {@code added_tokens} with OpenSeek's 208 special tokens ({@code
 * <|endoftext|>} 151643, {@code <|im_start|>} 151644, {@code <|im_end|>} 151645, {@code
 * <|extra_0|>} to {@code <|extra_204|>} as 151646 to 151850), so the Qwen3 tokenizer.json, which
 * shares OpenSeek's 151,643 BPE ids, encodes as OpenSeek's tiktoken tokenizer does. A special
 * token's literal text inside a document, such as {@code <|extra_203|>}, becomes its special id, as
 * in OpenSeek's tiktoken tokenizer with {@code allowed_special="all"}. Other text, including
 * Qwen3-only added tokens such as {@code <think>}, becomes BPE tokens.
 *
 * <p>BOS and EOS are added by id and never looked up by string.
 *
 * <p>The encode methods may be called from several threads at once, as a four-thread test does. A
 * read-write lock keeps {@link #close()} from freeing the native tokenizer while an encode call
 * runs.
 *
 * <p>NOTE: the Qwen3 tokenizer.json NFC-normalizes the text and OpenSeek's tiktoken tokenizer does
 * not, so the two give the same ids only on NFC text.
 */
public final class DocumentTokenizer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DocumentTokenizer.class);

  private final HuggingFaceTokenizer tokenizer;
  private final String name;
  private final String sha256;
  private final int bosId;
  private final int eosId;
  private final int vocabSize;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean nativeIdsAvailable = true;
  private boolean closed;

  private DocumentTokenizer(
      HuggingFaceTokenizer tokenizer, TokenizerFile file, int bosId, int eosId, int vocabSize) {
    this.tokenizer = tokenizer;
    this.name = file.name();
    this.sha256 = file.sha256();
    this.bosId = bosId;
    this.eosId = eosId;
    this.vocabSize = vocabSize;
  }

  /**
   * Loads a tokenizer.json, or a gzipped tokenizer.json.gz, from a local file without any download,
   * with OpenSeek's special-token table in place of the file's added tokens. Adding special tokens
   * around the text, truncation and padding are off.
   *
   * @param tokenizerJson path of the tokenizer file (config key {@code tokenize.tokenizer})
   * @param bosId id placed before every document, in [0, vocabSize)
   * @param eosId id placed after every document, in [0, vocabSize)
   * @param vocabSize number of ids including special tokens; every encoded id must be below it
   * @throws IllegalArgumentException if an id is out of range or the file is missing or unreadable
   * @throws IOException if reading the file fails
   */
  public static DocumentTokenizer load(Path tokenizerJson, int bosId, int eosId, int vocabSize)
      throws IOException {
    DjlOffline.apply();
    Objects.requireNonNull(tokenizerJson, "tokenizerJson");
    if (vocabSize <= 0) {
      throw new IllegalArgumentException(
          "Vocabulary size must be positive, got " + vocabSize + " (tokenize.vocab-size)");
    }
    requireInVocabulary("BOS id", "tokenize.bos-id", bosId, vocabSize);
    requireInVocabulary("EOS id", "tokenize.eos-id", eosId, vocabSize);

    TokenizerFile file = TokenizerFile.resolve(tokenizerJson);
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(file.jsonPath())
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Failed to load tokenizer "
              + tokenizerJson.toAbsolutePath()
              + " as a Hugging Face tokenizer.json: "
              + e.getMessage()
              + ". Set tokenize.tokenizer to a valid tokenizer.json.",
          e);
    }
    LOG.info(
        "Loaded tokenizer {} (sha256 {}) from {}, BOS {}, EOS {}, vocabulary size {}",
        file.name(),
        file.sha256(),
        tokenizerJson,
        bosId,
        eosId,
        vocabSize);
    return new DocumentTokenizer(tokenizer, file, bosId, eosId, vocabSize);
  }

  /** Encodes one document as BOS + token ids + EOS. The empty string gives [BOS, EOS]. */
  public int[] encodeDocument(String text) {
    Objects.requireNonNull(text, "text");
    lifecycle.readLock().lock();
    try {
      requireOpen();
      if (nativeIdsAvailable) {
        try {
          return wrapDocument(encodeNative(text));
        } catch (LinkageError e) {
          disableNativeIds(e);
        }
      }
      return wrapDocument(tokenizer.encode(text, false, false).getIds());
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Encodes many documents in one native call. Returns the same arrays as {@link
   * #encodeDocument(String)} would, in input order.
   */
  public List<int[]> encodeDocuments(List<String> texts) {
    String[] batch = texts.toArray(new String[0]);
    for (int i = 0; i < batch.length; i++) {
      if (batch[i] == null) {
        throw new NullPointerException("texts[" + i + "] is null");
      }
    }
    lifecycle.readLock().lock();
    try {
      requireOpen();
      if (nativeIdsAvailable) {
        try {
          return encodeBatchNative(batch);
        } catch (LinkageError e) {
          disableNativeIds(e);
        }
      }
      List<int[]> documents = new ArrayList<>(batch.length);
      for (Encoding encoding : tokenizer.batchEncode(batch, false, false)) {
        documents.add(wrapDocument(encoding.getIds()));
      }
      return documents;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /*
   * The native paths call DJL's JNI binding directly and read only the ids. DJL's Encoding would
   * also copy tokens, offsets and masks into Java for every document, which nothing here uses.
   * Every native encoding must be freed with deleteEncoding, or native memory leaks.
   */

  private long[] encodeNative(String text) {
    long encoding = TokenizersLibrary.LIB.encode(tokenizer.getHandle(), text, false);
    try {
      return TokenizersLibrary.LIB.getTokenIds(encoding);
    } finally {
      TokenizersLibrary.LIB.deleteEncoding(encoding);
    }
  }

  private List<int[]> encodeBatchNative(String[] batch) {
    long[] encodings = TokenizersLibrary.LIB.batchEncode(tokenizer.getHandle(), batch, false);
    List<int[]> documents = new ArrayList<>(batch.length);
    try {
      for (long encoding : encodings) {
        documents.add(wrapDocument(TokenizersLibrary.LIB.getTokenIds(encoding)));
      }
    } finally {
      for (long encoding : encodings) {
        TokenizersLibrary.LIB.deleteEncoding(encoding);
      }
    }
    return documents;
  }

  private void disableNativeIds(LinkageError e) {
    nativeIdsAvailable = false;
    LOG.warn("DJL's JNI encode functions are unavailable; falling back to Encoding objects", e);
  }

  private int[] wrapDocument(long[] ids) {
    int[] document = new int[ids.length + 2];
    document[0] = bosId;
    for (int i = 0; i < ids.length; i++) {
      long id = ids[i];
      if (id < 0 || id >= vocabSize) {
        throw new IllegalStateException(
            "Tokenizer "
                + name
                + " produced id "
                + id
                + ", outside the vocabulary size "
                + vocabSize
                + ". Set tokenize.vocab-size to at least the tokenizer's largest id + 1.");
      }
      document[i + 1] = (int) id;
    }
    document[document.length - 1] = eosId;
    return document;
  }

  private static void requireInVocabulary(String what, String key, int id, int vocabSize) {
    if (id < 0 || id >= vocabSize) {
      throw new IllegalArgumentException(
          what
              + " "
              + id
              + " is outside [0, "
              + vocabSize
              + "). Set "
              + key
              + " below tokenize.vocab-size.");
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Tokenizer " + name + " is closed");
    }
  }

  /**
   * File name of the tokenizer without a trailing {@code .gz}, followed by {@code
   * +openseek-specials} to mark the replaced special-token table, e.g. {@code
   * tokenizer.json+openseek-specials}.
   */
  public String name() {
    return name;
  }

  /** Lowercase hex sha256 of the original uncompressed tokenizer.json bytes, before rewriting. */
  public String sha256() {
    return sha256;
  }

  public int vocabSize() {
    return vocabSize;
  }

  public int bosId() {
    return bosId;
  }

  public int eosId() {
    return eosId;
  }

  /** Metadata that shards written with this tokenizer carry. */
  public ShardMetadata shardMetadata() {
    return new ShardMetadata(name, sha256, vocabSize, bosId, eosId);
  }

  /** Frees the native tokenizer after running encode calls finish. Later encode calls throw. */
  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        tokenizer.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}

package org.openseek.mixer;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@link TokenDataset} held on the heap as one flat token array plus document start offsets.
 *
 * <p>Document {@code i} is {@code tokens[offsets[i] .. offsets[i + 1])}. The flat array limits a
 * dataset to {@code Integer.MAX_VALUE - 8} tokens (about 8 GiB of heap at that size).
 */
public final class InMemoryTokenDataset implements TokenDataset {

  /** Largest array length that the JDK's own collections allocate (Integer.MAX_VALUE - 8). */
  static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

  private final String name;
  private final int[] tokens;
  private final long[] offsets;

  /**
   * Wraps the arrays without copying them.
   *
   * @param offsets {@code documentCount + 1} non-decreasing start offsets, from 0 to
   *     {@code tokens.length}
   * @throws IllegalArgumentException if the offsets do not describe {@code tokens}
   */
  public InMemoryTokenDataset(String name, int[] tokens, long[] offsets) {
    this.name = Objects.requireNonNull(name, "name");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.offsets = Objects.requireNonNull(offsets, "offsets");
    validateOffsets(name, tokens.length, offsets);
  }

  /** Copies the documents, in order, into a new flat dataset. */
  public static InMemoryTokenDataset of(String name, List<int[]> documents) {
    long total = 0;
    for (int[] document : documents) {
      total += document.length;
    }
    if (total > MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("dataset '" + name + "' has " + total
          + " tokens; an in-memory dataset supports at most " + MAX_ARRAY_LENGTH);
    }
    int[] tokens = new int[(int) total];
    long[] offsets = new long[documents.size() + 1];
    int position = 0;
    for (int i = 0; i < documents.size(); i++) {
      int[] document = documents.get(i);
      System.arraycopy(document, 0, tokens, position, document.length);
      position += document.length;
      offsets[i + 1] = position;
    }
    return new InMemoryTokenDataset(name, tokens, offsets);
  }

  /** Copies the documents, in order, into a new flat dataset. */
  public static InMemoryTokenDataset of(String name, int[]... documents) {
    return of(name, Arrays.asList(documents));
  }

  private static void validateOffsets(String name, int tokenCount, long[] offsets) {
    if (offsets.length == 0 || offsets[0] != 0) {
      throw new IllegalArgumentException("dataset '" + name
          + "': document offsets must start with 0 and have documentCount + 1 entries");
    }
    if (offsets.length - 1 > MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("dataset '" + name + "' has too many documents: "
          + (offsets.length - 1));
    }
    for (int i = 1; i < offsets.length; i++) {
      if (offsets[i] < offsets[i - 1]) {
        throw new IllegalArgumentException("dataset '" + name + "': document offset " + i + " ("
            + offsets[i] + ") is below the previous one (" + offsets[i - 1] + ")");
      }
    }
    if (offsets[offsets.length - 1] != tokenCount) {
      throw new IllegalArgumentException("dataset '" + name + "': the last document offset is "
          + offsets[offsets.length - 1] + " but the token array contains " + tokenCount + " tokens");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int documentCount() {
    return offsets.length - 1;
  }

  @Override
  public long tokenCount() {
    return tokens.length;
  }

  @Override
  public int documentLength(int doc) {
    Objects.checkIndex(doc, documentCount());
    return (int) (offsets[doc + 1] - offsets[doc]);
  }

  @Override
  public void copyTokens(int doc, int from, int[] dest, int destPos, int length) {
    Objects.checkFromIndexSize(from, length, documentLength(doc));
    System.arraycopy(tokens, (int) offsets[doc] + from, dest, destPos, length);
  }
}

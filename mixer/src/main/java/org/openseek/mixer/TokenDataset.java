package org.openseek.mixer;

/**
 * Read-only, random-access view of one tokenized dataset: an ordered list of documents, each a
 * sequence of token ids with its BOS and EOS tokens included.
 *
 * <p>Implementations must be safe for concurrent reads.
 */
public interface TokenDataset {

  /** Name of the dataset, as the mixture refers to it. */
  String name();

  int documentCount();

  /** Total tokens over all documents. */
  long tokenCount();

  /** Number of tokens in document {@code doc}; may be 0. */
  int documentLength(int doc);

  /**
   * Copies {@code length} tokens of document {@code doc}, starting at token {@code from}, into
   * {@code dest} at {@code destPos}.
   *
   * @throws IndexOutOfBoundsException if the range lies outside the document or {@code dest}
   */
  void copyTokens(int doc, int from, int[] dest, int destPos, int length);

  /** Returns a copy of the tokens of document {@code doc}. */
  default int[] document(int doc) {
    int[] tokens = new int[documentLength(doc)];
    copyTokens(doc, 0, tokens, 0, tokens.length);
    return tokens;
  }
}

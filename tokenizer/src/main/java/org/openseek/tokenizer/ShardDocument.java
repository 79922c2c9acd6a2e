package org.openseek.tokenizer;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a shard file. Equality compares the token contents, not the array reference.
 *
 * @param docId stable document id, never null
 * @param source name of the corpus the document came from, or null when the writer had none
 * @param tokens token ids, BOS and EOS included; the caller owns the array
 */
public record ShardDocument(String docId, String source, int[] tokens) {

  @Override
  public boolean equals(Object other) {
    return other instanceof ShardDocument that
        && docId.equals(that.docId)
        && Objects.equals(source, that.source)
        && Arrays.equals(tokens, that.tokens);
  }

  @Override
  public int hashCode() {
    return Objects.hash(docId, source) * 31 + Arrays.hashCode(tokens);
  }

  @Override
  public String toString() {
    return "ShardDocument[docId="
        + docId
        + ", source="
        + source
        + ", tokens="
        + tokens.length
        + " ids]";
  }
}

package org.openseek.tokenizer;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Independent test-only encoder for OpenSeek's {@code qwen.tiktoken} vocabulary: the Qwen
 * pre-tokenizer regex followed by tiktoken's byte-pair merge, which repeatedly joins the adjacent
 * pair whose joined bytes have the lowest rank. It shares no code with DJL or Hugging Face
 * tokenizers, so agreement with {@link DocumentTokenizer} shows that both produce OpenSeek's ids.
 */
final class TiktokenReference {

  /**
   * Qwen's pre-tokenizer pattern. {@code UNICODE_CHARACTER_CLASS} makes {@code \s} match Unicode
   * white space as the Python {@code regex} module does; Java's default is ASCII only.
   */
  private static final Pattern PIECES =
      Pattern.compile(
          "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
              + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
          Pattern.UNICODE_CHARACTER_CLASS);

  /** Rank of each token, keyed by its bytes read as ISO-8859-1 (one char per byte). */
  private final Map<String, Integer> ranks;

  private final byte[][] tokenBytes;

  private TiktokenReference(Map<String, Integer> ranks, byte[][] tokenBytes) {
    this.ranks = ranks;
    this.tokenBytes = tokenBytes;
  }

  static TiktokenReference load(Path file) throws IOException {
    Map<String, Integer> ranks = new HashMap<>();
    List<byte[]> bytesByRank = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isEmpty()) {
          continue;
        }
        String[] parts = line.split(" ");
        byte[] bytes = Base64.getDecoder().decode(parts[0]);
        int rank = Integer.parseInt(parts[1]);
        if (rank != bytesByRank.size()) {
          throw new IOException("ranks are not consecutive at line for rank " + rank);
        }
        bytesByRank.add(bytes);
        ranks.put(new String(bytes, StandardCharsets.ISO_8859_1), rank);
      }
    }
    return new TiktokenReference(ranks, bytesByRank.toArray(new byte[0][]));
  }

  int size() {
    return tokenBytes.length;
  }

  /** Concatenates the bytes of {@code ids[from..to)}; fails on an id outside the BPE ranks. */
  byte[] decode(int[] ids, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      if (ids[i] < 0 || ids[i] >= tokenBytes.length) {
        throw new IllegalArgumentException("id " + ids[i] + " is not a BPE rank of qwen.tiktoken");
      }
      out.writeBytes(tokenBytes[ids[i]]);
    }
    return out.toByteArray();
  }

  /** Encodes text as OpenSeek's tiktoken tokenizer does for text without special tokens. */
  int[] encode(String text) {
    List<Integer> ids = new ArrayList<>();
    Matcher matcher = PIECES.matcher(text);
    while (matcher.find()) {
      byte[] piece = matcher.group().getBytes(StandardCharsets.UTF_8);
      bytePairMerge(new String(piece, StandardCharsets.ISO_8859_1), ids);
    }
    return ids.stream().mapToInt(Integer::intValue).toArray();
  }

  private void bytePairMerge(String piece, List<Integer> ids) {
    Integer whole = ranks.get(piece);
    if (whole != null) {
      ids.add(whole);
      return;
    }
    // boundaries[i] is the start of part i; the last entry is the end of the piece.
    List<Integer> boundaries = new ArrayList<>();
    for (int i = 0; i <= piece.length(); i++) {
      boundaries.add(i);
    }
    while (boundaries.size() > 2) {
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 2 < boundaries.size(); i++) {
        Integer rank = ranks.get(piece.substring(boundaries.get(i), boundaries.get(i + 2)));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      boundaries.remove(best + 1);
    }
    for (int i = 0; i + 1 < boundaries.size(); i++) {
      Integer rank = ranks.get(piece.substring(boundaries.get(i), boundaries.get(i + 1)));
      if (rank == null) {
        throw new IllegalStateException("byte sequence without a rank in piece " + piece);
      }
      ids.add(rank);
    }
  }
}

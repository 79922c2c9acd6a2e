package org.openseek.tokenizer;

/**
 * Counts and checksum of one finished shard file.
 *
 * @param documents number of documents (rows)
 * @param tokens number of token ids over all documents, BOS and EOS included
 * @param bytes size of the file in bytes
 * @param sha256 lowercase hex sha256 of the file bytes
 */
public record ShardSummary(long documents, long tokens, long bytes, String sha256) {}

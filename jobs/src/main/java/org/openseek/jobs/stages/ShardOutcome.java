package org.openseek.jobs.stages;

import java.io.Serializable;

/**
 * Report of one tokenize task to the driver: either a written shard or one quarantined document.
 *
 * @param source source name (the dataset folder)
 * @param shard shard number within the source, or -1 for a quarantined document
 * @param documents documents in the shard
 * @param tokens tokens in the shard, BOS and EOS included
 * @param bytes shard file size
 * @param sha256 shard file checksum
 * @param textBytes UTF-8 bytes of the documents' text (the stage's bytes in)
 * @param docId id of a quarantined document
 * @param reason quarantine reason of a quarantined document
 * @param error error message of a quarantined document
 */
record ShardOutcome(String source, int shard, long documents, long tokens, long bytes,
    String sha256, long textBytes, String docId, String reason, String error)
    implements Serializable {

  static ShardOutcome shard(String source, int shard, long documents, long tokens, long bytes,
      String sha256, long textBytes) {
    return new ShardOutcome(source, shard, documents, tokens, bytes, sha256, textBytes, null, null,
        null);
  }

  static ShardOutcome quarantined(String source, String docId, String reason, String error) {
    return new ShardOutcome(source, -1, 0, 0, 0, null, 0, docId, reason, error);
  }

  boolean isQuarantined() {
    return reason != null;
  }

  String fileName() {
    return String.format("shard-%05d.arrow", shard);
  }
}

package org.openseek.jobs.stages;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.openseek.tokenizer.DocumentTokenizer;
import org.openseek.tokenizer.ShardSummary;
import org.openseek.tokenizer.ShardWriter;
import org.openseek.tokenizer.TokenizeSettings;

/**
 * Writes the Arrow shards of one Spark partition.
 *
 * <p>Rows arrive sorted by (source, shard, id), so each shard is one run of rows and is written
 * by exactly one task; its bytes depend only on its documents, never on the partitioning.
 * Input columns: id, text, source, shard.
 */
final class ShardWritingFunction implements FlatMapFunction<Iterator<Row>, ShardOutcome> {

  /** Source names become folder names, so they are limited to portable characters. */
  static final Pattern SOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  // TokenizeSettings contains a java.nio Path, which is not serializable, so its fields travel apart.
  private final String tokenizerPath;
  private final int bosId;
  private final int eosId;
  private final int vocabSize;
  private final int shardsPerSource;
  private final int batchDocuments;
  private final SerializableConfiguration hadoopConf;
  private final String outputUri;

  ShardWritingFunction(TokenizeSettings settings, SerializableConfiguration hadoopConf,
      String outputUri) {
    this.tokenizerPath = settings.tokenizer().toString();
    this.bosId = settings.bosId();
    this.eosId = settings.eosId();
    this.vocabSize = settings.vocabSize();
    this.shardsPerSource = settings.shardsPerSource();
    this.batchDocuments = settings.batchDocuments();
    this.hadoopConf = hadoopConf;
    this.outputUri = outputUri;
  }

  private TokenizeSettings settings() {
    return new TokenizeSettings(java.nio.file.Path.of(tokenizerPath), bosId, eosId, vocabSize,
        shardsPerSource, batchDocuments);
  }

  @Override
  public Iterator<ShardOutcome> call(Iterator<Row> rows) throws IOException {
    List<ShardOutcome> outcomes = new ArrayList<>();
    if (!rows.hasNext()) {
      return outcomes.iterator();
    }
    DocumentTokenizer tokenizer = TokenizerCache.get(settings());
    OpenShard open = null;
    try {
      while (rows.hasNext()) {
        Row row = rows.next();
        String id = row.getString(0);
        String text = row.getString(1);
        String source = row.getString(2);
        int shard = (int) row.getLong(3);
        String problem = problemOf(id, text, source);
        if (problem != null) {
          outcomes.add(ShardOutcome.quarantined(source, id, problem.split(":", 2)[0], problem));
          continue;
        }
        if (open == null || !open.source.equals(source) || open.shard != shard) {
          if (open != null) {
            outcomes.add(open.finish(tokenizer));
          }
          open = new OpenShard(source, shard, tokenizer);
        }
        open.add(id, text, tokenizer);
      }
      if (open != null) {
        outcomes.add(open.finish(tokenizer));
        open = null;
      }
    } finally {
      if (open != null) {
        open.abandon();
      }
    }
    return outcomes.iterator();
  }

  private static String problemOf(String id, String text, String source) {
    if (id == null || id.isEmpty()) {
      return "missing_id: the document has no id";
    }
    if (text == null) {
      return "missing_text: the document has no text";
    }
    if (source == null || !SOURCE_NAME.matcher(source).matches()) {
      return "invalid_source: source '" + source + "' is not a portable folder name ("
          + SOURCE_NAME.pattern() + ")";
    }
    return null;
  }

  /** A shard being written, with its pending batch of documents to encode. */
  private final class OpenShard {
    final String source;
    final int shard;
    final FSDataOutputStream stream;
    final ShardWriter writer;
    final List<String> pendingIds = new ArrayList<>();
    final List<String> pendingTexts = new ArrayList<>();
    long textBytes;

    OpenShard(String source, int shard, DocumentTokenizer tokenizer) throws IOException {
      this.source = source;
      this.shard = shard;
      Path file = new Path(new Path(outputUri, source), String.format("shard-%05d.arrow", shard));
      FileSystem fs = file.getFileSystem(hadoopConf.value());
      this.stream = fs.create(file, false);
      this.writer = ShardWriter.create(Channels.newChannel(stream), tokenizer.shardMetadata());
    }

    void add(String id, String text, DocumentTokenizer tokenizer) throws IOException {
      pendingIds.add(id);
      pendingTexts.add(text);
      textBytes += text.getBytes(StandardCharsets.UTF_8).length;
      if (pendingIds.size() >= batchDocuments) {
        flush(tokenizer);
      }
    }

    void flush(DocumentTokenizer tokenizer) throws IOException {
      List<int[]> encoded = tokenizer.encodeDocuments(pendingTexts);
      for (int i = 0; i < encoded.size(); i++) {
        writer.write(pendingIds.get(i), source, encoded.get(i));
      }
      pendingIds.clear();
      pendingTexts.clear();
    }

    ShardOutcome finish(DocumentTokenizer tokenizer) throws IOException {
      flush(tokenizer);
      ShardSummary summary = writer.finish();
      stream.close();
      return ShardOutcome.shard(source, shard, summary.documents(), summary.tokens(),
          summary.bytes(), summary.sha256(), textBytes);
    }

    void abandon() throws IOException {
      writer.close();
      stream.close();
    }
  }
}

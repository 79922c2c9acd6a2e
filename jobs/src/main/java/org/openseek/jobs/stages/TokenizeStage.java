package org.openseek.jobs.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.openseek.pipeline.Documents;
import org.openseek.pipeline.stage.Stage;
import org.openseek.pipeline.stage.StageAccountingException;
import org.openseek.pipeline.stage.StageContext;
import org.openseek.pipeline.stage.StageRunner;
import org.openseek.pipeline.stage.StageStats;
import org.openseek.tokenizer.DocumentTokenizer;
import org.openseek.tokenizer.Manifest;
import org.openseek.tokenizer.ManifestShard;
import org.openseek.tokenizer.TokenizeSettings;

/**
 * Tokenizes the kept documents of an earlier stage into Arrow IPC shards.
 *
 * <p>Output: one folder per source holding {@code shard-NNNNN.arrow} files and a
 * {@code manifest.json}, plus {@code quarantine/} for documents that cannot be tokenized. A
 * document goes to shard {@code pmod(xxhash64(id), tokenize.shards-per-source)} and shards are
 * sorted by id, so the shard files are byte-identical for any partitioning of the input.
 */
public final class TokenizeStage implements Stage {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "tokenize";
  }

  @Override
  public StageStats run(StageContext context) throws IOException {
    SparkSession spark = context.spark();
    TokenizeSettings settings = TokenizeSettings.from(context.config().getConfig("tokenize"));
    String input = context.inputs().get(0);
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    // Loads the tokenizer once on the driver, so a bad path fails before any task starts.
    DocumentTokenizer tokenizer = TokenizerCache.get(settings);

    Dataset<Row> documents = Documents.read(spark, input + "/kept")
        .select(col(Documents.ID), col(Documents.TEXT), col(Documents.SOURCE))
        .withColumn("shard", pmod(xxhash64(col(Documents.ID)), lit((long) settings.shardsPerSource())));
    int partitions = spark.conf().get("spark.sql.shuffle.partitions") == null
        ? 8 : Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    Dataset<Row> placed = documents
        .repartition(partitions, col(Documents.SOURCE), col("shard"))
        .sortWithinPartitions(col(Documents.SOURCE), col("shard"), col(Documents.ID));

    List<ShardOutcome> outcomes = placed.javaRDD()
        .mapPartitions(new ShardWritingFunction(settings,
            new SerializableConfiguration(hadoopConf), context.workDir()))
        .collect();

    StageStats stats = new StageStats(name());
    writeManifests(outcomes, tokenizer, context.workDir(), hadoopConf, stats);
    writeQuarantine(outcomes, context.workDir(), hadoopConf);
    checkAgainstUpstream(stats, input, hadoopConf);
    return stats;
  }

  private void writeManifests(List<ShardOutcome> outcomes, DocumentTokenizer tokenizer,
      String workDir, Configuration hadoopConf, StageStats stats) throws IOException {
    Map<String, List<ShardOutcome>> bySource = new TreeMap<>();
    long kept = 0;
    long quarantined = 0;
    long bytesIn = 0;
    long bytesOut = 0;
    for (ShardOutcome outcome : outcomes) {
      if (outcome.isQuarantined()) {
        stats.addQuarantined(outcome.reason(), 1);
        quarantined++;
        continue;
      }
      bySource.computeIfAbsent(outcome.source(), s -> new ArrayList<>()).add(outcome);
      kept += outcome.documents();
      bytesIn += outcome.textBytes();
      bytesOut += outcome.bytes();
    }

    Map<String, Long> tokensPerSource = new TreeMap<>();
    Map<String, Long> documentsPerSource = new TreeMap<>();
    for (Map.Entry<String, List<ShardOutcome>> entry : bySource.entrySet()) {
      List<ShardOutcome> shards = new ArrayList<>(entry.getValue());
      shards.sort(Comparator.comparingInt(ShardOutcome::shard));
      List<ManifestShard> entries = new ArrayList<>();
      for (ShardOutcome shard : shards) {
        entries.add(new ManifestShard(shard.fileName(), shard.documents(), shard.tokens(),
            shard.bytes(), shard.sha256()));
      }
      Manifest manifest = Manifest.of(entry.getKey(), tokenizer.shardMetadata(), entries);
      Path file = new Path(new Path(workDir, entry.getKey()), "manifest.json");
      try (OutputStream out = file.getFileSystem(hadoopConf).create(file, true)) {
        manifest.write(out);
      }
      tokensPerSource.put(entry.getKey(), manifest.tokens());
      documentsPerSource.put(entry.getKey(), manifest.documents());
    }

    stats.input(kept + quarantined).kept(kept).bytesIn(bytesIn).bytesOut(bytesOut)
        .detail("tokenizer", tokenizer.name())
        .detail("tokenizer_sha256", tokenizer.sha256())
        .detail("documents_per_source", documentsPerSource)
        .detail("tokens_per_source", tokensPerSource);
  }

  /** Writes quarantined documents, sorted by id, to {@code quarantine/part-00000.jsonl}. */
  private static void writeQuarantine(List<ShardOutcome> outcomes, String workDir,
      Configuration hadoopConf) throws IOException {
    List<ShardOutcome> quarantined = outcomes.stream()
        .filter(ShardOutcome::isQuarantined)
        .sorted(Comparator.comparing(o -> String.valueOf(o.docId())))
        .toList();
    Path file = new Path(new Path(workDir, "quarantine"), "part-00000.jsonl");
    FileSystem fs = file.getFileSystem(hadoopConf);
    try (OutputStream out = fs.create(file, true)) {
      for (ShardOutcome outcome : quarantined) {
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("id", outcome.docId());
        record.put("source", outcome.source());
        record.put("reason", outcome.reason());
        record.put("error", outcome.error());
        out.write(JSON.writeValueAsString(record).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    }
  }

  /**
   * Checks that the documents this stage saw equal the upstream stage's kept count, so a lost
   * partition or an unreadable part file cannot go unnoticed.
   */
  private static void checkAgainstUpstream(StageStats stats, String input, Configuration hadoopConf)
      throws IOException {
    long upstreamKept = StageRunner.readStats(hadoopConf, input).kept();
    if (stats.input() != upstreamKept) {
      throw new StageAccountingException("tokenize read " + stats.input() + " documents but "
          + input + " reports " + upstreamKept + " kept; its kept/ folder was changed after commit"
          + " or could not be read whole");
    }
  }
}

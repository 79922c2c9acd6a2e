package org.openseek.pipeline.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.openseek.pipeline.Documents;
import org.openseek.pipeline.Quarantine;
import org.openseek.pipeline.io.InputFile;
import org.openseek.pipeline.io.InputFiles;
import org.openseek.pipeline.io.JsonlFolderWriter;
import org.openseek.pipeline.io.LineIterators;
import org.openseek.pipeline.io.SerializableHadoopConf;
import org.openseek.pipeline.io.StageOutputs;
import org.openseek.pipeline.stage.Stage;
import org.openseek.pipeline.stage.StageContext;
import org.openseek.pipeline.stage.StageStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw JSON Lines sources, normalizes each document's text and applies the rule filters.
 *
 * <p>Sources come from the top-level {@code sources} list ({@link SourceSpec}). The stage
 * context's inputs must list the same paths in the same order, because they feed the config hash.
 * Every input line becomes exactly one row of {@code kept/}, {@code dropped/} (with
 * {@code filter_reason}) or {@code quarantine/}, and a gzip file that breaks off adds one
 * {@code truncated_file} quarantine row. {@link org.openseek.pipeline.text.TextNormalizer}
 * normalizes the text, the language is the source's {@code lang} or the guess of
 * {@link org.openseek.pipeline.text.LanguageHeuristic}, and {@link FilterChain#from(CleanConfig)}
 * lists the filters. Settings are in the {@code clean} section.
 *
 * <p>Bytes in are the decompressed bytes of all input lines, and bytes out the size of
 * {@code kept/}.
 */
public final class CleanStage implements Stage {

  public static final String NAME = "clean";
  private static final Logger LOG = LoggerFactory.getLogger(CleanStage.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> configSections() {
    return List.of(CleanConfig.SECTION, SourceSpec.LIST_KEY);
  }

  @Override
  public StageStats run(StageContext context) throws IOException {
    CleanConfig config = CleanConfig.from(context.config());
    List<SourceSpec> sources = SourceSpec.listFrom(context.config());
    checkInputs(sources, context.inputs());

    SparkSession spark = context.spark();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    List<InputFile> files = listFiles(sources, hadoopConf);
    LOG.info("[{}] reading {} files of {} sources", NAME, files.size(), sources.size());

    Dataset<Row> classified = classify(spark, files, sources, config, hadoopConf)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      StageStats stats = new StageStats(NAME);
      StageOutputs.countOutcomes(classified, stats);
      stats.detail("input_files", files.size());
      stats.detail("kept_by_source_and_lang", keptBySourceAndLang(classified));

      String work = context.workDir();
      long keptBytes = JsonlFolderWriter.write(ClassifiedRows.kept(classified),
          StageOutputs.folder(work, StageOutputs.KEPT), config.outputFiles(), hadoopConf,
          Documents.ID);
      JsonlFolderWriter.write(ClassifiedRows.dropped(classified),
          StageOutputs.folder(work, StageOutputs.DROPPED), config.outputFiles(), hadoopConf,
          Documents.ID);
      JsonlFolderWriter.write(ClassifiedRows.quarantined(classified),
          StageOutputs.folder(work, StageOutputs.QUARANTINE), config.outputFiles(), hadoopConf,
          Quarantine.FILE, Quarantine.OFFSET);
      stats.bytesOut(keptBytes);

      StageOutputs.verifyWritten(spark, work, stats);
      return stats;
    } finally {
      classified.unpersist();
    }
  }

  private static void checkInputs(List<SourceSpec> sources, List<String> inputs) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException(SourceSpec.LIST_KEY
          + " is empty; add at least one { name, path } entry for the clean stage to read");
    }
    List<String> paths = sources.stream().map(SourceSpec::path).toList();
    if (!paths.equals(inputs)) {
      throw new IllegalArgumentException("the clean stage's inputs " + inputs
          + " differ from the paths of " + SourceSpec.LIST_KEY + " " + paths
          + "; pass the source paths, in order, as the stage inputs");
    }
  }

  private static List<InputFile> listFiles(List<SourceSpec> sources, Configuration hadoopConf)
      throws IOException {
    List<InputFile> files = new ArrayList<>();
    for (SourceSpec source : sources) {
      String label = "source '" + source.name() + "'";
      for (String uri : InputFiles.list(label, source.path(), hadoopConf)) {
        files.add(new InputFile(source.name(), uri));
      }
    }
    return files;
  }

  /**
   * Reads every file in its own task. NOTE: parallelism is therefore limited to the file count.
   * A large plain file should later be split into byte ranges aligned to line starts.
   */
  private static Dataset<Row> classify(SparkSession spark, List<InputFile> files,
      List<SourceSpec> sources, CleanConfig config, Configuration hadoopConf) {
    FilterChain filters = FilterChain.from(config);
    Map<String, LineClassifier> classifiers = new LinkedHashMap<>();
    for (SourceSpec source : sources) {
      classifiers.put(source.name(), new LineClassifier(source, filters, config.cjkShare()));
    }
    SerializableHadoopConf conf = new SerializableHadoopConf(hadoopConf);

    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(files, files.size())
        .flatMap(file -> {
          LineClassifier classifier = classifiers.get(file.source());
          return LineIterators.open(file.uri(), conf.get(), classifier::classify);
        });
    return spark.createDataFrame(rows, ClassifiedRows.SCHEMA);
  }

  private static Map<String, Long> keptBySourceAndLang(Dataset<Row> classified) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : ClassifiedRows.kept(classified)
        .groupBy(col(Documents.SOURCE), col(Documents.LANG)).agg(count("*"))
        .collectAsList()) {
      counts.put(row.getString(0) + "/" + row.getString(1), row.getLong(2));
    }
    return counts;
  }
}

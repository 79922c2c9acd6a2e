package org.openseek.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unhex;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.openseek.pipeline.Documents;
import org.openseek.pipeline.Quarantine;
import org.openseek.pipeline.io.InputFile;
import org.openseek.pipeline.io.InputFiles;
import org.openseek.pipeline.io.JsonlFolderWriter;
import org.openseek.pipeline.io.LineRows;
import org.openseek.pipeline.io.StageOutputs;
import org.openseek.pipeline.stage.Stage;
import org.openseek.pipeline.stage.StageContext;
import org.openseek.pipeline.stage.StageRunner;
import org.openseek.pipeline.stage.StageStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops documents whose text equals another document's text up to case and whitespace.
 *
 * <p>Input is the {@code kept/} folder of one committed stage output. Each line is parsed with
 * {@link Documents#SCHEMA} by Spark's JSON parser in PERMISSIVE mode with a corrupt-record column.
 * A line that does not parse, or lacks {@code text} or {@code id}, goes to {@code quarantine/}.
 *
 * <p>Documents are grouped by {@link ExactDedupKey} (and by source when
 * {@code dedup.scope = "per-source"}). In each group the document with the smallest {@code id}
 * in string order is kept, and ties are broken by the document's JSON, so the choice does not
 * depend on partitioning or input order. The others go to {@code dropped/} with
 * {@code filter_reason = "exact_duplicate"} and {@code duplicate_of} set to the kept id. Stats
 * details give the number of groups with duplicates and the largest group size.
 */
public final class ExactDedupStage implements Stage {

  public static final String NAME = "dedup";
  public static final String EXACT_DUPLICATE = "exact_duplicate";
  private static final Logger LOG = LoggerFactory.getLogger(ExactDedupStage.class);

  private static final String CORRUPT_RECORD = "_corrupt_record";
  private static final String DOC = "doc";
  private static final String KEY = "dedup_key";
  private static final String RANK = "dedup_rank";
  private static final String KEEPER = "dedup_keeper";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> configSections() {
    return List.of(DedupConfig.SECTION);
  }

  @Override
  public StageStats run(StageContext context) throws IOException {
    DedupConfig config = DedupConfig.from(context.config());
    if (context.inputs().size() != 1) {
      throw new IllegalArgumentException("the dedup stage takes exactly one input, a committed "
          + "stage output folder, but got " + context.inputs());
    }
    String input = context.inputs().get(0);
    SparkSession spark = context.spark();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    List<InputFile> files = listKeptFiles(input, hadoopConf);
    LOG.info("[{}] reading {} files of {}", NAME, files.size(), input);

    Dataset<Row> classified = classify(LineRows.read(spark, files, hadoopConf), config)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      StageStats stats = new StageStats(NAME);
      StageOutputs.countOutcomes(classified, stats);
      addGroupDetails(classified, config, stats);

      String work = context.workDir();
      long keptBytes = JsonlFolderWriter.write(kept(classified),
          StageOutputs.folder(work, StageOutputs.KEPT), config.outputFiles(), hadoopConf,
          Documents.ID);
      JsonlFolderWriter.write(dropped(classified),
          StageOutputs.folder(work, StageOutputs.DROPPED), config.outputFiles(), hadoopConf,
          Documents.ID);
      JsonlFolderWriter.write(quarantined(classified),
          StageOutputs.folder(work, StageOutputs.QUARANTINE), config.outputFiles(), hadoopConf,
          Quarantine.FILE, Quarantine.OFFSET);
      stats.bytesOut(keptBytes);

      StageOutputs.verifyWritten(spark, work, stats);
      return stats;
    } finally {
      classified.unpersist();
    }
  }

  private static List<InputFile> listKeptFiles(String input, Configuration hadoopConf)
      throws IOException {
    Path marker = new Path(input, StageRunner.SUCCESS_MARKER);
    if (!marker.getFileSystem(hadoopConf).exists(marker)) {
      throw new IllegalArgumentException("dedup input " + input + " is not a committed stage "
          + "output (it has no " + StageRunner.SUCCESS_MARKER + " marker); run the stage that "
          + "writes it first");
    }
    String label = new Path(input).getName();
    List<InputFile> files = new ArrayList<>();
    String kept = StageOutputs.folder(input, StageOutputs.KEPT);
    for (String uri : InputFiles.list("dedup input " + input, kept, hadoopConf)) {
      files.add(new InputFile(label, uri));
    }
    return files;
  }

  /**
   * Parses each line, decides its outcome and, for documents, its dedup group, in one projection
   * so the input is read once.
   */
  private static Dataset<Row> classify(Dataset<Row> lines, DedupConfig config) {
    StructType parsedSchema = Documents.SCHEMA.add(CORRUPT_RECORD, DataTypes.StringType, true);
    Dataset<Row> parsed = lines.withColumn(DOC, from_json(col(LineRows.LINE), parsedSchema,
        Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT_RECORD)));
    Dataset<Row> reasoned = parsed.withColumn(StageOutputs.REASON, quarantineReason());
    Column isDocument = col(StageOutputs.REASON).isNull();

    UserDefinedFunction textKey =
        udf((UDF1<String, byte[]>) ExactDedupKey::of, DataTypes.BinaryType);
    // Quarantined lines get a key of their own, so they never share a window partition.
    Column lineKey = unhex(sha2(concat_ws(":", col(LineRows.FILE),
        col(LineRows.OFFSET).cast(DataTypes.StringType)), 256));
    Dataset<Row> keyed = reasoned.withColumn(KEY,
        when(isDocument, textKey.apply(docColumn(Documents.TEXT))).otherwise(lineKey));

    WindowSpec group = Window.partitionBy(groupColumns(config))
        .orderBy(docColumn(Documents.ID), to_json(struct(documentColumns())));
    Column outcome = when(col(StageOutputs.REASON).isNotNull(), lit(StageOutputs.QUARANTINE))
        .when(col(RANK).equalTo(1), lit(StageOutputs.KEPT))
        .otherwise(lit(StageOutputs.DROPPED));
    return keyed
        .withColumn(RANK, row_number().over(group))
        .withColumn(KEEPER, first(docColumn(Documents.ID)).over(group))
        .withColumn(StageOutputs.OUTCOME, outcome)
        .withColumn(StageOutputs.REASON,
            when(col(StageOutputs.OUTCOME).equalTo(StageOutputs.DROPPED), lit(EXACT_DUPLICATE))
                .otherwise(col(StageOutputs.REASON)))
        .select(col(StageOutputs.OUTCOME), col(StageOutputs.REASON), col(StageOutputs.LINE_BYTES),
            col(DOC), col(KEY), col(KEEPER), col(LineRows.SOURCE), col(LineRows.FILE),
            col(LineRows.OFFSET), col(LineRows.RAW), col(LineRows.ERROR));
  }

  /** Returns the quarantine reason of a parsed line, or null for a usable document. */
  private static Column quarantineReason() {
    Column line = col(LineRows.LINE);
    Column unparsed = col(DOC).isNull().or(docColumn(CORRUPT_RECORD).isNotNull());
    // get_json_object(line, '$') is non-null for any valid JSON value, object or not.
    Column validNonObject = get_json_object(line, "$").isNotNull()
        .and(ltrim(line).startsWith("{").equalTo(false));
    return when(col(StageOutputs.REASON).isNotNull(), col(StageOutputs.REASON))
        .when(unparsed.and(validNonObject), lit(Quarantine.NOT_AN_OBJECT))
        .when(unparsed, lit(Quarantine.MALFORMED_JSON))
        .when(docColumn(Documents.TEXT).isNull(), lit(Quarantine.MISSING_TEXT))
        .when(docColumn(Documents.ID).isNull(), lit(Quarantine.MISSING_ID));
  }

  private static Column[] groupColumns(DedupConfig config) {
    return config.perSource()
        ? new Column[] {docColumn(Documents.SOURCE), col(KEY)}
        : new Column[] {col(KEY)};
  }

  private static Column docColumn(String name) {
    return col(DOC + "." + name);
  }

  private static Column[] documentColumns() {
    return Documents.COLUMNS.stream().map(name -> docColumn(name).as(name)).toArray(Column[]::new);
  }

  private static Dataset<Row> kept(Dataset<Row> classified) {
    return classified.filter(col(StageOutputs.OUTCOME).equalTo(StageOutputs.KEPT))
        .select(documentColumns());
  }

  private static Dataset<Row> dropped(Dataset<Row> classified) {
    List<Column> columns = new ArrayList<>(List.of(documentColumns()));
    columns.add(col(StageOutputs.REASON).as(Documents.FILTER_REASON));
    columns.add(col(KEEPER).as(Documents.DUPLICATE_OF));
    return classified.filter(col(StageOutputs.OUTCOME).equalTo(StageOutputs.DROPPED))
        .select(columns.toArray(Column[]::new));
  }

  private static Dataset<Row> quarantined(Dataset<Row> classified) {
    return classified.filter(col(StageOutputs.OUTCOME).equalTo(StageOutputs.QUARANTINE))
        .select(col(LineRows.SOURCE).as(Quarantine.SOURCE), col(LineRows.FILE),
            col(LineRows.OFFSET), col(LineRows.RAW), col(StageOutputs.REASON),
            errorMessage().as(Quarantine.ERROR));
  }

  /** Returns the reader's error message, or one for the reasons that Spark's parser decides. */
  private static Column errorMessage() {
    Column reason = col(StageOutputs.REASON);
    return when(col(LineRows.ERROR).isNotNull(), col(LineRows.ERROR))
        .when(reason.equalTo(Quarantine.NOT_AN_OBJECT), lit("line is JSON but not an object"))
        .when(reason.equalTo(Quarantine.MALFORMED_JSON),
            lit("line is not valid JSON, or a field's value does not fit the document schema"))
        .when(reason.equalTo(Quarantine.MISSING_TEXT), lit("field 'text' is absent or null"))
        .otherwise(lit("field 'id' is absent or null"));
  }

  private static void addGroupDetails(Dataset<Row> classified, DedupConfig config,
      StageStats stats) {
    Row groups = classified.filter(col(StageOutputs.OUTCOME).equalTo(StageOutputs.DROPPED))
        .groupBy(groupColumns(config)).agg(count("*").as("duplicates"))
        .agg(count("*"), max(col("duplicates")))
        .first();
    long duplicateGroups = groups.getLong(0);
    long largestGroup = groups.isNullAt(1) ? Math.min(1, stats.kept()) : groups.getLong(1) + 1;
    stats.detail("scope", config.perSource() ? DedupConfig.PER_SOURCE : DedupConfig.GLOBAL);
    stats.detail("duplicate_groups", duplicateGroups);
    stats.detail("largest_group_size", largestGroup);
  }
}

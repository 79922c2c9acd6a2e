package org.openseek.pipeline.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.openseek.pipeline.stage.StageAccountingException;
import org.openseek.pipeline.stage.StageStats;

/**
 * Folder names of a stage output and the accounting shared by stages that classify input lines.
 *
 * <p>A classified Dataset has one row per input record with the columns {@link #OUTCOME} (one of
 * {@link #KEPT}, {@link #DROPPED}, {@link #QUARANTINE}), {@link #REASON} (the drop or quarantine
 * reason, null when kept) and {@link #LINE_BYTES} (the record's bytes in the input).
 */
public final class StageOutputs {

  public static final String KEPT = "kept";
  public static final String DROPPED = "dropped";
  public static final String QUARANTINE = "quarantine";

  public static final String OUTCOME = "outcome";
  public static final String REASON = "reason";
  public static final String LINE_BYTES = "line_bytes";

  private StageOutputs() {}

  /** Returns the URI of a folder inside a stage output or work directory. */
  public static String folder(String stageDir, String name) {
    return new Path(stageDir, name).toString();
  }

  /**
   * Sets input, kept, dropped and quarantined counts and bytes in on {@code stats}, from one
   * aggregation over the classified Dataset.
   */
  public static void countOutcomes(Dataset<Row> classified, StageStats stats) {
    List<Row> groups = classified.groupBy(col(OUTCOME), col(REASON))
        .agg(count("*").as("records"), sum(col(LINE_BYTES)).as("bytes"))
        .collectAsList();
    long input = 0;
    long kept = 0;
    long bytesIn = 0;
    for (Row group : groups) {
      String outcome = group.getString(0);
      String reason = group.isNullAt(1) ? null : group.getString(1);
      long records = group.getLong(2);
      input += records;
      bytesIn += group.isNullAt(3) ? 0 : group.getLong(3);
      switch (outcome) {
        case KEPT -> kept += records;
        case DROPPED -> stats.addDropped(reason, records);
        case QUARANTINE -> stats.addQuarantined(reason, records);
        default -> throw new IllegalStateException("unknown outcome '" + outcome + "'");
      }
    }
    stats.input(input).kept(kept).bytesIn(bytesIn);
  }

  /**
   * Counts the rows written to {@code kept/}, {@code dropped/} and {@code quarantine/} and checks
   * them against the aggregated counts in {@code stats} and against its input count.
   *
   * @throws StageAccountingException naming every count when they differ
   */
  public static void verifyWritten(SparkSession spark, String workDir, StageStats stats) {
    long kept = countLines(spark, folder(workDir, KEPT));
    long dropped = countLines(spark, folder(workDir, DROPPED));
    long quarantined = countLines(spark, folder(workDir, QUARANTINE));
    boolean matches = kept == stats.kept() && dropped == stats.droppedTotal()
        && quarantined == stats.quarantinedTotal() && kept + dropped + quarantined == stats.input();
    if (!matches) {
      throw new StageAccountingException(String.format(
          "stage '%s' wrote kept %d, dropped %d, quarantined %d rows (sum %d), but counted input %d,"
              + " kept %d, dropped %d, quarantined %d in %s",
          stats.stage(), kept, dropped, quarantined, kept + dropped + quarantined, stats.input(),
          stats.kept(), stats.droppedTotal(), stats.quarantinedTotal(), workDir));
    }
  }

  private static long countLines(SparkSession spark, String folderUri) {
    return spark.read().text(folderUri).count();
  }
}

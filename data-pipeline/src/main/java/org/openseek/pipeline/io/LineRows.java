package org.openseek.pipeline.io;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads JSON Lines files into a Dataset with one row per line, for stages that parse the JSON
 * with Spark.
 *
 * <p>Columns: {@link #SOURCE} (the {@link InputFile}'s source), {@code file}, {@code offset},
 * {@link #LINE} (the decoded line, null when {@code reason} is set), {@code raw},
 * {@code line_bytes}, {@code reason} (null, or the {@link DecodedLine} reason) and {@code error}.
 */
public final class LineRows {

  public static final String SOURCE = "line_source";
  public static final String FILE = "file";
  public static final String OFFSET = "offset";
  public static final String LINE = "line";
  public static final String RAW = "raw";
  public static final String ERROR = "error";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
      DataTypes.createStructField(FILE, DataTypes.StringType, false),
      DataTypes.createStructField(OFFSET, DataTypes.LongType, false),
      DataTypes.createStructField(LINE, DataTypes.StringType, true),
      DataTypes.createStructField(RAW, DataTypes.StringType, false),
      DataTypes.createStructField(StageOutputs.LINE_BYTES, DataTypes.LongType, false),
      DataTypes.createStructField(StageOutputs.REASON, DataTypes.StringType, true),
      DataTypes.createStructField(ERROR, DataTypes.StringType, true),
  });

  private LineRows() {}

  /**
   * Reads every file in its own task. NOTE: parallelism is therefore limited to the file count.
   * A large plain file should later be split into byte ranges aligned to line starts.
   */
  public static Dataset<Row> read(SparkSession spark, List<InputFile> files,
      Configuration hadoopConf) {
    SerializableHadoopConf conf = new SerializableHadoopConf(hadoopConf);
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(files, Math.max(1, files.size()))
        .flatMap(file -> LineIterators.open(file.uri(), conf.get(),
            line -> toRow(file.source(), line)));
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Row toRow(String source, RawLine line) {
    DecodedLine decoded = DecodedLine.of(line);
    return RowFactory.create(source, line.file(), line.offset(), decoded.text(), decoded.raw(),
        line.byteCount(), decoded.reason(), decoded.error());
  }
}

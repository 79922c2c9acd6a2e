package org.openseek.pipeline;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schema of the document rows that every stage reads and writes.
 *
 * <p>Columns, in this order: {@code id} (stable: a source's own id, or else derived from the
 * source name and a hash of the text), {@code text}, {@code source}, {@code lang}, {@code url}
 * (nullable), {@code domain} (nullable), {@code quality} (classifier name to score),
 * {@code quality_bucket} (0-19, nullable) and {@code meta} (pass-through scalar fields of the
 * input, as strings). Documents in {@code dropped/} carry {@link #FILTER_REASON} as well, and
 * dedup adds {@link #DUPLICATE_OF}.
 */
public final class Documents {

  public static final String ID = "id";
  public static final String TEXT = "text";
  public static final String SOURCE = "source";
  public static final String LANG = "lang";
  public static final String URL = "url";
  public static final String DOMAIN = "domain";
  public static final String QUALITY = "quality";
  public static final String QUALITY_BUCKET = "quality_bucket";
  public static final String META = "meta";

  /** Column of {@code dropped/} rows: the name of the rule that dropped the document. */
  public static final String FILTER_REASON = "filter_reason";
  /** Column of dedup's {@code dropped/} rows: the id of the copy that was kept. */
  public static final String DUPLICATE_OF = "duplicate_of";

  /** The document columns in their fixed order. */
  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(ID, DataTypes.StringType, false),
      DataTypes.createStructField(TEXT, DataTypes.StringType, false),
      DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
      DataTypes.createStructField(LANG, DataTypes.StringType, false),
      DataTypes.createStructField(URL, DataTypes.StringType, true),
      DataTypes.createStructField(DOMAIN, DataTypes.StringType, true),
      DataTypes.createStructField(QUALITY,
          DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), true),
      DataTypes.createStructField(QUALITY_BUCKET, DataTypes.IntegerType, true),
      DataTypes.createStructField(META,
          DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true),
  });

  /** The names of {@link #SCHEMA}'s columns, in order. */
  public static final List<String> COLUMNS = List.of(SCHEMA.fieldNames());

  private Documents() {}

  /** Returns {@link #SCHEMA} followed by the given nullable string columns. */
  public static StructType withStringColumns(String... names) {
    StructType schema = SCHEMA;
    for (String name : names) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    return schema;
  }

  /**
   * Reads a folder of JSONL document files, such as a stage's {@code kept/}, with {@link #SCHEMA}.
   *
   * <p>The read is in FAILFAST mode: a line that does not parse fails the Spark job that reads it,
   * because stage outputs are written by this project and a bad line means the output is damaged.
   * Dedup reads its input line by line instead and quarantines bad lines.
   */
  public static Dataset<Row> read(SparkSession spark, String folderUri) {
    return spark.read().schema(SCHEMA).option("mode", "FAILFAST").json(folderUri);
  }
}

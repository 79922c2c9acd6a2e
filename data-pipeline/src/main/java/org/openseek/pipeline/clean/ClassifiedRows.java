package org.openseek.pipeline.clean;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;
import org.openseek.pipeline.Documents;
import org.openseek.pipeline.Quarantine;
import org.openseek.pipeline.io.StageOutputs;

/**
 * The clean stage's intermediate rows: one per input record, with its outcome, and either the
 * document columns or the quarantine columns filled.
 */
final class ClassifiedRows {

  static final StructType SCHEMA;

  static {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(StageOutputs.OUTCOME, DataTypes.StringType, false));
    fields.add(DataTypes.createStructField(StageOutputs.REASON, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(StageOutputs.LINE_BYTES, DataTypes.LongType, false));
    for (StructField field : Documents.SCHEMA.fields()) {
      boolean required = field.name().equals(Documents.SOURCE);
      fields.add(DataTypes.createStructField(field.name(), field.dataType(), !required));
    }
    fields.add(DataTypes.createStructField(Quarantine.FILE, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(Quarantine.OFFSET, DataTypes.LongType, true));
    fields.add(DataTypes.createStructField(Quarantine.RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(Quarantine.ERROR, DataTypes.StringType, true));
    SCHEMA = DataTypes.createStructType(fields);
  }

  private ClassifiedRows() {}

  /** Builds the row of a document; {@code dropReason} is null for a kept document. */
  static Row document(String dropReason, long lineBytes, String id, String text, String source,
      String lang, String url, Map<String, String> meta) {
    String outcome = dropReason == null ? StageOutputs.KEPT : StageOutputs.DROPPED;
    return RowFactory.create(outcome, dropReason, lineBytes,
        id, text, source, lang, url, null, scalaMap(Map.of()), null, scalaMap(meta),
        null, null, null, null);
  }

  /** Builds the row of a quarantined input record. */
  static Row quarantine(String reason, long lineBytes, String source, String file, long offset,
      String raw, String error) {
    return RowFactory.create(StageOutputs.QUARANTINE, reason, lineBytes,
        null, null, source, null, null, null, null, null, null,
        file, offset, raw, error);
  }

  /** Wraps a Java map for a Row, since Spark's Row encoder takes only Scala maps. */
  private static scala.collection.Map<String, ?> scalaMap(Map<String, ?> map) {
    return CollectionConverters.asScala(map);
  }

  static Dataset<Row> kept(Dataset<Row> classified) {
    return classified.filter(col(StageOutputs.OUTCOME).equalTo(StageOutputs.KEPT))
        .select(columns(Documents.COLUMNS));
  }

  static Dataset<Row> dropped(Dataset<Row> classified) {
    List<Column> columns = new ArrayList<>(List.of(columns(Documents.COLUMNS)));
    columns.add(col(StageOutputs.REASON).as(Documents.FILTER_REASON));
    return classified.filter(col(StageOutputs.OUTCOME).equalTo(StageOutputs.DROPPED))
        .select(columns.toArray(Column[]::new));
  }

  static Dataset<Row> quarantined(Dataset<Row> classified) {
    return classified.filter(col(StageOutputs.OUTCOME).equalTo(StageOutputs.QUARANTINE))
        .select(columns(Quarantine.COLUMNS));
  }

  private static Column[] columns(List<String> names) {
    return names.stream().map(name -> col(name)).toArray(Column[]::new);
  }
}

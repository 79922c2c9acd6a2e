package org.openseek.pipeline;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Schema and reasons of the {@code quarantine/} rows: input lines that did not yield a document.
 *
 * <p>Columns: {@code source} (source name, or the upstream stage folder for later stages),
 * {@code file} (the input file URI), {@code offset} (byte offset of the line's first byte in the
 * decompressed file, counting a leading byte-order mark), {@code raw} (the line), {@code reason}
 * (one of the constants below) and {@code error} (a message saying what was wrong).
 *
 * <p>{@code raw} is the line as text, without its line terminator, except for two reasons:
 * for {@link #INVALID_UTF8} it is the line's bytes in base64, and for {@link #TRUNCATED_FILE} it
 * is the partial last line decoded with U+FFFD in place of invalid bytes (often empty).
 */
public final class Quarantine {

  public static final String SOURCE = "source";
  public static final String FILE = "file";
  public static final String OFFSET = "offset";
  public static final String RAW = "raw";
  public static final String REASON = "reason";
  public static final String ERROR = "error";

  /** The line is not valid JSON. */
  public static final String MALFORMED_JSON = "malformed_json";
  /** The line is valid JSON but not an object, for example an array. */
  public static final String NOT_AN_OBJECT = "not_an_object";
  /** The text field is absent, null or not a string. */
  public static final String MISSING_TEXT = "missing_text";
  /** A stage output row has no id. */
  public static final String MISSING_ID = "missing_id";
  /** The line's bytes are not valid UTF-8. */
  public static final String INVALID_UTF8 = "invalid_utf8";
  /** The line is empty or contains only whitespace. */
  public static final String BLANK_LINE = "blank_line";
  /** The compressed file ended early or is corrupt; lines before the break are kept. */
  public static final String TRUNCATED_FILE = "truncated_file";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField(SOURCE, DataTypes.StringType, false),
      DataTypes.createStructField(FILE, DataTypes.StringType, false),
      DataTypes.createStructField(OFFSET, DataTypes.LongType, false),
      DataTypes.createStructField(RAW, DataTypes.StringType, false),
      DataTypes.createStructField(REASON, DataTypes.StringType, false),
      DataTypes.createStructField(ERROR, DataTypes.StringType, false),
  });

  public static final List<String> COLUMNS = List.of(SCHEMA.fieldNames());

  private Quarantine() {}
}

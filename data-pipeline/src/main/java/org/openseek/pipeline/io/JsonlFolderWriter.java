package org.openseek.pipeline.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a Dataset as a folder of exactly {@code fileCount} JSON Lines files,
 * {@code part-00000.jsonl} to {@code part-<fileCount-1>.jsonl}, with the same bytes for the same
 * rows whatever the input partitioning or row order.
 *
 * <p>Rows go to a file by a hash of the placement columns ({@code repartition(n, cols)}), and are
 * sorted within the file by the placement columns, then by every other column in schema order
 * (map, struct and array columns by their JSON), so the order is total. After Spark writes, its
 * {@code part-NNNNN-<uuid>-c000.json} files are renamed, its {@code _SUCCESS} and {@code .crc}
 * files are deleted, and an empty file is created for each partition that received no rows.
 */
public final class JsonlFolderWriter {

  public static final String PART_PATTERN = "part-%05d.jsonl";
  private static final Pattern SPARK_PART = Pattern.compile("part-(\\d{5})-.*\\.json");

  private JsonlFolderWriter() {}

  /**
   * Writes the rows and returns the total size of the written files in bytes.
   *
   * @param folderUri the output folder, which must not exist yet
   * @param fileCount the number of output files, at least 1
   * @param placementColumns the columns whose hash picks a row's file, e.g. {@code id}
   */
  public static long write(Dataset<Row> rows, String folderUri, int fileCount,
      Configuration hadoopConf, String... placementColumns) throws IOException {
    if (fileCount < 1) {
      throw new IllegalArgumentException("fileCount must be at least 1, got " + fileCount);
    }
    Column[] placement = Arrays.stream(placementColumns).map(name -> col(name)).toArray(Column[]::new);
    Dataset<Row> placed = rows.repartition(fileCount, placement)
        .sortWithinPartitions(totalOrder(rows.schema(), placementColumns));
    placed.write()
        .mode(SaveMode.ErrorIfExists)
        .option("compression", "none")
        .option("ignoreNullFields", "true")
        .option("maxRecordsPerFile", "0")
        .json(folderUri);
    return renameParts(folderUri, fileCount, hadoopConf);
  }

  /** Returns the sort columns: the given columns first, then all others, maps by their JSON. */
  static Column[] totalOrder(StructType schema, String... firstColumns) {
    List<String> first = List.of(firstColumns);
    List<Column> order = new ArrayList<>();
    for (String name : firstColumns) {
      order.add(sortable(schema.apply(name)));
    }
    for (StructField field : schema.fields()) {
      if (!first.contains(field.name())) {
        order.add(sortable(field));
      }
    }
    return order.toArray(Column[]::new);
  }

  private static Column sortable(StructField field) {
    boolean nested = field.dataType() instanceof MapType || field.dataType() instanceof StructType
        || field.dataType() instanceof ArrayType;
    return nested ? to_json(col(field.name())) : col(field.name());
  }

  private static long renameParts(String folderUri, int fileCount, Configuration hadoopConf)
      throws IOException {
    Path folder = new Path(folderUri);
    FileSystem fs = folder.getFileSystem(hadoopConf);
    // The raw file system lists and moves .crc files like any other, so none are left behind.
    if (fs instanceof ChecksumFileSystem checksummed) {
      fs = checksummed.getRawFileSystem();
    }

    boolean[] present = new boolean[fileCount];
    for (FileStatus status : fs.listStatus(folder)) {
      Matcher matcher = SPARK_PART.matcher(status.getPath().getName());
      if (!matcher.matches()) {
        continue;
      }
      int index = Integer.parseInt(matcher.group(1));
      if (index >= fileCount || present[index]) {
        throw new IOException("Spark wrote an unexpected file " + status.getPath() + " for "
            + fileCount + " partitions; is spark.sql.files.maxRecordsPerFile set?");
      }
      present[index] = true;
      Path target = new Path(folder, String.format(PART_PATTERN, index));
      if (!fs.rename(status.getPath(), target)) {
        throw new IOException("could not rename " + status.getPath() + " to " + target);
      }
    }
    for (FileStatus status : fs.listStatus(folder)) {
      String name = status.getPath().getName();
      if (!name.matches("part-\\d{5}\\.jsonl")) {
        fs.delete(status.getPath(), true);
      }
    }

    long bytes = 0;
    for (int index = 0; index < fileCount; index++) {
      Path target = new Path(folder, String.format(PART_PATTERN, index));
      if (!present[index]) {
        fs.create(target, false).close();
      }
      bytes += fs.getFileStatus(target).getLen();
    }
    return bytes;
  }
}

package org.openseek.pipeline.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Lists the JSON Lines files of an input path on the driver. */
public final class InputFiles {

  /** File name endings that a folder listing picks up. */
  public static final List<String> SUFFIXES = List.of(".jsonl", ".jsonl.gz", ".json", ".json.gz");

  private InputFiles() {}

  /**
   * Lists the files of one input path.
   *
   * <p>A file path is returned as it is, whatever its name. A folder path yields its
   * {@code *.jsonl}, {@code *.jsonl.gz}, {@code *.json} and {@code *.json.gz} files, sorted by
   * name and not recursive. Names starting with {@code .} or {@code _} are skipped.
   *
   * @param label what the path belongs to, for error messages, e.g. {@code source 'zh-wiki'}
   * @throws IllegalArgumentException when the path does not exist or the folder contains no such file
   */
  public static List<String> list(String label, String pathUri, Configuration conf)
      throws IOException {
    Path path = new Path(pathUri);
    FileSystem fs = path.getFileSystem(conf);
    if (!fs.exists(path)) {
      throw new IllegalArgumentException(label + ": path " + pathUri
          + " does not exist; fix the path or remove the entry");
    }
    FileStatus status = fs.getFileStatus(path);
    if (status.isFile()) {
      return List.of(status.getPath().toString());
    }

    List<FileStatus> matches = new ArrayList<>();
    for (FileStatus child : fs.listStatus(path)) {
      String name = child.getPath().getName();
      if (child.isFile() && !name.startsWith(".") && !name.startsWith("_") && hasSuffix(name)) {
        matches.add(child);
      }
    }
    if (matches.isEmpty()) {
      throw new IllegalArgumentException(label + ": folder " + pathUri + " contains no file ending in "
          + String.join(", ", SUFFIXES) + "; point the path at a data file or a folder of them");
    }
    matches.sort(Comparator.comparing(child -> child.getPath().getName()));
    List<String> uris = new ArrayList<>(matches.size());
    for (FileStatus match : matches) {
      uris.add(match.getPath().toString());
    }
    return uris;
  }

  private static boolean hasSuffix(String name) {
    for (String suffix : SUFFIXES) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}

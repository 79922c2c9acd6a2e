package org.openseek.pipeline.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/** Opens an input file inside a Spark task as a lazy iterator of converted lines. */
public final class LineIterators {

  private LineIterators() {}

  /**
   * Opens the file and returns an iterator that converts each line on demand. The file is closed
   * when the lines run out, and also when the task ends early, for example on failure.
   */
  public static <T> Iterator<T> open(String fileUri, Configuration conf,
      Function<RawLine, T> convert) throws IOException {
    JsonlLineReader reader = JsonlLineReader.open(fileUri, conf);
    TaskContext task = TaskContext.get();
    if (task != null) {
      TaskCompletionListener closer = context -> closeQuietly(reader);
      task.addTaskCompletionListener(closer);
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        boolean more = reader.hasNext();
        if (!more) {
          close(reader);
        }
        return more;
      }

      @Override
      public T next() {
        return convert.apply(reader.next());
      }
    };
  }

  private static void close(JsonlLineReader reader) {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("failed to close " + reader, e);
    }
  }

  private static void closeQuietly(JsonlLineReader reader) {
    try {
      reader.close();
    } catch (IOException e) {
      // The task is over and its lines were consumed or abandoned, so a failed close loses nothing.
    }
  }
}

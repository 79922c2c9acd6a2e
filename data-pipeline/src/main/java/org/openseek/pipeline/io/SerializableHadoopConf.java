package org.openseek.pipeline.io;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;

/**
 * Hadoop {@link Configuration} that Spark can ship to executors inside a task closure.
 *
 * <p>{@code Configuration} is {@code Writable} but not {@code Serializable}, so this wrapper
 * writes it with its own {@code write}/{@code readFields}. Credentials set through
 * {@code spark.hadoop.*} travel with it, as they do in Spark's own file readers.
 */
public final class SerializableHadoopConf implements Serializable {

  private static final long serialVersionUID = 1L;

  private transient Configuration conf;

  public SerializableHadoopConf(Configuration conf) {
    this.conf = conf;
  }

  public Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    conf.write(out);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    conf = new Configuration(false);
    conf.readFields(in);
  }
}

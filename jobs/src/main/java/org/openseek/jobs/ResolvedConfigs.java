package org.openseek.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Renders the resolved config for the start-up log and for {@code config.conf} files. */
public final class ResolvedConfigs {

  private ResolvedConfigs() {}

  /** HOCON text of the resolved config, keys sorted, without origin comments. */
  public static String render(Config config) {
    return config.root().render(ConfigRenderOptions.defaults()
        .setOriginComments(false)
        .setComments(false)
        .setJson(false)
        .setFormatted(true));
  }

  public static void write(Config config, Path file, Configuration hadoopConf) throws IOException {
    FileSystem fs = file.getFileSystem(hadoopConf);
    try (OutputStream out = fs.create(file, true)) {
      out.write(render(config).getBytes(StandardCharsets.UTF_8));
    }
  }
}

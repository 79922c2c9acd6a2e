package org.openseek.pipeline.stage;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Hash that decides whether a committed stage output can be reused.
 *
 * <p>It covers the stage's config sections and the identity of each input: the commit marker of a
 * committed stage output (so a redone upstream stage invalidates this one), or else the path, size
 * and modification time of a raw input file or folder.
 */
public final class ConfigHash {

  private ConfigHash() {}

  public static String of(Config config, List<String> sections, List<String> inputs,
      Configuration hadoopConf) throws IOException {
    MessageDigest digest = sha256();
    for (String section : sections) {
      String rendered = config.hasPath(section)
          ? config.getValue(section).render(ConfigRenderOptions.concise())
          : "null";
      update(digest, section + "=" + rendered);
    }
    for (String input : inputs) {
      update(digest, "input=" + input);
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(hadoopConf);
      Path marker = new Path(path, StageRunner.SUCCESS_MARKER);
      if (fs.exists(marker)) {
        try (InputStream in = fs.open(marker)) {
          digest.update(in.readAllBytes());
        }
      } else if (fs.exists(path)) {
        // listStatus order is not specified (local file systems return directory order).
        FileStatus[] statuses = fs.listStatus(path);
        Arrays.sort(statuses, Comparator.comparing(status -> status.getPath().getName()));
        for (FileStatus status : statuses) {
          update(digest, status.getPath().getName() + ":" + status.getLen() + ":"
              + status.getModificationTime());
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }
}

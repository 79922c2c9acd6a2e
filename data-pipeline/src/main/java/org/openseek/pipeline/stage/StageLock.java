package org.openseek.pipeline.stage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Instant;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive claim on a stage output or a whole experiment, held in a lock file while a run
 * writes, so two runs cannot delete or overwrite each other's files.
 *
 * <p>The lock file is created only if absent: with {@code O_EXCL} semantics on a local disk, and
 * with HDFS's create-without-overwrite elsewhere. A lock left by a process that died on this host
 * is taken over. One held on another host must be removed by hand, because its owner cannot be
 * checked from here.
 */
public final class StageLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StageLock.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Content of a lock file: who holds it and since when. */
  record Owner(@JsonProperty("host") String host, @JsonProperty("pid") long pid,
      @JsonProperty("started_at") String startedAt) {}

  private final FileSystem fs;
  private final Path file;

  private StageLock(FileSystem fs, Path file) {
    this.fs = fs;
    this.file = file;
  }

  /**
   * Takes the lock, or throws when a live process holds it.
   *
   * @throws IOException naming the holder and the lock file
   */
  public static StageLock acquire(FileSystem fs, Path file) throws IOException {
    Owner self = new Owner(hostName(), ProcessHandle.current().pid(), Instant.now().toString());
    if (tryCreate(fs, file, self)) {
      return new StageLock(fs, file);
    }
    Owner holder = read(fs, file);
    boolean deadHere = holder != null && holder.host().equals(self.host())
        && ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true);
    if (deadHere) {
      LOG.info("taking over lock {} of process {}, which is no longer running", file, holder.pid());
      fs.delete(file, false);
      if (tryCreate(fs, file, self)) {
        return new StageLock(fs, file);
      }
      holder = read(fs, file);
    }
    String owner = holder == null ? "another run"
        : "process " + holder.pid() + " on " + holder.host() + " since " + holder.startedAt();
    throw new IOException("the output is in use by " + owner + " (lock file " + file
        + "); wait for that run to finish, or delete the lock file if it is no longer running");
  }

  private static boolean tryCreate(FileSystem fs, Path file, Owner owner) throws IOException {
    if ("file".equals(fs.getUri().getScheme())) {
      java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(file).toUri());
      try {
        java.nio.file.Files.createFile(local);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
      java.nio.file.Files.write(local, JSON.writeValueAsBytes(owner));
      return true;
    }
    try (OutputStream out = fs.create(file, false)) {
      JSON.writeValue(out, owner);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (fs.exists(file)) {
        return false; // some file systems report an existing file with a plain IOException
      }
      throw e;
    }
  }

  private static Owner read(FileSystem fs, Path file) {
    try (InputStream in = fs.open(file)) {
      return JSON.readValue(in, Owner.class);
    } catch (IOException e) {
      return null; // vanished or half-written: treated as held by an unknown run
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  @Override
  public void close() throws IOException {
    fs.delete(file, false);
  }
}

package org.openseek.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageRunnerTest {

  private static final Config CONFIG = ConfigFactory.parseString("demo { size = 1 }");

  @TempDir
  Path tmp;

  private final StageRunner runner = new StageRunner(new Configuration());

  /** A stage that writes one file and reports the given counts. */
  private static class FileWritingStage implements Stage {
    int runs;
    long input = 3;
    long kept = 2;
    long dropped = 1;
    RuntimeException failure;

    @Override
    public String name() {
      return "demo";
    }

    @Override
    public StageStats run(StageContext context) throws IOException {
      runs++;
      Path work = Path.of(java.net.URI.create(context.workDir()));
      Files.writeString(work.resolve("data.txt"), "run " + runs, StandardCharsets.UTF_8);
      if (failure != null) {
        throw failure;
      }
      return new StageStats(name()).input(input).kept(kept).addDropped("too_short", dropped);
    }
  }

  private String output() {
    return tmp.resolve("out").resolve("demo").toUri().toString();
  }

  private Path outputPath() {
    return tmp.resolve("out").resolve("demo");
  }

  private Path workPath() {
    return tmp.resolve("out").resolve(".demo.inprogress");
  }

  @Test
  void commitWritesMarkerStatsAndData() throws Exception {
    FileWritingStage stage = new FileWritingStage();

    StageRunner.Result result = runner.run(stage, null, CONFIG, List.of(), output(), "hash-a");

    assertFalse(result.skipped());
    assertEquals("run 1", Files.readString(outputPath().resolve("data.txt")));
    StageCommitMarker marker = StageRunner.readMarkerIfPresent(new Configuration(), output());
    assertEquals("hash-a", marker.configHash());
    assertEquals("demo", marker.stage());
    StageStats stats = StageRunner.readStats(new Configuration(), output());
    assertEquals(3, stats.input());
    assertEquals(2, stats.kept());
    assertEquals(1L, stats.dropped().get("too_short"));
    assertFalse(Files.exists(workPath()));
  }

  @Test
  void rerunWithSameHashSkips() throws Exception {
    FileWritingStage stage = new FileWritingStage();
    runner.run(stage, null, CONFIG, List.of(), output(), "hash-a");

    StageRunner.Result again = runner.run(stage, null, CONFIG, List.of(), output(), "hash-a");

    assertTrue(again.skipped());
    assertEquals(1, stage.runs);
    assertEquals(3, again.stats().input());
    assertEquals("run 1", Files.readString(outputPath().resolve("data.txt")));
  }

  @Test
  void changedHashRunsAgain() throws Exception {
    FileWritingStage stage = new FileWritingStage();
    runner.run(stage, null, CONFIG, List.of(), output(), "hash-a");

    StageRunner.Result again = runner.run(stage, null, CONFIG, List.of(), output(), "hash-b");

    assertFalse(again.skipped());
    assertEquals(2, stage.runs);
    assertEquals("run 2", Files.readString(outputPath().resolve("data.txt")));
    assertEquals("hash-b",
        StageRunner.readMarkerIfPresent(new Configuration(), output()).configHash());
  }

  @Test
  void failingStageLeavesNoOutputOrWorkDir() {
    FileWritingStage stage = new FileWritingStage();
    stage.failure = new IllegalStateException("disk full");

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> runner.run(stage, null, CONFIG, List.of(), output(), "hash-a"));

    assertEquals("disk full", thrown.getMessage());
    assertFalse(Files.exists(outputPath()));
    assertFalse(Files.exists(workPath()));
  }

  @Test
  void failedRedoKeepsOldOutput() throws Exception {
    FileWritingStage stage = new FileWritingStage();
    runner.run(stage, null, CONFIG, List.of(), output(), "hash-a");
    stage.failure = new IllegalStateException("disk full");

    assertThrows(IllegalStateException.class,
        () -> runner.run(stage, null, CONFIG, List.of(), output(), "hash-b"));

    assertEquals("run 1", Files.readString(outputPath().resolve("data.txt")));
    assertTrue(Files.readString(outputPath().resolve("_SUCCESS")).contains("hash-a"));
    assertFalse(Files.exists(workPath()));
  }

  @Test
  void outputOfAnotherStageIsRejected() throws Exception {
    runner.run(new FileWritingStage(), null, CONFIG, List.of(), output(), "hash-a");
    Stage other = new Stage() {
      @Override
      public String name() {
        return "other";
      }

      @Override
      public StageStats run(StageContext context) {
        throw new AssertionError("must not run");
      }
    };

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> runner.run(other, null, CONFIG, List.of(), output(), "hash-b"));

    assertTrue(thrown.getMessage().contains("committed output of stage 'demo'"), thrown.getMessage());
    assertEquals("run 1", Files.readString(outputPath().resolve("data.txt")));
  }

  @Test
  void outputOverlappingInputIsRejected() throws Exception {
    runner.run(new FileWritingStage(), null, CONFIG, List.of(), output(), "hash-a");
    String inside = outputPath().resolve("nested").toUri().toString();

    IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
        () -> runner.run(new FileWritingStage(), null, CONFIG, List.of(output()), output(), "hash-b"));
    IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
        () -> runner.run(new FileWritingStage(), null, CONFIG, List.of(output()), inside, "hash-b"));

    assertTrue(same.getMessage().contains("overlaps its input"), same.getMessage());
    assertTrue(nested.getMessage().contains("overlaps its input"), nested.getMessage());
    assertEquals("run 1", Files.readString(outputPath().resolve("data.txt")));
  }

  @Test
  void outputInsideCommittedOutputIsRejected() throws Exception {
    runner.run(new FileWritingStage(), null, CONFIG, List.of(), output(), "hash-a");
    String inside = outputPath().resolve("extra").toUri().toString();

    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
        () -> runner.run(new FileWritingStage(), null, CONFIG, List.of(), inside, "hash-a"));

    assertTrue(thrown.getMessage().contains("lies inside the committed stage output"),
        thrown.getMessage());
    assertFalse(Files.exists(outputPath().resolve("extra")));
  }

  @Test
  void outputLockedByLiveProcessIsRejected() throws Exception {
    Path lock = tmp.resolve("out").resolve(".demo.lock");
    Files.createDirectories(lock.getParent());
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(lock, "{\"host\":\"" + host + "\",\"pid\":" + ProcessHandle.current().pid()
        + ",\"started_at\":\"now\"}");

    IOException thrown = assertThrows(IOException.class,
        () -> runner.run(new FileWritingStage(), null, CONFIG, List.of(), output(), "hash-a"));

    assertTrue(thrown.getMessage().contains("in use by process " + ProcessHandle.current().pid()),
        thrown.getMessage());
    assertFalse(Files.exists(outputPath()));
  }

  @Test
  void lockOfDeadProcessIsTakenOver() throws Exception {
    Path lock = tmp.resolve("out").resolve(".demo.lock");
    Files.createDirectories(lock.getParent());
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(lock, "{\"host\":\"" + host + "\",\"pid\":" + Integer.MAX_VALUE
        + ",\"started_at\":\"then\"}");

    runner.run(new FileWritingStage(), null, CONFIG, List.of(), output(), "hash-a");

    assertTrue(Files.exists(outputPath().resolve("_SUCCESS")));
    assertFalse(Files.exists(lock), "the lock is released after the run");
  }

  @Test
  void resumableStageGetsItsWorkDirBack() throws Exception {
    FileWritingStage stage = new FileWritingStage() {
      @Override
      public boolean resumable() {
        return true;
      }
    };
    stage.failure = new IllegalStateException("killed");
    assertThrows(IllegalStateException.class,
        () -> runner.run(stage, null, CONFIG, List.of(), output(), "hash-a"));
    assertTrue(Files.exists(workPath().resolve("data.txt")), "work dir kept for resuming");
    Files.writeString(workPath().resolve("progress.txt"), "iteration 5");

    stage.failure = null;
    runner.run(stage, null, CONFIG, List.of(), output(), "hash-a");

    assertEquals("iteration 5", Files.readString(outputPath().resolve("progress.txt")));
    assertFalse(Files.exists(outputPath().resolve("_STARTED")));
  }

  @Test
  void resumableWorkDirOfOtherConfigIsDiscarded() throws Exception {
    FileWritingStage stage = new FileWritingStage() {
      @Override
      public boolean resumable() {
        return true;
      }
    };
    stage.failure = new IllegalStateException("killed");
    assertThrows(IllegalStateException.class,
        () -> runner.run(stage, null, CONFIG, List.of(), output(), "hash-a"));
    Files.writeString(workPath().resolve("progress.txt"), "iteration 5");

    stage.failure = null;
    runner.run(stage, null, CONFIG, List.of(), output(), "hash-b");

    assertFalse(Files.exists(outputPath().resolve("progress.txt")));
  }

  @Test
  void unbalancedStatsFailTheCommit() {
    FileWritingStage stage = new FileWritingStage();
    stage.kept = 1;

    StageAccountingException thrown = assertThrows(StageAccountingException.class,
        () -> runner.run(stage, null, CONFIG, List.of(), output(), "hash-a"));

    assertTrue(thrown.getMessage().contains("input 3 != kept 1 + dropped 1"), thrown.getMessage());
    assertFalse(Files.exists(outputPath()));
    assertFalse(Files.exists(workPath()));
  }

  @Test
  void uncommittedOutputIsRejected() throws Exception {
    Files.createDirectories(outputPath());
    Files.writeString(outputPath().resolve("stray.txt"), "left by hand");

    IOException thrown = assertThrows(IOException.class,
        () -> runner.run(new FileWritingStage(), null, CONFIG, List.of(), output(), "hash-a"));

    assertTrue(thrown.getMessage().contains("contains no _SUCCESS"), thrown.getMessage());
    assertTrue(Files.exists(outputPath().resolve("stray.txt")));
  }

  @Test
  void leftoverWorkDirIsReplaced() throws Exception {
    Files.createDirectories(workPath());
    Files.writeString(workPath().resolve("half.txt"), "interrupted");

    runner.run(new FileWritingStage(), null, CONFIG, List.of(), output(), "hash-a");

    assertFalse(Files.exists(outputPath().resolve("half.txt")));
    assertFalse(Files.exists(workPath()));
  }

  @Test
  void configHashFollowsSectionAndInputs() throws Exception {
    Path input = tmp.resolve("input");
    Files.createDirectories(input);
    Files.writeString(input.resolve("b.jsonl"), "{}\n");
    Files.writeString(input.resolve("a.jsonl"), "{}\n");
    List<String> inputs = List.of(input.toUri().toString());
    Configuration conf = new Configuration();
    Config changed = ConfigFactory.parseString("demo { size = 2 }");
    Config unrelated = ConfigFactory.parseString("demo { size = 1 }, other { x = 1 }");

    String first = ConfigHash.of(CONFIG, List.of("demo"), inputs, conf);
    String same = ConfigHash.of(CONFIG, List.of("demo"), inputs, conf);
    String otherSection = ConfigHash.of(unrelated, List.of("demo"), inputs, conf);
    String changedSection = ConfigHash.of(changed, List.of("demo"), inputs, conf);
    Files.writeString(input.resolve("a.jsonl"), "{\"text\": \"more\"}\n");
    String changedInput = ConfigHash.of(CONFIG, List.of("demo"), inputs, conf);

    assertEquals(first, same);
    assertEquals(first, otherSection);
    assertNotEquals(first, changedSection);
    assertNotEquals(first, changedInput);
  }
}

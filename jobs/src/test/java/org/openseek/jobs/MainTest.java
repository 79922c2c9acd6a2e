package org.openseek.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit status and messages of the command line, without running a stage. */
class MainTest {

  @TempDir
  Path temp;

  private record Outcome(int status, String err, String out) {}

  private static Outcome execute(String... args) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int status = Main.execute(args);
      return new Outcome(status, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
  }

  @Test
  void helpOfEveryCommandExitsZero() {
    for (String command : new String[] {"pipeline", "clean", "dedup", "tokenize", "mix", "train"}) {
      Outcome outcome = execute(command, "--help");
      assertEquals(0, outcome.status(), command + " --help: " + outcome.err());
      assertTrue(outcome.out().contains("Usage: openseek " + command), outcome.out());
    }
  }

  @Test
  void versionOfEveryCommandIsPrinted() {
    for (String command : new String[] {"pipeline", "clean", "dedup", "tokenize", "mix", "train"}) {
      Outcome outcome = execute(command, "-V");
      assertEquals(0, outcome.status(), command + " -V: " + outcome.err());
      assertTrue(outcome.out().startsWith("openseek "), command + " -V: " + outcome.out());
    }
  }

  @Test
  void unknownOptionIsUsageError() {
    Outcome outcome = execute("dedup", "--input", "in", "--output", "out", "--no-such-option");
    assertEquals(2, outcome.status());
    assertTrue(outcome.err().contains("--no-such-option"), outcome.err());
  }

  @Test
  void missingConfigFileNamesThePath() {
    Outcome outcome = execute("pipeline", temp.resolve("absent.conf").toString());
    assertEquals(1, outcome.status());
    assertTrue(outcome.err().contains("absent.conf"), outcome.err());
  }

  @Test
  void unknownConfigKeyNamesTheKey() throws Exception {
    Path config = temp.resolve("typo.conf");
    Files.writeString(config, "clean { max-charz = 5 }\n");
    Outcome outcome = execute("pipeline", config.toString());
    assertEquals(1, outcome.status());
    assertTrue(outcome.err().contains("clean.max-charz"), outcome.err());
  }

  @Test
  void badTrainSettingFailsBeforeAnyStage() {
    String quickstart = SampleSlices.repositoryRoot().resolve("configs/quickstart.conf").toString();
    Outcome outcome = execute("pipeline", quickstart, "-Dtrain.global-batch-size=6",
        "-Dexperiment.root=" + temp.resolve("experiments"));

    assertEquals(1, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("train.global-batch-size"), outcome.err());
    assertTrue(Files.notExists(temp.resolve("experiments/quickstart/clean")),
        "no data stage ran before the check");
  }

  @Test
  void hugeSequenceFailsBeforeAnyStage() {
    String quickstart = SampleSlices.repositoryRoot().resolve("configs/quickstart.conf").toString();
    Outcome outcome = execute("pipeline", quickstart, "-Dmix.seq-length=1000000",
        "-Dexperiment.root=" + temp.resolve("experiments"));

    assertEquals(1, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("mix.seq-length 1000000"), outcome.err());
    assertTrue(Files.notExists(temp.resolve("experiments/quickstart/clean")),
        "no data stage ran before the check");
  }

  @Test
  void runningExperimentIsNotEntered() throws Exception {
    Path experiment = Files.createDirectories(temp.resolve("experiments/quickstart"));
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(experiment.resolve(".pipeline.lock"), "{\"host\":\"" + host + "\",\"pid\":"
        + ProcessHandle.current().pid() + ",\"started_at\":\"now\"}");
    String quickstart = SampleSlices.repositoryRoot().resolve("configs/quickstart.conf").toString();

    Outcome outcome = execute("pipeline", quickstart, "-Dexperiment.root=" + temp.resolve("experiments"));

    assertEquals(1, outcome.status(), outcome.err());
    assertTrue(outcome.err().contains("in use by process " + ProcessHandle.current().pid()),
        outcome.err());
    assertTrue(Files.notExists(experiment.resolve("clean")), "no stage ran");
  }

  @Test
  void inputThatIsNotAStageOutputIsRejected() throws Exception {
    Path notCommitted = Files.createDirectories(temp.resolve("raw"));
    Outcome outcome = execute("mix", "--input", notCommitted.toString(),
        "--output", temp.resolve("out").toString());
    assertEquals(1, outcome.status());
    assertTrue(outcome.err().contains("not a committed stage output"), outcome.err());
  }
}

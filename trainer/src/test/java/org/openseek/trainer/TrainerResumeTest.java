package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming a run from the checkpoint that an interrupted run left in the output directory.
 *
 * <p>The interrupted runs use {@link Trainer#runAndStopAfter}, which trains with the same
 * {@code train.steps}, and therefore the same learning-rate schedule, as the uninterrupted run it
 * is compared with, and stops the way a killed process stops. The tests show that the
 * checkpoint, the schedule and the sample order restore the training state. Both runs happen in
 * this JVM, so a resume in a new process is not tested. That process seeds the engine the same
 * way, and training draws no random numbers after the weight initialization, which a resume
 * skips.
 */
class TrainerResumeTest {

  private static final int STEPS = 10;
  private static final int GLOBAL_BATCH = 4;
  private static final String RUN = "steps = " + STEPS + ", micro-batch-size = 2,"
      + " global-batch-size = " + GLOBAL_BATCH + ", log-interval = 5, checkpoint-interval = 3,"
      + " optimizer { lr = 1e-2, min-lr = 1e-3, warmup-steps = 2 }\n";
  private static final double LOSS_TOLERANCE = 1e-6;

  @TempDir
  Path root;

  private final TrainSettings settings = TestSettings.small(RUN);
  private final CountingDocumentsSource source =
      new CountingDocumentsSource(100, 16, 100, 4, 24, 11);
  private final ObjectMapper mapper = new ObjectMapper();

  private List<JsonNode> readMetrics(Path outputDir) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(outputDir.resolve("metrics.jsonl"))) {
      lines.add(mapper.readTree(line));
    }
    return lines;
  }

  private static String latestIteration(Path outputDir) throws IOException {
    return Files.readString(outputDir.resolve("checkpoints/latest_checkpointed_iteration.txt"));
  }

  private static List<String> checkpointEntries(Path outputDir) throws IOException {
    try (Stream<Path> entries = Files.list(outputDir.resolve("checkpoints"))) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  /** Checks that {@code actual} has lines for iterations 1 to STEPS that match {@code expected}. */
  private static void assertSameMetrics(List<JsonNode> expected, List<JsonNode> actual) {
    assertEquals(STEPS, actual.size(), "metrics.jsonl lines");
    for (int i = 0; i < STEPS; i++) {
      String where = "iteration " + (i + 1);
      assertEquals(i + 1, actual.get(i).get("iteration").asInt(), where);
      assertEquals((long) GLOBAL_BATCH * (i + 1), actual.get(i).get("consumed_samples").asLong(),
          "consumed_samples, " + where);
      assertEquals(expected.get(i).get("lr").asDouble(), actual.get(i).get("lr").asDouble(),
          "lr, " + where);
      assertEquals(expected.get(i).get("lm_loss").asDouble(),
          actual.get(i).get("lm_loss").asDouble(), LOSS_TOLERANCE, "lm_loss, " + where);
      assertEquals(expected.get(i).get("grad_norm").asDouble(),
          actual.get(i).get("grad_norm").asDouble(), LOSS_TOLERANCE, "grad_norm, " + where);
    }
  }

  /** Returns the largest absolute difference between the saved weights and AdamW moments. */
  private static double maxStateDifference(Path checkpointA, Path checkpointB) throws IOException {
    try (NDManager manager = NDManager.newBaseManager()) {
      Checkpoint a = Checkpoints.load(checkpointA, manager);
      Checkpoint b = Checkpoints.load(checkpointB, manager);
      double max = 0;
      for (Map.Entry<String, NDArray> entry : a.model().parameters().asMap().entrySet()) {
        NDArray other = b.model().parameters().get(entry.getKey());
        max = Math.max(max, entry.getValue().sub(other).abs().max().getFloat());
      }
      List<NDArray> stateA = a.optimizer().state();
      List<NDArray> stateB = b.optimizer().state();
      for (int i = 0; i < stateA.size(); i++) {
        max = Math.max(max, stateA.get(i).sub(stateB.get(i)).abs().max().getFloat());
      }
      return max;
    }
  }

  @Test
  void resumedRunMatchesUninterruptedRun() throws IOException {
    Path full = root.resolve("full");
    Path resumed = root.resolve("resumed");
    TrainResult fullResult = new Trainer().run(settings, source, full);

    new Trainer().runAndStopAfter(settings, source, resumed, 7);
    assertEquals(7, readMetrics(resumed).size(), "lines before the resume");
    assertEquals("6", latestIteration(resumed), "latest checkpoint before the resume");
    TrainResult resumedResult = new Trainer().run(settings, source, resumed);

    assertSameMetrics(readMetrics(full), readMetrics(resumed));
    assertEquals(List.of("iter_0000003", "iter_0000006", "iter_0000009", "iter_0000010",
        "latest_checkpointed_iteration.txt"), checkpointEntries(resumed));
    double difference = maxStateDifference(fullResult.checkpointPath(),
        resumedResult.checkpointPath());
    assertEquals(0.0, difference, 1e-6, "max difference of weights and AdamW moments");

    assertEquals(STEPS, resumedResult.steps());
    assertEquals(fullResult.firstLoss(), resumedResult.firstLoss(), LOSS_TOLERANCE,
        "first loss, read back from metrics.jsonl");
    assertEquals(fullResult.lastLoss(), resumedResult.lastLoss(), LOSS_TOLERANCE);
    assertEquals((long) GLOBAL_BATCH * STEPS, resumedResult.consumedSamples());
    assertEquals(resumed.resolve("checkpoints/iter_0000010"), resumedResult.checkpointPath());
    assertTrue(resumedResult.meanStepMs() > 0);
  }

  @Test
  void metricsAndCheckpointsPastLatestAreReplaced() throws IOException {
    Path full = root.resolve("full");
    Path resumed = root.resolve("resumed");
    new Trainer().run(settings, source, full);
    new Trainer().runAndStopAfter(settings, source, resumed, 7);

    // A kill after writing iter_0000006 but before updating the latest file leaves this state.
    Files.writeString(resumed.resolve("checkpoints/latest_checkpointed_iteration.txt"), "3");
    // Lines after the checkpoint must be retrained, so a marked loss must not survive.
    Path metricsFile = resumed.resolve("metrics.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(metricsFile));
    ObjectNode fifth = (ObjectNode) mapper.readTree(lines.get(4));
    fifth.put("lm_loss", 999.0);
    lines.set(4, mapper.writeValueAsString(fifth));
    // A kill while appending leaves a last line without its newline.
    Files.writeString(metricsFile, String.join("\n", lines) + "\n{\"iteration\":8,\"consu");
    Files.createDirectories(resumed.resolve("checkpoints/iter_0000009.tmp-123"));

    new Trainer().run(settings, source, resumed);

    List<JsonNode> resumedMetrics = readMetrics(resumed);
    assertSameMetrics(readMetrics(full), resumedMetrics);
    assertTrue(resumedMetrics.get(4).get("lm_loss").asDouble() < 100,
        "line of iteration 5 was kept from before the resume");
    assertEquals(List.of("iter_0000003", "iter_0000006", "iter_0000009", "iter_0000010",
        "latest_checkpointed_iteration.txt"), checkpointEntries(resumed));
    assertFalse(Files.exists(resumed.resolve("metrics.jsonl.tmp")));
  }

  @Test
  void finishedOutputReturnsResultWithoutTraining() throws IOException {
    Path outputDir = root.resolve("run");
    TrainResult first = new Trainer().run(settings, source, outputDir);
    Path metricsFile = outputDir.resolve("metrics.jsonl");
    byte[] metricsBefore = Files.readAllBytes(metricsFile);
    Path weights = first.checkpointPath().resolve("model.safetensors");
    FileTime weightsModified = Files.getLastModifiedTime(weights);

    TrainResult second = new Trainer().run(settings, source, outputDir);

    assertArrayEquals(metricsBefore, Files.readAllBytes(metricsFile), "metrics.jsonl changed");
    assertEquals(weightsModified, Files.getLastModifiedTime(weights), "weights rewritten");
    assertEquals(List.of("iter_0000003", "iter_0000006", "iter_0000009", "iter_0000010",
        "latest_checkpointed_iteration.txt"), checkpointEntries(outputDir));
    assertEquals(first.steps(), second.steps());
    assertEquals(first.firstLoss(), second.firstLoss(), LOSS_TOLERANCE);
    assertEquals(first.lastLoss(), second.lastLoss(), LOSS_TOLERANCE);
    assertEquals(first.consumedSamples(), second.consumedSamples());
    assertEquals(first.checkpointPath(), second.checkpointPath());
    double timedMillis = 0;
    List<JsonNode> metrics = readMetrics(outputDir);
    for (JsonNode line : metrics.subList(1, STEPS)) {
      timedMillis += line.get("step_ms").asDouble();
    }
    assertEquals(timedMillis / (STEPS - 1), second.meanStepMs(), 1e-9,
        "mean step time of iterations 2 to " + STEPS + " in metrics.jsonl");
  }

  @Test
  void changedSettingIsRejected() throws IOException {
    Path outputDir = root.resolve("run");
    new Trainer().runAndStopAfter(settings, source, outputDir, 4);
    byte[] metricsBefore = Files.readAllBytes(outputDir.resolve("metrics.jsonl"));
    List<String> entriesBefore = checkpointEntries(outputDir);

    Map<String, String> cases = Map.of(
        "model.hidden-size = 64", "train.model.hidden-size is 32 in the checkpoint but 64 now",
        "optimizer.min-lr = 2e-3", "train.optimizer.min-lr is 0.001 in the checkpoint but 0.002",
        "steps = 12", "train.steps is 10 in the checkpoint but 12 now",
        "seed = 7", "train.seed is 42 in the checkpoint but 7 now",
        "global-batch-size = 8", "train.global-batch-size is 4 in the checkpoint but 8 now",
        "eod-mask-loss = true", "train.eod-mask-loss is false in the checkpoint but true now");
    for (Map.Entry<String, String> entry : cases.entrySet()) {
      TrainSettings changed = TestSettings.small(RUN + entry.getKey());

      String message = assertThrows(IllegalArgumentException.class,
          () -> new Trainer().run(changed, source, outputDir), entry.getKey()).getMessage();

      assertTrue(message.contains(entry.getValue()), message);
      assertTrue(message.contains("Delete " + outputDir), message);
      assertTrue(message.contains("restore the settings"), message);
    }

    CountingDocumentsSource longerSamples = new CountingDocumentsSource(100, 32, 100, 4, 24, 11);
    String message = assertThrows(IllegalArgumentException.class,
        () -> new Trainer().run(settings, longerSamples, outputDir)).getMessage();
    assertTrue(message.contains("sequence length of the sample source is 16 in the checkpoint"
        + " but 32 now"), message);

    assertArrayEquals(metricsBefore, Files.readAllBytes(outputDir.resolve("metrics.jsonl")),
        "a rejected resume changed metrics.jsonl");
    assertEquals(entriesBefore, checkpointEntries(outputDir));
  }

  @Test
  void microBatchSizeMayChangeOnResume() throws IOException {
    Path full = root.resolve("full");
    Path resumed = root.resolve("resumed");
    new Trainer().run(settings, source, full);
    new Trainer().runAndStopAfter(settings, source, resumed, 3);

    // Every position counts in the loss (eod-mask-loss = false), so one micro-batch of 4 has the
    // same mean loss as two of 2, up to float rounding.
    new Trainer().run(TestSettings.small(RUN + "micro-batch-size = 4"), source, resumed);

    List<JsonNode> expected = readMetrics(full);
    List<JsonNode> actual = readMetrics(resumed);
    assertEquals(STEPS, actual.size());
    for (int i = 0; i < STEPS; i++) {
      assertEquals(expected.get(i).get("lm_loss").asDouble(),
          actual.get(i).get("lm_loss").asDouble(), 1e-4, "lm_loss, iteration " + (i + 1));
    }
  }

  @Test
  void metricsWithoutCheckpointStartFresh() throws IOException {
    Path full = root.resolve("full");
    Path restarted = root.resolve("restarted");
    new Trainer().run(settings, source, full);
    new Trainer().runAndStopAfter(settings, source, restarted, 2);
    assertFalse(Files.exists(restarted.resolve("checkpoints")), "no checkpoint before iteration 3");
    Files.createDirectories(restarted.resolve("checkpoints/iter_0000003.tmp-77"));

    TrainResult result = new Trainer().run(settings, source, restarted);

    assertSameMetrics(readMetrics(full), readMetrics(restarted));
    assertEquals(List.of("iter_0000003", "iter_0000006", "iter_0000009", "iter_0000010",
        "latest_checkpointed_iteration.txt"), checkpointEntries(restarted));
    assertEquals(STEPS, result.steps());
  }

  @Test
  void foreignMetricsFileIsRejected() throws IOException {
    Path metricsFile = root.resolve("metrics.jsonl");
    String ownLine = "{\"iteration\":1,\"consumed_samples\":4,\"lr\":0.01,\"lm_loss\":4.8,"
        + "\"grad_norm\":1.1,\"step_ms\":9.5,\"tokens_per_second\":6700.0}\n";
    List<String> foreignContents = List.of(
        "{}\n",
        "{\"epoch\": 1, \"accuracy\": 0.5}\n",
        "loss 4.8\n",
        "loss 4.8",
        ownLine + ownLine,
        ownLine.replace("\"iteration\":1", "\"iteration\":2"));
    for (String content : foreignContents) {
      Files.writeString(metricsFile, content);

      String message = assertThrows(IllegalArgumentException.class,
          () -> new Trainer().run(settings, source, root), content).getMessage();

      assertTrue(message.contains("metrics.jsonl was not written by this trainer"), message);
      assertEquals(content, Files.readString(metricsFile), "the foreign file was changed");
    }
  }

  @Test
  void foreignCheckpointsEntryIsRejected() throws IOException {
    Path notes = root.resolve("checkpoints/notes.txt");
    Files.createDirectories(notes.getParent());
    Files.writeString(notes, "keep me");

    String message = assertThrows(IllegalArgumentException.class,
        () -> new Trainer().run(settings, source, root)).getMessage();

    assertTrue(message.contains("contains notes.txt but no latest_checkpointed_iteration.txt"),
        message);
    assertTrue(Files.exists(notes), "the foreign file was deleted");
  }
}

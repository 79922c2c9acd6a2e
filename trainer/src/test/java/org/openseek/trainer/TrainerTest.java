package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openseek.mixer.PackedSample;

class TrainerTest {

  private static final int STEPS = 40;

  @TempDir
  Path outputDir;

  @Test
  void trainingLossDecreases() throws IOException {
    TrainSettings settings = TestSettings.small("steps = " + STEPS + ", micro-batch-size = 4,"
        + " global-batch-size = 8, log-interval = 10, checkpoint-interval = 20,"
        + " optimizer { lr = 1e-2, min-lr = 1e-3, warmup-steps = 5 }");
    CountingDocumentsSource source = new CountingDocumentsSource(100, 32, STEPS * 8, 4, 24, 11);

    TrainResult result = new Trainer().run(settings, source, outputDir);

    List<String> lines = Files.readAllLines(outputDir.resolve("metrics.jsonl"));
    assertEquals(STEPS, lines.size(), "metrics.jsonl must have one line per iteration");
    ObjectMapper mapper = new ObjectMapper();
    double lastFiveSum = 0;
    for (int i = 0; i < STEPS; i++) {
      JsonNode line = mapper.readTree(lines.get(i));
      assertEquals(i + 1, line.get("iteration").asInt());
      assertEquals(8L * (i + 1), line.get("consumed_samples").asLong());
      for (String key : List.of("lr", "lm_loss", "grad_norm", "step_ms", "tokens_per_second")) {
        assertTrue(line.get(key).isNumber(), "line " + (i + 1) + " lacks numeric " + key);
      }
      if (i >= STEPS - 5) {
        lastFiveSum += line.get("lm_loss").asDouble();
      }
    }
    double firstLoss = mapper.readTree(lines.get(0)).get("lm_loss").asDouble();
    double lastFiveMean = lastFiveSum / 5;
    assertTrue(lastFiveMean < firstLoss - 2.0,
        "loss must fall by more than 2 nats: first " + firstLoss + ", mean of last 5 "
            + lastFiveMean);

    assertEquals(STEPS, result.steps());
    assertEquals(firstLoss, result.firstLoss(), 1e-9);
    assertEquals(8L * STEPS, result.consumedSamples());
    assertTrue(result.meanStepMs() > 0);
    assertTrue(result.tokensPerSecond() > 0);
    Path checkpoints = outputDir.resolve("checkpoints");
    assertEquals(checkpoints.resolve("iter_0000040"), result.checkpointPath());
    assertTrue(Files.isRegularFile(checkpoints.resolve("iter_0000020/model.safetensors")));
    assertTrue(Files.isRegularFile(checkpoints.resolve("iter_0000040/optimizer.safetensors")));
    assertTrue(Files.isRegularFile(checkpoints.resolve("iter_0000040/meta.json")));
    assertEquals("40", Files.readString(checkpoints.resolve("latest_checkpointed_iteration.txt")));
  }

  @Test
  void sameSeedGivesSameLosses() throws IOException {
    TrainSettings settings = TestSettings.small("steps = 5, seed = 9");
    CountingDocumentsSource source = new CountingDocumentsSource(100, 16, 20, 4, 24, 11);

    new Trainer().run(settings, source, outputDir.resolve("a"));
    new Trainer().run(settings, source, outputDir.resolve("b"));

    ObjectMapper mapper = new ObjectMapper();
    List<String> first = Files.readAllLines(outputDir.resolve("a/metrics.jsonl"));
    List<String> second = Files.readAllLines(outputDir.resolve("b/metrics.jsonl"));
    for (int i = 0; i < 5; i++) {
      JsonNode a = mapper.readTree(first.get(i));
      JsonNode b = mapper.readTree(second.get(i));
      String iteration = "iteration " + (i + 1);
      assertEquals(a.get("lm_loss").asDouble(), b.get("lm_loss").asDouble(),
          "lm_loss, " + iteration);
      assertEquals(a.get("grad_norm").asDouble(), b.get("grad_norm").asDouble(),
          "grad_norm, " + iteration);
    }
  }

  @Test
  void garbageCollectionKeepsLosses() throws Exception {
    TrainSettings settings = TestSettings.small("steps = 10, micro-batch-size = 2,"
        + " global-batch-size = 4, log-interval = 10");
    CountingDocumentsSource source = new CountingDocumentsSource(100, 16, 40, 4, 24, 11);
    new Trainer().run(settings, source, outputDir.resolve("quiet"));

    // Collections between the forward and backward passes free the Java memory of any scalar
    // operand that DJL has closed but autograd still reads, which corrupts the gradients.
    AtomicBoolean stop = new AtomicBoolean();
    Thread collector = new Thread(() -> {
      while (!stop.get()) {
        System.gc();
      }
    });
    collector.start();
    try {
      new Trainer().run(settings, source, outputDir.resolve("collected"));
    } finally {
      stop.set(true);
      collector.join();
    }

    ObjectMapper mapper = new ObjectMapper();
    List<String> quiet = Files.readAllLines(outputDir.resolve("quiet/metrics.jsonl"));
    List<String> collected = Files.readAllLines(outputDir.resolve("collected/metrics.jsonl"));
    for (int i = 0; i < 10; i++) {
      assertEquals(mapper.readTree(quiet.get(i)).get("lm_loss").asDouble(),
          mapper.readTree(collected.get(i)).get("lm_loss").asDouble(),
          "lm_loss, iteration " + (i + 1));
    }
  }

  @Test
  void sourceTooSmallIsRejected() {
    TrainSettings settings = TestSettings.small("steps = 5, global-batch-size = 8");
    CountingDocumentsSource source = new CountingDocumentsSource(100, 16, 39, 4, 24, 11);

    String message = assertThrows(IllegalArgumentException.class,
        () -> new Trainer().run(settings, source, outputDir)).getMessage();

    assertTrue(message.contains("contains 39 samples"), message);
    assertTrue(message.contains("needs 40"), message);
  }

  @Test
  void secondConcurrentRunIsRejected() throws Exception {
    CountDownLatch firstRunReading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountingDocumentsSource counting = new CountingDocumentsSource(100, 16, 4, 4, 24, 11);
    FixedSamplesSource blocking = new FixedSamplesSource(100, counting.eodTokenId(),
        List.of(counting.get(0).tokens(), counting.get(1).tokens(), counting.get(2).tokens(),
            counting.get(3).tokens())) {
      @Override
      public PackedSample get(long index) {
        firstRunReading.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.get(index);
      }
    };
    TrainSettings settings = TestSettings.small("steps = 1");
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<TrainResult> first =
          executor.submit(() -> new Trainer().run(settings, blocking, outputDir.resolve("first")));
      assertTrue(firstRunReading.await(60, TimeUnit.SECONDS), "the first run never read a sample");

      String message = assertThrows(IllegalStateException.class,
          () -> new Trainer().run(settings, counting, outputDir.resolve("second"))).getMessage();

      assertTrue(message.contains("another Trainer.run is active"), message);
      release.countDown();
      assertEquals(1, first.get(120, TimeUnit.SECONDS).steps());
    } finally {
      release.countDown();
      executor.shutdownNow();
    }
  }
}

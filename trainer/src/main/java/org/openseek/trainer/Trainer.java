package org.openseek.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openseek.mixer.SampleSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrains a {@link GptModel} on the packed samples of a mixture, on the DJL PyTorch engine in
 * fp32, and writes {@code metrics.jsonl} and {@code checkpoints/} into an output directory.
 *
 * <p>Only one run may be active per JVM, because DJL's PyTorch engine allows one open gradient
 * collector per JVM.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final AtomicBoolean RUNNING = new AtomicBoolean();

  static final String METRICS_FILE = "metrics.jsonl";
  static final String CHECKPOINTS_DIR = "checkpoints";

  /**
   * Runs {@code settings.steps()} iterations. Iteration i (1-based) trains on samples
   * {@code [(i-1) * G, i * G)} of {@code source}, where G is the global batch size.
   *
   * @param outputDir created if needed, and must not already contain {@code metrics.jsonl} or
   *     {@code checkpoints/}
   * @throws IllegalArgumentException when the source has too few samples or the output directory
   *     contains an earlier run
   * @throws IllegalStateException when another run is active in this JVM, or when training diverges
   */
  public TrainResult run(TrainSettings settings, SampleSource source, Path outputDir)
      throws IOException {
    if (!RUNNING.compareAndSet(false, true)) {
      throw new IllegalStateException("another Trainer.run is active in this JVM. DJL's PyTorch"
          + " engine allows one gradient collector per JVM, so start each run in its own JVM");
    }
    try {
      return runAlone(settings, source, outputDir);
    } finally {
      RUNNING.set(false);
    }
  }

  private TrainResult runAlone(TrainSettings settings, SampleSource source, Path outputDir)
      throws IOException {
    checkSource(settings, source);
    Path metricsFile = outputDir.resolve(METRICS_FILE);
    Path checkpointsDir = outputDir.resolve(CHECKPOINTS_DIR);
    for (Path earlier : List.of(metricsFile, checkpointsDir)) {
      if (Files.exists(earlier)) {
        throw new IllegalArgumentException(earlier + " already exists from an earlier run. Delete"
            + " it or choose another output directory");
      }
    }
    Files.createDirectories(outputDir);

    Engine engine = DjlEnvironment.startEngine(settings.seed());
    int steps = settings.steps();
    int globalBatch = settings.globalBatchSize();
    int sequenceLength = source.sequenceLength();
    LOG.info("training for {} iterations: global batch {} sequences of {} tokens, micro-batch {},"
            + " {} layers, hidden size {}, vocabulary {}, {} {}, output in {}",
        steps, globalBatch, sequenceLength, settings.microBatchSize(), settings.model().layers(),
        settings.model().hiddenSize(), source.vocabSize(), engine.getEngineName(),
        engine.getVersion(), outputDir);

    try (NDManager manager = NDManager.newBaseManager();
        MetricsWriter metrics = new MetricsWriter(metricsFile)) {
      GptModel model = GptModel.initialize(settings.model(), source.vocabSize(), manager);
      LOG.info("model has {} parameters, embedding table {} x {} (vocabulary {} padded to {})",
          model.parameters().elementCount(), model.paddedVocabSize(), settings.model().hiddenSize(),
          source.vocabSize(), model.paddedVocabSize());
      AdamW optimizer = new AdamW(model.parameters(), settings.optimizer(), manager);
      TrainingIteration trainingIteration =
          new TrainingIteration(engine, model, optimizer, settings.optimizer().clipGrad());
      LearningRateSchedule schedule = new LearningRateSchedule(settings.optimizer(), steps);
      IterationLog log = new IterationLog(steps, globalBatch, sequenceLength);

      double firstLoss = Double.NaN;
      double lastLoss = Double.NaN;
      double timedMillis = 0;
      int timedIterations = 0;
      Path lastCheckpoint = null;
      for (int iteration = 1; iteration <= steps; iteration++) {
        long start = System.nanoTime();
        double lr = schedule.learningRate(iteration);
        TrainingIteration.Outcome outcome;
        try (NDScope scope = new NDScope(); NDManager stepManager = manager.newSubManager()) {
          scope.suppressNotUsedWarning();
          List<MicroBatch> batches = loadMicroBatches(settings, source, iteration, stepManager);
          outcome = trainingIteration.run(iteration, batches, lr);
        }
        double stepMillis = (System.nanoTime() - start) / 1e6;

        long consumed = (long) iteration * globalBatch;
        double tokensPerSecond = (double) globalBatch * sequenceLength / (stepMillis / 1000.0);
        IterationMetrics iterationMetrics = new IterationMetrics(iteration, consumed, lr,
            outcome.loss(), outcome.gradNorm(), stepMillis, tokensPerSecond);
        metrics.append(iterationMetrics);
        log.add(iterationMetrics);
        if (iteration % settings.logInterval() == 0) {
          LOG.info("{}", log.drainLine());
        }

        if (iteration == 1) {
          firstLoss = outcome.loss();
        }
        lastLoss = outcome.loss();
        if (iteration > 1 || steps == 1) {
          timedMillis += stepMillis;
          timedIterations++;
        }

        boolean intervalDue = settings.checkpointInterval() > 0
            && iteration % settings.checkpointInterval() == 0;
        if (intervalDue || iteration == steps) {
          CheckpointMeta meta = new CheckpointMeta(CheckpointMeta.CURRENT_FORMAT, iteration,
              consumed, settings.seed(), source.vocabSize(), model.paddedVocabSize(),
              sequenceLength, source.eodTokenId(), optimizer.stepCount(), settings.model(),
              settings.optimizer());
          lastCheckpoint = Checkpoints.save(checkpointsDir, model, optimizer, meta);
          LOG.info("saved checkpoint of iteration {} to {}", iteration, lastCheckpoint);
        }
      }

      double meanStepMillis = timedMillis / timedIterations;
      double meanTokensPerSecond =
          (double) globalBatch * sequenceLength / (meanStepMillis / 1000.0);
      LOG.info("training finished: {} iterations, lm loss {} -> {}, {} ms per iteration,"
              + " {} tokens per second", steps, firstLoss, lastLoss,
          Math.round(meanStepMillis), Math.round(meanTokensPerSecond));
      return new TrainResult(steps, firstLoss, lastLoss, (long) steps * globalBatch,
          lastCheckpoint, meanStepMillis, meanTokensPerSecond);
    }
  }

  private static void checkSource(TrainSettings settings, SampleSource source) {
    long needed = (long) settings.steps() * settings.globalBatchSize();
    if (source.size() < needed) {
      throw new IllegalArgumentException("the sample source contains " + source.size()
          + " samples, but train.steps (" + settings.steps() + ") x train.global-batch-size ("
          + settings.globalBatchSize() + ") needs " + needed
          + ". Build a larger mixture or lower train.steps");
    }
    if (source.sequenceLength() < 1) {
      throw new IllegalArgumentException(
          "the sample source's sequence length must be at least 1, got " + source.sequenceLength());
    }
    int eod = source.eodTokenId();
    if (eod < 0 || eod >= source.vocabSize()) {
      throw new IllegalArgumentException("the sample source's EOD token id " + eod
          + " is outside its vocabulary [0, " + source.vocabSize() + ")");
    }
  }

  private static List<MicroBatch> loadMicroBatches(TrainSettings settings, SampleSource source,
      long iteration, NDManager manager) {
    int micro = settings.microBatchSize();
    long first = (iteration - 1) * settings.globalBatchSize();
    List<MicroBatch> batches = new ArrayList<>();
    for (int index = 0; index < settings.gradientAccumulationSteps(); index++) {
      batches.add(MicroBatch.load(source, first + (long) index * micro, micro,
          settings.documentMasking(), manager));
    }
    return batches;
  }
}

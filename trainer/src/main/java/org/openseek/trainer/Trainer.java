package org.openseek.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openseek.mixer.SampleSource;
import org.openseek.trainer.OutputDirectory.ResumePoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pretrains a {@link GptModel} on the packed samples of a mixture, on the DJL PyTorch engine in
 * fp32, and writes {@code metrics.jsonl} and {@code checkpoints/} into an output directory. A run
 * in an output directory that a stopped run with the same settings left behind resumes from its
 * latest checkpoint.
 *
 * <p>Only one run may be active per JVM, because DJL's PyTorch engine allows one open gradient
 * collector per JVM.
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final AtomicBoolean RUNNING = new AtomicBoolean();

  /**
   * Trains up to iteration {@code settings.steps()}. Iteration i (1-based) trains on samples
   * {@code [(i-1) * G, i * G)} of {@code source}, where G is the global batch size.
   *
   * <p>When {@code outputDir} contains a checkpoint of an earlier run with the same settings and
   * source, the run resumes from the latest one, as Megatron-LM does. It loads the weights and
   * the AdamW state, keeps the lines of {@code metrics.jsonl} up to the checkpoint's iteration,
   * and continues with the next iteration, so every iteration gets the samples and learning rate
   * it would have had without the interruption. When that checkpoint is of the last iteration,
   * the run returns the result from the checkpoint and {@code metrics.jsonl} without training.
   * {@link OutputDirectory} describes what else an earlier run may leave and what happens to it,
   * and {@link CheckpointCompatibility} lists the settings that must match.
   *
   * @param outputDir created if needed, and receives {@code metrics.jsonl} and {@code checkpoints/}
   * @throws IllegalArgumentException when the source has too few samples, when the checkpoint in
   *     {@code outputDir} was written with other settings or another source, or when
   *     {@code outputDir} contains files that this trainer did not write
   * @throws IllegalStateException when another run is active in this JVM, or when training diverges
   */
  public TrainResult run(TrainSettings settings, SampleSource source, Path outputDir)
      throws IOException {
    return runExclusively(settings, source, outputDir, settings.steps());
  }

  /**
   * Runs like {@link #run}, but stops after iteration {@code stopAfterIteration} the way a killed
   * run stops: it has saved only the checkpoints that {@code train.checkpoint-interval} made due
   * up to there. Tests use it to interrupt a run without changing its learning-rate schedule,
   * which depends on {@code train.steps}.
   */
  void runAndStopAfter(TrainSettings settings, SampleSource source, Path outputDir,
      int stopAfterIteration) throws IOException {
    if (stopAfterIteration < 1 || stopAfterIteration > settings.steps()) {
      throw new IllegalArgumentException("stop iteration " + stopAfterIteration
          + " must be in [1, train.steps = " + settings.steps() + "]");
    }
    runExclusively(settings, source, outputDir, stopAfterIteration);
  }

  private TrainResult runExclusively(TrainSettings settings, SampleSource source, Path outputDir,
      int lastIteration) throws IOException {
    if (!RUNNING.compareAndSet(false, true)) {
      throw new IllegalStateException("another Trainer.run is active in this JVM. DJL's PyTorch"
          + " engine allows one gradient collector per JVM, so start each run in its own JVM");
    }
    try {
      return train(settings, source, outputDir, lastIteration);
    } finally {
      RUNNING.set(false);
    }
  }

  /**
   * Trains up to {@code lastIteration}, resuming from the checkpoint in {@code outputDir} if there
   * is one, and returns the result, or null when {@code lastIteration} is before the last step.
   */
  private TrainResult train(TrainSettings settings, SampleSource source, Path outputDir,
      int lastIteration) throws IOException {
    checkSource(settings, source);
    Optional<ResumePoint> resumePoint = OutputDirectory.prepare(settings, source, outputDir);
    int steps = settings.steps();
    if (resumePoint.isPresent() && resumePoint.get().meta().iteration() == steps) {
      LOG.info("{} already contains the checkpoint of the last iteration {}, so there is nothing"
          + " to train", outputDir, steps);
      return finishedResult(settings, source, resumePoint.get());
    }

    Engine engine = DjlEnvironment.startEngine(settings.seed());
    int globalBatch = settings.globalBatchSize();
    int sequenceLength = source.sequenceLength();
    LOG.info("training for {} iterations: global batch {} sequences of {} tokens, micro-batch {},"
            + " {} layers, hidden size {}, vocabulary {}, {} {}, output in {}",
        steps, globalBatch, sequenceLength, settings.microBatchSize(), settings.model().layers(),
        settings.model().hiddenSize(), source.vocabSize(), engine.getEngineName(),
        engine.getVersion(), outputDir);

    Path checkpointsDir = outputDir.resolve(OutputDirectory.CHECKPOINTS_DIR);
    try (NDManager manager = NDManager.newBaseManager();
        MetricsWriter metrics =
            new MetricsWriter(outputDir.resolve(OutputDirectory.METRICS_FILE))) {
      GptModel model;
      AdamW optimizer;
      long resumedIteration;
      double firstLoss;
      if (resumePoint.isPresent()) {
        ResumePoint point = resumePoint.get();
        LOG.info("resuming from checkpoint {} at iteration {} ({} consumed samples)",
            point.checkpointDirectory(), point.meta().iteration(), point.meta().consumedSamples());
        Checkpoint checkpoint = Checkpoints.load(point.checkpointDirectory(), manager);
        model = checkpoint.model();
        optimizer = checkpoint.optimizer();
        resumedIteration = point.meta().iteration();
        firstLoss = point.metrics().get(0).lmLoss();
      } else {
        model = GptModel.initialize(settings.model(), source.vocabSize(), manager);
        optimizer = new AdamW(model.parameters(), settings.optimizer(), manager);
        resumedIteration = 0;
        firstLoss = Double.NaN;
      }
      LOG.info("model has {} parameters, embedding table {} x {} (vocabulary {} padded to {})",
          model.parameters().elementCount(), model.paddedVocabSize(), settings.model().hiddenSize(),
          source.vocabSize(), model.paddedVocabSize());
      TrainingIteration trainingIteration =
          new TrainingIteration(engine, model, optimizer, settings.optimizer().clipGrad());
      LearningRateSchedule schedule = new LearningRateSchedule(settings.optimizer(), steps);
      IterationLog log = new IterationLog(steps, globalBatch, sequenceLength);

      long firstOfCall = resumedIteration + 1;
      double lastLoss = Double.NaN;
      double timedMillis = 0;
      int timedIterations = 0;
      Path lastCheckpoint = null;
      for (long iteration = firstOfCall; iteration <= lastIteration; iteration++) {
        long start = System.nanoTime();
        double lr = schedule.learningRate(iteration);
        TrainingIteration.Outcome outcome;
        try (NDScope scope = new NDScope(); NDManager stepManager = manager.newSubManager()) {
          scope.suppressNotUsedWarning();
          List<MicroBatch> batches = loadMicroBatches(settings, source, iteration, stepManager);
          outcome = trainingIteration.run(iteration, batches, lr);
        }
        double stepMillis = (System.nanoTime() - start) / 1e6;

        long consumed = iteration * globalBatch;
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
        // The first iteration of a call also pays for one-time native allocations.
        if (iteration > firstOfCall || lastIteration == firstOfCall) {
          timedMillis += stepMillis;
          timedIterations++;
        }

        boolean intervalDue = settings.checkpointInterval() > 0
            && iteration % settings.checkpointInterval() == 0;
        if (intervalDue || iteration == steps) {
          CheckpointMeta meta = CheckpointMeta.of(iteration, settings, source,
              model.paddedVocabSize(), optimizer.stepCount());
          lastCheckpoint = Checkpoints.save(checkpointsDir, model, optimizer, meta);
          LOG.info("saved checkpoint of iteration {} to {}", iteration, lastCheckpoint);
        }
      }

      if (lastIteration < steps) {
        LOG.info("stopped after iteration {} of {} as requested", lastIteration, steps);
        return null;
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

  /**
   * Builds the result of a run whose last checkpoint already exists from that checkpoint and
   * {@code metrics.jsonl}. The timing covers all iterations except iteration 1, unless it is the
   * only one.
   */
  private static TrainResult finishedResult(TrainSettings settings, SampleSource source,
      ResumePoint point) {
    List<IterationMetrics> lines = point.metrics();
    double timedMillis = 0;
    int timedIterations = 0;
    for (IterationMetrics line : lines) {
      if (line.iteration() > 1 || lines.size() == 1) {
        timedMillis += line.stepMs();
        timedIterations++;
      }
    }
    double meanStepMillis = timedMillis / timedIterations;
    double meanTokensPerSecond = (double) settings.globalBatchSize() * source.sequenceLength()
        / (meanStepMillis / 1000.0);
    return new TrainResult(settings.steps(), lines.get(0).lmLoss(),
        lines.get(lines.size() - 1).lmLoss(), point.meta().consumedSamples(),
        point.checkpointDirectory(), meanStepMillis, meanTokensPerSecond);
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

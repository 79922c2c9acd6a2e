package org.openseek.jobs.stages;

import org.openseek.mixer.BlendedSampleSource;
import org.openseek.mixer.SampleSource;
import org.openseek.pipeline.stage.Stage;
import org.openseek.pipeline.stage.StageContext;
import org.openseek.pipeline.stage.StageStats;
import org.openseek.trainer.TrainResult;
import org.openseek.trainer.TrainSettings;
import org.openseek.trainer.Trainer;

/**
 * Trains on the blended samples of a mix output in the driver JVM and writes
 * {@code metrics.jsonl} and {@code checkpoints/} into the stage output.
 *
 * <p>The statistics count samples: every sample the steps consume is kept.
 */
public final class TrainStage implements Stage {

  @Override
  public String name() {
    return "train";
  }

  /**
   * Rejects a micro-batch whose output-layer tensors alone exceed this machine's memory, which
   * would otherwise end in an allocation failure that names no setting.
   *
   * <p>NOTE: the factor 4 (logits, log-softmax and the gradients of both, fp32) is an estimate,
   * and on a GPU host the binding limit is device memory, which this check does not see.
   */
  public static void checkOutputLayerFits(int microBatchSize, int sequenceLength, int paddedVocabSize,
      long physicalMemoryBytes) {
    double needed = 4.0 * Float.BYTES * microBatchSize * (double) sequenceLength * paddedVocabSize;
    if (needed > physicalMemoryBytes) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "train.micro-batch-size %d x mix.seq-length %d x padded vocabulary %d needs about %.1f GiB"
              + " for the output layer alone, more than this machine's %.1f GiB; lower"
              + " train.micro-batch-size or mix.seq-length",
          microBatchSize, sequenceLength, paddedVocabSize, needed / (1L << 30),
          physicalMemoryBytes / (double) (1L << 30)));
    }
  }

  /** Returns the machine's physical memory, or Long.MAX_VALUE when the JVM does not report it. */
  public static long physicalMemoryBytes() {
    java.lang.management.OperatingSystemMXBean bean =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return bean instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize()
        : Long.MAX_VALUE;
  }

  /** Returns true: a killed run continues from the latest checkpoint in its work directory. */
  @Override
  public boolean resumable() {
    return true;
  }

  @Override
  public StageStats run(StageContext context) throws Exception {
    TrainSettings settings = TrainSettings.from(context.config().getConfig("train"));
    java.nio.file.Path output = LocalPaths.of(context.workDir());
    TrainResult result;
    try (SampleSource source = BlendedSampleSource.open(LocalPaths.of(context.inputs().get(0)))) {
      checkOutputLayerFits(settings.microBatchSize(), source.sequenceLength(),
          settings.model().paddedVocabSize(source.vocabSize()), physicalMemoryBytes());
      result = new Trainer().run(settings, source, output);
    }
    // Relative to the stage output, because the work directory is renamed at commit.
    String checkpoint = output.relativize(result.checkpointPath()).toString();
    return new StageStats(name())
        .input(result.consumedSamples())
        .kept(result.consumedSamples())
        .detail("steps", result.steps())
        .detail("first_loss", result.firstLoss())
        .detail("last_loss", result.lastLoss())
        .detail("mean_step_ms", result.meanStepMs())
        .detail("tokens_per_second", result.tokensPerSecond())
        .detail("checkpoint", checkpoint);
  }
}

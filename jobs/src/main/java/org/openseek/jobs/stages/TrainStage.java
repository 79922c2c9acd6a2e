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

  /** A killed run continues from the latest checkpoint in its work directory. */
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

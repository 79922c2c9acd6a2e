package org.openseek.trainer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openseek.mixer.SampleSource;

/**
 * Checks that a checkpoint can continue the current run, so that resuming gives the same samples
 * and weights as a run that was never interrupted.
 *
 * <p>Compared with the current run: every field of {@code train.model} and
 * {@code train.optimizer}, including the learning-rate schedule values {@code lr},
 * {@code min-lr} and {@code warmup-steps}; {@code train.steps}, because the cosine decay ends at
 * the last step; {@code train.seed}; {@code train.global-batch-size}; the three
 * document-masking flags; and the sample source's vocabulary size, sequence length, EOD token id
 * and dataset names. The padded vocabulary size follows from the vocabulary size and
 * {@code train.model.make-vocab-size-divisible-by}, so it needs no check of its own.
 *
 * <p>Allowed to differ: {@code train.micro-batch-size}, {@code train.log-interval} and
 * {@code train.checkpoint-interval}. Iteration i still trains on samples {@code [(i-1) * G, i * G)}
 * with another micro-batch size. The loss of an iteration is the mean of its micro-batch means,
 * though, so with {@code eod-mask-loss = true}, where micro-batches count different numbers of
 * loss tokens, another micro-batch size weights the tokens slightly differently.
 */
final class CheckpointCompatibility {

  private CheckpointCompatibility() {}

  /**
   * Checks {@code meta}, read from {@code checkpointDirectory}, against the current run.
   *
   * @throws IllegalArgumentException when the meta contradicts itself, or when a setting differs.
   *     The message names every differing setting and suggests deleting {@code outputDir} or
   *     restoring the settings
   */
  static void check(CheckpointMeta meta, Path checkpointDirectory, TrainSettings settings,
      SampleSource source, Path outputDir) {
    checkConsistent(meta, checkpointDirectory, outputDir);

    List<String> differences = new ArrayList<>();
    compare("train.steps", meta.steps(), settings.steps(), differences);
    compare("train.global-batch-size", meta.globalBatchSize(), settings.globalBatchSize(),
        differences);
    compare("train.seed", meta.seed(), settings.seed(), differences);
    compareRecords("train.", meta.documentMasking(), settings.documentMasking(), differences);
    compareRecords("train.model.", meta.model(), settings.model(), differences);
    compareRecords("train.optimizer.", meta.optimizer(), settings.optimizer(), differences);
    compare("the vocabulary size of the sample source", meta.vocabSize(), source.vocabSize(),
        differences);
    compare("the sequence length of the sample source", meta.sequenceLength(),
        source.sequenceLength(), differences);
    compare("the EOD token id of the sample source", meta.eodTokenId(), source.eodTokenId(),
        differences);
    compare("the dataset names of the sample source", meta.datasets(), source.datasetNames(),
        differences);

    if (!differences.isEmpty()) {
      throw new IllegalArgumentException("cannot resume from checkpoint " + checkpointDirectory
          + " because it was written with other settings: " + String.join("; ", differences)
          + ". Delete " + outputDir + " to train from scratch, or restore the settings that the"
          + " checkpoint was written with to resume it");
    }
  }

  /** Converts a record component name to its config key: {@code minLr} to {@code min-lr}. */
  static String configKey(String componentName) {
    StringBuilder key = new StringBuilder();
    for (char c : componentName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        key.append('-').append(Character.toLowerCase(c));
      } else {
        key.append(c);
      }
    }
    return key.toString();
  }

  private static void checkConsistent(CheckpointMeta meta, Path checkpointDirectory,
      Path outputDir) {
    String problem = null;
    if (meta.iteration() < 1) {
      problem = "iteration " + meta.iteration() + " is not 1 or more";
    } else if (!Checkpoints.iterationDirectory(checkpointDirectory.getParent(), meta.iteration())
        .equals(checkpointDirectory)) {
      problem = "the directory name does not match iteration " + meta.iteration();
    } else if (meta.consumedSamples() != meta.iteration() * meta.globalBatchSize()) {
      problem = "consumed samples " + meta.consumedSamples() + " differ from iteration "
          + meta.iteration() + " x global batch size " + meta.globalBatchSize();
    } else if (meta.optimizerSteps() != meta.iteration()) {
      problem = "optimizer steps " + meta.optimizerSteps() + " differ from iteration "
          + meta.iteration() + ", but every iteration makes one optimizer step";
    }
    if (problem != null) {
      throw new IllegalArgumentException("invalid checkpoint " + checkpointDirectory + ": its "
          + Checkpoints.META_FILE + " is inconsistent, because " + problem + ". Delete "
          + outputDir + " to train from scratch");
    }
  }

  private static void compare(String name, Object saved, Object current,
      List<String> differences) {
    if (!Objects.equals(saved, current)) {
      differences.add(name + " is " + saved + " in the checkpoint but " + current + " now");
    }
  }

  /** Compares two records of one type component by component, naming each by its config key. */
  private static void compareRecords(String keyPrefix, Record saved, Record current,
      List<String> differences) {
    for (RecordComponent component : saved.getClass().getRecordComponents()) {
      String key = keyPrefix + configKey(component.getName());
      compare(key, read(component, saved), read(component, current), differences);
    }
  }

  private static Object read(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName() + " of "
          + record.getClass().getSimpleName(), e);
    }
  }
}

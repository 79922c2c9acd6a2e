package org.openseek.trainer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointCompatibilityTest {

  private static final Path OUTPUT = Path.of("/runs/example");
  private static final Path CHECKPOINTS = OUTPUT.resolve("checkpoints");

  private final TrainSettings settings = TestSettings.small("steps = 20, global-batch-size = 8");
  private final CountingDocumentsSource source =
      new CountingDocumentsSource(100, 16, 160, 4, 24, 3);

  private CheckpointMeta meta(long iteration) {
    return CheckpointMeta.of(iteration, settings, source,
        settings.model().paddedVocabSize(source.vocabSize()), iteration);
  }

  private String rejection(CheckpointMeta meta, TrainSettings current) {
    Path directory = Checkpoints.iterationDirectory(CHECKPOINTS, meta.iteration());
    return assertThrows(IllegalArgumentException.class,
        () -> CheckpointCompatibility.check(meta, directory, current, source, OUTPUT))
        .getMessage();
  }

  @Test
  void componentNamesMapToConfigKeys() {
    Config train = ConfigFactory.parseResources("reference.conf").getConfig("train");
    List<Class<? extends Record>> sections =
        List.of(ModelSettings.class, OptimizerSettings.class, DocumentMasking.class);
    List<String> prefixes = List.of("model.", "optimizer.", "");
    for (int i = 0; i < sections.size(); i++) {
      for (RecordComponent component : sections.get(i).getRecordComponents()) {
        String key = prefixes.get(i) + CheckpointCompatibility.configKey(component.getName());
        assertTrue(train.hasPath(key), "reference.conf has no key train." + key);
      }
    }
  }

  @Test
  void matchingMetaIsAccepted() {
    CheckpointMeta meta = meta(5);

    TrainSettings otherIntervals = TestSettings.small("steps = 20, global-batch-size = 8,"
        + " micro-batch-size = 2, log-interval = 7, checkpoint-interval = 5");

    assertDoesNotThrow(() -> CheckpointCompatibility.check(meta,
        Checkpoints.iterationDirectory(CHECKPOINTS, 5), otherIntervals, source, OUTPUT));
  }

  @Test
  void everyDifferenceIsNamed() {
    TrainSettings changed = TestSettings.small("steps = 20, global-batch-size = 8,"
        + " reset-attention-mask = false, model.tie-embeddings = false,"
        + " optimizer.warmup-steps = 3");

    String message = rejection(meta(5), changed);

    assertTrue(message.startsWith("cannot resume from checkpoint "
        + CHECKPOINTS.resolve("iter_0000005")), message);
    assertTrue(message.contains("train.reset-attention-mask is true in the checkpoint but false"
        + " now"), message);
    assertTrue(message.contains("train.model.tie-embeddings is true in the checkpoint but false"
        + " now"), message);
    assertTrue(message.contains("train.optimizer.warmup-steps is 0 in the checkpoint but 3 now"),
        message);
    assertTrue(message.contains("Delete " + OUTPUT + " to train from scratch"), message);
  }

  @Test
  void otherDatasetsAreRejected() {
    CheckpointMeta saved = meta(5);
    CheckpointMeta otherDatasets = new CheckpointMeta(saved.formatVersion(), saved.iteration(),
        saved.consumedSamples(), saved.steps(), saved.globalBatchSize(), saved.seed(),
        saved.vocabSize(), saved.paddedVocabSize(), saved.sequenceLength(), saved.eodTokenId(),
        List.of("web", "code"), saved.optimizerSteps(), saved.documentMasking(), saved.model(),
        saved.optimizer());

    String message = rejection(otherDatasets, settings);

    assertTrue(message.contains("the dataset names of the sample source is [web, code] in the"
        + " checkpoint but [counting-documents] now"), message);
  }

  @Test
  void inconsistentMetaIsRejected() {
    CheckpointMeta saved = meta(5);
    CheckpointMeta wrongCount = new CheckpointMeta(saved.formatVersion(), saved.iteration(),
        saved.consumedSamples() + 1, saved.steps(), saved.globalBatchSize(), saved.seed(),
        saved.vocabSize(), saved.paddedVocabSize(), saved.sequenceLength(), saved.eodTokenId(),
        saved.datasets(), saved.optimizerSteps(), saved.documentMasking(), saved.model(),
        saved.optimizer());

    String message = rejection(wrongCount, settings);

    assertTrue(message.contains("consumed samples 41 differ from iteration 5 x global batch"
        + " size 8"), message);

    Path otherDirectory = Checkpoints.iterationDirectory(CHECKPOINTS, 4);
    String renamed = assertThrows(IllegalArgumentException.class,
        () -> CheckpointCompatibility.check(saved, otherDirectory, settings, source, OUTPUT))
        .getMessage();
    assertTrue(renamed.contains("the directory name does not match iteration 5"), renamed);
  }

  @Test
  void configKeyHyphenatesCamelCase() {
    assertEquals("make-vocab-size-divisible-by",
        CheckpointCompatibility.configKey("makeVocabSizeDivisibleBy"));
    assertEquals("beta1", CheckpointCompatibility.configKey("beta1"));
  }
}

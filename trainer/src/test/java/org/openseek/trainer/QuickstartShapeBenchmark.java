package org.openseek.trainer;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures iteration time at the quickstart shape: OpenSeek's vocabulary of 151,851 ids (padded to
 * 151,872), hidden size 64, 2 layers, 4 heads, micro- and global batch 4, sequence length 128.
 * It reports and asserts no time. Run it with
 * {@code mvn -o -pl trainer test -Dtest=QuickstartShapeBenchmark -Dopenseek.benchmark=true}
 * and optionally {@code -Dopenseek.benchmark.steps=N} (default 30).
 */
@EnabledIfSystemProperty(named = "openseek.benchmark", matches = "true")
class QuickstartShapeBenchmark {

  private static final Logger LOG = LoggerFactory.getLogger(QuickstartShapeBenchmark.class);

  @TempDir
  Path outputDir;

  @Test
  void quickstartShape() throws IOException {
    int steps = Integer.getInteger("openseek.benchmark.steps", 30);
    TrainSettings settings = TrainSettings.from(ConfigFactory.parseString(
        "steps = " + steps + ", log-interval = 5, optimizer.warmup-steps = 0"));
    // Ids 151849 and 151850 are BOS and EOD, as in OpenSeek's tokenizer.
    CountingDocumentsSource source =
        new CountingDocumentsSource(151_851, 128, steps * 4L, 20, 400, 3);

    TrainResult result = new Trainer().run(settings, source, outputDir);

    LOG.info("quickstart shape: {} iterations, mean {} ms per iteration (iteration 1 left out),"
            + " {} tokens per second, lm loss {} -> {}", result.steps(),
        Math.round(result.meanStepMs()), Math.round(result.tokensPerSecond()), result.firstLoss(),
        result.lastLoss());
  }
}

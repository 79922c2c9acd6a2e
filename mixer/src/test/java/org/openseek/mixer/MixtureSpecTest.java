package org.openseek.mixer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixtureSpecTest {

  private static MixtureSpec parse(String hocon) {
    return MixtureSpec.fromConfig(ConfigFactory.parseString(hocon));
  }

  private static String errorOf(String hocon) {
    return assertThrows(IllegalArgumentException.class, () -> parse(hocon)).getMessage();
  }

  @Test
  void defaultsComeFromReferenceConf() {
    MixtureSpec spec = parse("");

    assertEquals(List.of(), spec.datasets());
    assertEquals(1234, spec.seed());
    assertEquals(128, spec.seqLength());
    assertEquals(0, spec.numSamples());
    assertEquals(1.0, spec.temperature());
  }

  @Test
  void defaultsWithoutLauncherProperties() {
    // The tokenizer module's reference.conf needs -Dopenseek.home, which only the launcher and
    // the build set; the mix defaults must not depend on it.
    String home = System.clearProperty("openseek.home");
    try {
      ConfigFactory.invalidateCaches();
      assertEquals(128, parse("").seqLength());
    } finally {
      if (home != null) {
        System.setProperty("openseek.home", home);
      }
      ConfigFactory.invalidateCaches();
    }
  }

  @Test
  void explicitWeightsParsed() {
    MixtureSpec spec = parse("datasets = [{name = web, weight = 3}, {name = code, weight = \"1\"}]"
        + "\nseed = 7\nseq-length = 64\nnum-samples = 100");

    assertEquals(2, spec.datasets().size());
    assertEquals("web", spec.datasets().get(0).name());
    assertEquals(3.0, spec.datasets().get(0).weight().getAsDouble());
    assertEquals(1.0, spec.datasets().get(1).weight().getAsDouble());
    assertEquals(7, spec.seed());
    assertEquals(64, spec.seqLength());
    assertEquals(100, spec.numSamples());
    double[] weights = spec.resolveWeights(spec.datasets(), new long[] {10, 1000});
    assertArrayEquals(new double[] {0.75, 0.25}, weights, 1e-15);
  }

  @Test
  void naturalWeightsFollowTokenCounts() {
    MixtureSpec spec = parse("datasets = [{name = a, weight = natural}, {name = b}]");

    double[] weights = spec.resolveWeights(spec.datasets(), new long[] {300, 100});
    assertArrayEquals(new double[] {0.75, 0.25}, weights, 1e-15);
  }

  @Test
  void temperatureFlattensNaturalWeights() {
    MixtureSpec spec = parse("temperature = 2.0");
    List<MixtureSpec.Entry> entries = spec.selectDatasets(List.of("a", "b"));

    // sqrt(900) : sqrt(100) = 30 : 10.
    double[] weights = spec.resolveWeights(entries, new long[] {900, 100});
    assertArrayEquals(new double[] {0.75, 0.25}, weights, 1e-12);
  }

  @Test
  void smallTemperatureDoesNotOverflow() {
    MixtureSpec spec = parse("temperature = 0.01");
    List<MixtureSpec.Entry> entries = spec.selectDatasets(List.of("a", "b"));

    double[] weights = spec.resolveWeights(entries, new long[] {2_000_000_000L, 1_000_000_000L});
    assertEquals(1.0, weights[0], 1e-12);
    assertTrue(weights[1] >= 0, "weight of the smaller dataset: " + weights[1]);
    assertTrue(weights[1] < 1e-12, "weight of the smaller dataset: " + weights[1]);
  }

  @Test
  void emptyListSelectsAllAvailable() {
    MixtureSpec spec = parse("");

    List<MixtureSpec.Entry> entries = spec.selectDatasets(List.of("web", "code", "math"));
    assertEquals(List.of("web", "code", "math"),
        entries.stream().map(MixtureSpec.Entry::name).toList());
    assertTrue(entries.stream().allMatch(MixtureSpec.Entry::natural));
  }

  @Test
  void unknownDatasetListsAvailable() {
    MixtureSpec spec = parse("datasets = [{name = web, weight = 1}, {name = wiki, weight = 1}]");

    String message = assertThrows(IllegalArgumentException.class,
        () -> spec.selectDatasets(List.of("web", "code"))).getMessage();
    assertTrue(message.contains("mix.datasets[1].name"), message);
    assertTrue(message.contains("'wiki'"), message);
    assertTrue(message.contains("[web, code]"), message);
  }

  @Test
  void configErrorsNameKey() {
    String[][] cases = {
        {"seq-length = 0", "mix.seq-length"},
        {"seq-length = many", "mix.seq-length"},
        {"seed = abc", "mix.seed"},
        {"num-samples = -1", "mix.num-samples"},
        {"temperature = 0", "mix.temperature"},
        {"temperature = hot", "mix.temperature"},
        {"datasets = 5", "mix.datasets"},
        {"datasets = [web]", "mix.datasets[0]"},
        {"datasets = [{weight = 1}]", "mix.datasets[0].name"},
        {"datasets = [{name = web, wieght = 1}]", "mix.datasets[0].wieght"},
        {"datasets = [{name = web, weight = 0}]", "mix.datasets[0].weight (dataset 'web')"},
        {"datasets = [{name = a, weight = 1}, {name = web, weight = -2}]",
            "mix.datasets[1].weight (dataset 'web')"},
        {"datasets = [{name = web, weight = lots}]", "mix.datasets[0].weight (dataset 'web')"},
        {"datasets = [{name = web, weight = [1]}]", "mix.datasets[0].weight (dataset 'web')"},
        {"datasets = [{name = web, weight = 1}, {name = web, weight = 2}]",
            "mix.datasets[1].name"},
        {"datasets = [{name = a, weight = 1}, {name = b, weight = natural}]", "mix.datasets"},
        {"datasets = [{name = a, weight = 1}]\ntemperature = 2", "mix.temperature"},
    };
    for (String[] c : cases) {
      String message = errorOf(c[0]);
      assertTrue(message.contains(c[1]), "config '" + c[0] + "' gave: " + message);
    }
  }

  @Test
  void mixedWeightKindsNameDatasets() {
    String message = errorOf("datasets = [{name = a, weight = 1}, {name = b}]");

    assertTrue(message.contains("[a]"), message);
    assertTrue(message.contains("[b]"), message);
  }
}

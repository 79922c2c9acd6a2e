package org.openseek.mixer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openseek.tokenizer.ShardMetadata;

class MixBuilderTest {

  private static final String THREE_WAY = "datasets = [{name = web, weight = 0.5},"
      + " {name = code, weight = 0.3}, {name = math, weight = 0.2}]\nseq-length = 32\nseed = 7";

  @TempDir
  Path temp;

  private final LinkedHashMap<String, Path> dirs = new LinkedHashMap<>();
  private final LinkedHashMap<String, List<int[]>> documents = new LinkedHashMap<>();

  @BeforeEach
  void writeDatasets() throws IOException {
    addDataset("web", ShardFixtures.randomDocuments(120, 60, 1));
    addDataset("code", ShardFixtures.randomDocuments(40, 200, 2));
    // Fewer tokens than the samples it must supply, so its index runs several epochs.
    addDataset("math", ShardFixtures.randomDocuments(6, 8, 3));
  }

  private void addDataset(String name, List<int[]> docs) throws IOException {
    dirs.put(name, ShardFixtures.writeDataset(temp.resolve("data").resolve(name), name, docs));
    documents.put(name, docs);
  }

  private static Config mix(String hocon) {
    return ConfigFactory.parseString(hocon);
  }

  private static long tokens(List<int[]> docs) {
    return docs.stream().mapToLong(d -> d.length).sum();
  }

  @Test
  void roundTripEqualsInMemoryComputation() throws IOException {
    Path out = temp.resolve("mix");
    MixSummary summary = MixBuilder.build(mix(THREE_WAY), dirs, 500, out);

    BlendedIndex blend = BlendedIndex.build(new double[] {0.5, 0.3, 0.2}, 500);
    long[] sizes = blend.datasetSizes();
    List<GptSampleIndex> expected = new ArrayList<>();
    int id = 0;
    for (String name : List.of("web", "code", "math")) {
      InMemoryTokenDataset dataset = InMemoryTokenDataset.of(name, documents.get(name));
      expected.add(GptSampleIndex.build(dataset, sizes[id++], 32, 7));
    }

    try (BlendedSampleSource source = BlendedSampleSource.open(out)) {
      assertEquals(blend.size(), source.size());
      assertEquals(summary.numSamples(), source.size());
      assertEquals(32, source.sequenceLength());
      assertEquals(ShardFixtures.VOCAB_SIZE, source.vocabSize());
      assertEquals(ShardFixtures.EOS, source.eodTokenId());
      assertEquals(List.of("web", "code", "math"), source.datasetNames());
      for (long s = 0; s < source.size(); s++) {
        PackedSample sample = source.get(s);
        int datasetId = blend.datasetId(s);
        assertEquals(datasetId, sample.datasetId(), "dataset of sample " + s);
        assertEquals(33, sample.tokens().length, "length of sample " + s);
        assertArrayEquals(expected.get(datasetId).sample(blend.datasetSampleIndex(s)),
            sample.tokens(), "tokens of sample " + s);
      }
      assertThrows(IndexOutOfBoundsException.class, () -> source.get(source.size()));
    }
  }

  @Test
  void summaryRecordsWeightsAndShares() throws IOException {
    MixSummary summary = MixBuilder.build(mix(THREE_WAY), dirs, 1000, temp.resolve("mix"));

    assertEquals(1000, summary.requestedSamples());
    assertEquals(1000, summary.numSamples());
    assertEquals(List.of("web", "code", "math"), summary.datasetNames());
    assertArrayEquals(new double[] {0.5, 0.3, 0.2}, summary.weights(), 1e-12);
    assertArrayEquals(new long[] {500, 300, 200}, summary.samplesPerDataset());
    assertArrayEquals(new double[] {0.5, 0.3, 0.2}, summary.realizedShares(), 1e-12);
    assertEquals(ShardFixtures.VOCAB_SIZE, summary.vocabSize());
    assertEquals(ShardFixtures.BOS, summary.bosId());
    assertEquals(ShardFixtures.EOS, summary.eosId());
    MixSummary.DatasetSummary math = summary.datasets().get(2);
    assertEquals(tokens(documents.get("math")), math.tokens());
    assertEquals(6, math.documents());
    assertEquals(dirs.get("math").toAbsolutePath(), math.dir());
    assertEquals(201, math.indexSamplesRequested());
    assertTrue(math.epochs() > 1, "epochs of the small dataset: " + math.epochs());
    assertTrue(math.indexSamples() >= math.indexSamplesRequested());
  }

  @Test
  void mixtureJsonMatchesSummary() throws IOException {
    Path out = temp.resolve("mix");
    MixSummary summary = MixBuilder.build(mix(THREE_WAY), dirs, 300, out);

    JsonNode root = new ObjectMapper().readTree(out.resolve("mixture.json").toFile());
    assertEquals(7, root.get("seed").asLong());
    assertEquals(32, root.get("seq_length").asInt());
    assertEquals(300, root.get("requested_samples").asLong());
    assertEquals(summary.numSamples(), root.get("num_samples").asLong());
    assertEquals(ShardFixtures.VOCAB_SIZE, root.get("vocab_size").asInt());
    assertEquals(ShardFixtures.BOS, root.get("bos_id").asInt());
    assertEquals(ShardFixtures.EOS, root.get("eos_id").asInt());
    JsonNode code = root.get("datasets").get(1);
    assertEquals("code", code.get("name").asText());
    assertEquals(out.toAbsolutePath().relativize(dirs.get("code").toAbsolutePath()).toString(),
        code.get("dir").asText(), "dataset folders are stored relative to the mixture folder");
    assertEquals(0.3, code.get("weight").asDouble(), 1e-12);
    assertEquals(tokens(documents.get("code")), code.get("tokens").asLong());
    assertEquals(40, code.get("documents").asLong());
    assertEquals(summary.samplesPerDataset()[1], code.get("samples_drawn").asLong());
    assertEquals(summary.realizedShares()[1], code.get("realized_share").asDouble());
    assertTrue(Files.isRegularFile(out.resolve(code.get("shuffle_index").asText())));

    // Little-endian sizes: int16 ids and int64 sample numbers per blended sample.
    assertEquals(2 * summary.numSamples(), Files.size(out.resolve("blend-dataset-ids.bin")));
    assertEquals(8 * summary.numSamples(), Files.size(out.resolve("blend-sample-indexes.bin")));
    assertEquals(4 * (summary.datasets().get(1).indexSamples() + 1) * 2,
        Files.size(out.resolve("dataset-1-sample-index.bin")));
  }

  @Test
  void movedFolderStillOpens() throws IOException {
    Path out = temp.resolve("mix");
    MixBuilder.build(mix(THREE_WAY), dirs, 200, out);
    List<PackedSample> before = new ArrayList<>();
    try (BlendedSampleSource source = BlendedSampleSource.open(out)) {
      for (long s = 0; s < source.size(); s++) {
        before.add(source.get(s));
      }
    }

    Path moved = temp.resolve("moved");
    Files.createDirectories(moved);
    Files.move(temp.resolve("data"), moved.resolve("data"));
    Files.move(out, moved.resolve("mix"));

    try (BlendedSampleSource source = BlendedSampleSource.open(moved.resolve("mix"))) {
      assertEquals(before.size(), source.size());
      for (int s = 0; s < before.size(); s++) {
        assertArrayEquals(before.get(s).tokens(), source.get(s).tokens(), "sample " + s);
      }
    }
  }

  @Test
  void naturalWeightsByDefault() throws IOException {
    MixSummary summary = MixBuilder.build(mix("seq-length = 16"), dirs, 2000, temp.resolve("mix"));

    long web = tokens(documents.get("web"));
    long code = tokens(documents.get("code"));
    long math = tokens(documents.get("math"));
    double total = web + code + math;
    assertEquals(List.of("web", "code", "math"), summary.datasetNames());
    assertArrayEquals(new double[] {web / total, code / total, math / total}, summary.weights(),
        1e-12);
    double[] shares = summary.realizedShares();
    for (int i = 0; i < shares.length; i++) {
      assertEquals(summary.weights()[i], shares[i], 0.01, "share of dataset " + i);
    }
  }

  @Test
  void subsetInListOrder() throws IOException {
    MixSummary summary = MixBuilder.build(
        mix("datasets = [{name = math, weight = 1}, {name = web, weight = 3}]\nseq-length = 8"),
        dirs, 40, temp.resolve("mix"));

    assertEquals(List.of("math", "web"), summary.datasetNames());
    try (BlendedSampleSource source = BlendedSampleSource.open(temp.resolve("mix"))) {
      assertEquals(List.of("math", "web"), source.datasetNames());
      assertEquals(9, source.get(0).tokens().length);
    }
  }

  @Test
  void sameInputGivesIdenticalFiles() throws IOException {
    MixBuilder.build(mix(THREE_WAY), dirs, 400, temp.resolve("first"));
    MixBuilder.build(mix(THREE_WAY), dirs, 400, temp.resolve("second"));

    List<Path> files;
    try (Stream<Path> listing = Files.list(temp.resolve("first"))) {
      files = listing.map(Path::getFileName).sorted().toList();
    }
    assertEquals(12, files.size(), "files: " + files);
    for (Path file : files) {
      assertArrayEquals(Files.readAllBytes(temp.resolve("first").resolve(file)),
          Files.readAllBytes(temp.resolve("second").resolve(file)), file.toString());
    }
  }

  @Test
  void rebuildRemovesStaleIndexFiles() throws IOException {
    Path out = temp.resolve("mix");
    MixBuilder.build(mix(THREE_WAY), dirs, 100, out);
    MixBuilder.build(mix("datasets = [{name = web, weight = 1}]"), dirs, 100, out);

    assertFalse(Files.exists(out.resolve("dataset-2-shuffle-index.bin")));
    try (BlendedSampleSource source = BlendedSampleSource.open(out)) {
      assertEquals(List.of("web"), source.datasetNames());
    }
  }

  @Test
  void numSamplesFromConfigWhenCallerGivesNone() throws IOException {
    MixSummary summary = MixBuilder.build(mix(THREE_WAY + "\nnum-samples = 50"), dirs, 0,
        temp.resolve("mix"));
    assertEquals(50, summary.requestedSamples());

    String message = assertThrows(IllegalArgumentException.class,
        () -> MixBuilder.build(mix(THREE_WAY), dirs, 0, temp.resolve("other"))).getMessage();
    assertTrue(message.contains("mix.num-samples"), message);
  }

  @Test
  void unknownDatasetListsAvailable() {
    String message = assertThrows(IllegalArgumentException.class, () -> MixBuilder.build(
        mix("datasets = [{name = wiki, weight = 1}]"), dirs, 10, temp.resolve("mix")))
        .getMessage();

    assertTrue(message.contains("mix.datasets[0].name"), message);
    assertTrue(message.contains("[web, code, math]"), message);
  }

  @Test
  void otherTokenizerRejected() throws IOException {
    ShardMetadata other = new ShardMetadata("tokenizer.json", "cd".repeat(32), 2000, 1, 2);
    dirs.put("other", ShardFixtures.writeDataset(temp.resolve("data/other"), "other",
        ShardFixtures.randomDocuments(10, 10, 4), 1, other));

    String message = assertThrows(IllegalArgumentException.class, () -> MixBuilder.build(
        mix(""), dirs, 10, temp.resolve("mix"))).getMessage();
    assertTrue(message.contains("'other'"), message);
    assertTrue(message.contains("'web'"), message);
  }

  @Test
  void emptyDatasetRejectedByName() throws IOException {
    dirs.put("blank", ShardFixtures.writeDataset(temp.resolve("data/blank"), "blank", List.of(),
        1, ShardFixtures.METADATA));

    String message = assertThrows(IllegalArgumentException.class, () -> MixBuilder.build(
        mix("datasets = [{name = web, weight = 1}, {name = blank, weight = 1}]"), dirs, 10,
        temp.resolve("mix"))).getMessage();
    assertTrue(message.contains("'blank'"), message);
  }

  @Test
  void changedDatasetRejectedOnOpen() throws IOException {
    Path out = temp.resolve("mix");
    MixBuilder.build(mix(THREE_WAY), dirs, 100, out);
    ShardFixtures.writeDataset(dirs.get("code"), "code", ShardFixtures.randomDocuments(40, 200, 9));

    String message = assertThrows(IllegalArgumentException.class,
        () -> BlendedSampleSource.open(out)).getMessage();
    assertTrue(message.contains("'code'"), message);
    assertTrue(message.contains("rebuild the mixture"), message);
  }

  @Test
  void truncatedIndexFileRejected() throws IOException {
    Path out = temp.resolve("mix");
    MixBuilder.build(mix(THREE_WAY), dirs, 100, out);
    Path ids = out.resolve("blend-dataset-ids.bin");
    try (FileChannel channel = FileChannel.open(ids, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(ids) - 2);
    }

    assertThrows(IllegalArgumentException.class, () -> BlendedSampleSource.open(out));
  }

  @Test
  void missingMixtureJsonNamed() throws IOException {
    Path out = Files.createDirectories(temp.resolve("mix"));

    String message = assertThrows(IllegalArgumentException.class,
        () -> BlendedSampleSource.open(out)).getMessage();
    assertTrue(message.contains("mixture.json"), message);
  }
}

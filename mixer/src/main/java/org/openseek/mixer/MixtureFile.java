package org.openseek.mixer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mixture.json}: the numbers of a {@link MixSummary} plus the names of the index files.
 * {@link MixBuilder} documents the layout.
 */
final class MixtureFile {

  static final String FILE_NAME = "mixture.json";
  static final int FORMAT_VERSION = 1;
  static final String BLEND_DATASET_IDS = "blend-dataset-ids.bin";
  static final String BLEND_SAMPLE_INDEXES = "blend-sample-indexes.bin";

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** File names of one dataset's sample index, relative to the mixture folder. */
  record DatasetFiles(String documentIndex, String sampleIndex, String shuffleIndex) {

    static DatasetFiles forDataset(int id) {
      String prefix = "dataset-" + id + "-";
      return new DatasetFiles(prefix + "document-index.bin", prefix + "sample-index.bin",
          prefix + "shuffle-index.bin");
    }
  }

  private MixtureFile() {}

  /** Writes {@code mixture.json} into the summary's folder through a temporary file and rename. */
  static void write(MixSummary summary) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("seed", summary.seed());
    root.put("seq_length", summary.seqLength());
    root.put("requested_samples", summary.requestedSamples());
    root.put("num_samples", summary.numSamples());
    root.put("temperature", summary.temperature());
    root.put("tokenizer", summary.tokenizer());
    root.put("tokenizer_sha256", summary.tokenizerSha256());
    root.put("vocab_size", summary.vocabSize());
    root.put("bos_id", summary.bosId());
    root.put("eos_id", summary.eosId());
    ObjectNode blend = root.putObject("blend");
    blend.put("dataset_ids", BLEND_DATASET_IDS);
    blend.put("sample_indexes", BLEND_SAMPLE_INDEXES);
    ArrayNode datasets = root.putArray("datasets");
    for (MixSummary.DatasetSummary dataset : summary.datasets()) {
      DatasetFiles files = DatasetFiles.forDataset(dataset.id());
      ObjectNode node = datasets.addObject();
      node.put("id", dataset.id());
      node.put("name", dataset.name());
      // Relative to the mixture folder, so an experiment folder can be moved or copied whole.
      node.put("dir", summary.outputDir().relativize(dataset.dir().toAbsolutePath().normalize()).toString());
      node.put("weight", dataset.weight());
      node.put("tokens", dataset.tokens());
      node.put("documents", dataset.documents());
      node.put("samples_drawn", dataset.samplesDrawn());
      node.put("realized_share", dataset.realizedShare());
      node.put("index_samples_requested", dataset.indexSamplesRequested());
      node.put("index_samples", dataset.indexSamples());
      node.put("epochs", dataset.epochs());
      node.put("document_index", files.documentIndex());
      node.put("sample_index", files.sampleIndex());
      node.put("shuffle_index", files.shuffleIndex());
    }

    Path target = summary.outputDir().resolve(FILE_NAME);
    // A fixed name rather than Files.createTempFile, whose owner-only permissions would keep
    // other users (executors running as another account) from reading the renamed file.
    Path temporary = summary.outputDir().resolve(FILE_NAME + ".tmp");
    try {
      Files.writeString(temporary, JSON.writeValueAsString(root) + "\n");
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Reads {@code mixture.json} from a mixture folder.
   *
   * @throws IllegalArgumentException if the file is missing, malformed, of another format version
   *     or lacks a field, naming the file and the field
   */
  static MixSummary read(Path mixDir) throws IOException {
    Path file = mixDir.resolve(FILE_NAME);
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("mixture file not found: " + file.toAbsolutePath()
          + "; build the mixture first (MixBuilder.build or the mix stage)", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON in " + file.toAbsolutePath() + ": "
          + e.getOriginalMessage(), e);
    }
    Fields fields = new Fields(file);
    int version = fields.integer(root, "format_version");
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(file.toAbsolutePath() + " has format_version " + version
          + ", this reader supports " + FORMAT_VERSION + "; rebuild the mixture");
    }
    JsonNode blend = fields.object(root, "blend");
    fields.expectText(blend, "dataset_ids", BLEND_DATASET_IDS);
    fields.expectText(blend, "sample_indexes", BLEND_SAMPLE_INDEXES);

    List<MixSummary.DatasetSummary> datasets = new ArrayList<>();
    JsonNode datasetNodes = root.get("datasets");
    if (datasetNodes == null || !datasetNodes.isArray() || datasetNodes.isEmpty()) {
      throw fields.invalid("datasets", "a non-empty array");
    }
    for (int i = 0; i < datasetNodes.size(); i++) {
      JsonNode node = datasetNodes.get(i);
      if (fields.integer(node, "id") != i) {
        throw fields.invalid("datasets[" + i + "].id", "equal to its position " + i);
      }
      DatasetFiles files = DatasetFiles.forDataset(i);
      fields.expectText(node, "document_index", files.documentIndex());
      fields.expectText(node, "sample_index", files.sampleIndex());
      fields.expectText(node, "shuffle_index", files.shuffleIndex());
      datasets.add(new MixSummary.DatasetSummary(
          i,
          fields.text(node, "name"),
          mixDir.toAbsolutePath().resolve(fields.text(node, "dir")).normalize(),
          fields.number(node, "weight"),
          fields.longInteger(node, "tokens"),
          fields.longInteger(node, "documents"),
          fields.longInteger(node, "samples_drawn"),
          fields.number(node, "realized_share"),
          fields.longInteger(node, "index_samples_requested"),
          fields.longInteger(node, "index_samples"),
          fields.integer(node, "epochs")));
    }
    return new MixSummary(
        mixDir.toAbsolutePath().normalize(),
        fields.longInteger(root, "seed"),
        fields.integer(root, "seq_length"),
        fields.longInteger(root, "requested_samples"),
        fields.longInteger(root, "num_samples"),
        fields.number(root, "temperature"),
        fields.text(root, "tokenizer"),
        fields.text(root, "tokenizer_sha256"),
        fields.integer(root, "vocab_size"),
        fields.integer(root, "bos_id"),
        fields.integer(root, "eos_id"),
        datasets);
  }

  /** Typed field access with errors that name the file and the field. */
  private record Fields(Path file) {

    IllegalArgumentException invalid(String field, String expected) {
      return new IllegalArgumentException(file.toAbsolutePath() + ": field '" + field
          + "' is missing or not " + expected + "; rebuild the mixture");
    }

    JsonNode object(JsonNode parent, String field) {
      JsonNode value = parent.get(field);
      if (value == null || !value.isObject()) {
        throw invalid(field, "an object");
      }
      return value;
    }

    String text(JsonNode parent, String field) {
      JsonNode value = parent.get(field);
      if (value == null || !value.isTextual()) {
        throw invalid(field, "a string");
      }
      return value.asText();
    }

    void expectText(JsonNode parent, String field, String expected) {
      String value = text(parent, field);
      if (!value.equals(expected)) {
        throw invalid(field, "\"" + expected + "\" (found \"" + value + "\")");
      }
    }

    long longInteger(JsonNode parent, String field) {
      JsonNode value = parent.get(field);
      if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
        throw invalid(field, "an integer");
      }
      return value.asLong();
    }

    int integer(JsonNode parent, String field) {
      JsonNode value = parent.get(field);
      if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
        throw invalid(field, "a 32-bit integer");
      }
      return value.asInt();
    }

    double number(JsonNode parent, String field) {
      JsonNode value = parent.get(field);
      if (value == null || !value.isNumber()) {
        throw invalid(field, "a number");
      }
      return value.asDouble();
    }
  }
}

package org.openseek.trainer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes and reads checkpoints in Megatron-LM's directory layout:
 * {@code checkpoints/iter_NNNNNNN/} per saved iteration, and
 * {@code checkpoints/latest_checkpointed_iteration.txt} holding the number of the newest one.
 *
 * <p>An iteration directory contains {@code model.safetensors} (parameters by name),
 * {@code optimizer.safetensors} (AdamW moments, {@code exp_avg.<parameter>} and
 * {@code exp_avg_sq.<parameter>}) and {@code meta.json} ({@link CheckpointMeta}). It is written
 * under a temporary name and renamed when complete, so a reader never sees a partial checkpoint.
 */
public final class Checkpoints {

  public static final String LATEST_FILE = "latest_checkpointed_iteration.txt";
  public static final String MODEL_FILE = "model.safetensors";
  public static final String OPTIMIZER_FILE = "optimizer.safetensors";
  public static final String META_FILE = "meta.json";

  private Checkpoints() {}

  /** Returns {@code checkpointsDir/iter_NNNNNNN} for {@code iteration}. */
  public static Path iterationDirectory(Path checkpointsDir, long iteration) {
    return checkpointsDir.resolve(String.format(Locale.ROOT, "iter_%07d", iteration));
  }

  /**
   * Writes the model, the optimizer state and {@code meta} to the directory of
   * {@code meta.iteration()}, then updates the latest-iteration file.
   *
   * @return the iteration directory
   * @throws IOException when writing fails, or when that iteration's directory already exists
   */
  public static Path save(Path checkpointsDir, GptModel model, AdamW optimizer, CheckpointMeta meta)
      throws IOException {
    Files.createDirectories(checkpointsDir);
    Path target = iterationDirectory(checkpointsDir, meta.iteration());
    if (Files.exists(target)) {
      throw new IOException("checkpoint directory " + target + " already exists. Remove it or"
          + " write the run to another output directory");
    }
    Path temporary = Files.createTempDirectory(checkpointsDir, target.getFileName() + ".tmp-");
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      writeSafetensors(temporary.resolve(MODEL_FILE), model.parameters().toNamedList());
      writeSafetensors(temporary.resolve(OPTIMIZER_FILE), optimizer.state());
    }
    Json.MAPPER.writerWithDefaultPrettyPrinter()
        .writeValue(temporary.resolve(META_FILE).toFile(), meta);
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);

    Path latestTemporary = checkpointsDir.resolve(LATEST_FILE + ".tmp");
    Files.writeString(latestTemporary, Long.toString(meta.iteration()), StandardCharsets.UTF_8);
    Files.move(latestTemporary, checkpointsDir.resolve(LATEST_FILE),
        StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /**
   * Returns the directory named by {@code checkpointsDir/latest_checkpointed_iteration.txt}, or
   * empty when that file does not exist.
   */
  public static Optional<Path> latest(Path checkpointsDir) throws IOException {
    Path latestFile = checkpointsDir.resolve(LATEST_FILE);
    String text;
    try {
      text = Files.readString(latestFile, StandardCharsets.UTF_8).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    long iteration;
    try {
      iteration = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException("invalid " + latestFile + ": expected an iteration number, found '"
          + text + "'", e);
    }
    return Optional.of(iterationDirectory(checkpointsDir, iteration));
  }

  /**
   * Reads the checkpoint in {@code directory} (an {@code iter_NNNNNNN} directory) into arrays
   * owned by {@code manager}. The parameters require gradients, ready for further training.
   *
   * @throws IOException when a file is missing or unreadable
   * @throws IllegalArgumentException when the tensors do not match the saved settings
   */
  public static Checkpoint load(Path directory, NDManager manager) throws IOException {
    DjlEnvironment.preventNetworkAccess();
    CheckpointMeta meta = readMeta(directory);
    Path modelFile = directory.resolve(MODEL_FILE);
    GptModel model = GptModel.fromParameters(meta.model(), meta.vocabSize(),
        readSafetensors(modelFile, manager), modelFile.toString());
    if (model.paddedVocabSize() != meta.paddedVocabSize()) {
      throw new IllegalArgumentException(directory.resolve(META_FILE) + " gives padded vocabulary "
          + meta.paddedVocabSize() + ", but its model settings give " + model.paddedVocabSize());
    }

    Path optimizerFile = directory.resolve(OPTIMIZER_FILE);
    AdamW optimizer = new AdamW(model.parameters(), meta.optimizer(), manager);
    try (NDList saved = readSafetensors(optimizerFile, manager)) {
      optimizer.loadState(saved, meta.optimizerSteps(), optimizerFile.toString());
    }
    return new Checkpoint(directory, meta, model, optimizer);
  }

  /**
   * Reads {@code meta.json} of the checkpoint in {@code directory} without loading its tensors.
   *
   * @throws IOException when the file is missing, unreadable, lacks a field, or has a format other
   *     than {@link CheckpointMeta#CURRENT_FORMAT}
   */
  public static CheckpointMeta readMeta(Path directory) throws IOException {
    Path metaFile = directory.resolve(META_FILE);
    JsonNode tree = Json.MAPPER.readTree(metaFile.toFile());
    // The version is checked before the mapping, so that an older file gets this message rather
    // than one about a field it lacks.
    JsonNode version = tree.get("format_version");
    if (version == null || !version.canConvertToInt()
        || version.intValue() != CheckpointMeta.CURRENT_FORMAT) {
      String found = version == null ? "no format_version" : "checkpoint format " + version;
      throw new IOException(metaFile + " has " + found + ", but this trainer reads format "
          + CheckpointMeta.CURRENT_FORMAT + " only. Read it with the trainer version that wrote it, or train from scratch");
    }
    return Json.MAPPER.readerFor(CheckpointMeta.class)
        .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
            DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
        .readValue(tree);
  }

  private static void writeSafetensors(Path file, NDList arrays) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      arrays.encode(out, NDList.Encoding.SAFETENSORS);
    }
  }

  private static NDList readSafetensors(Path file, NDManager manager) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return NDList.decode(manager, in);
    }
  }
}

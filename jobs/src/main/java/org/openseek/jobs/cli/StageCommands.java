package org.openseek.jobs.cli;

import java.io.File;
import java.util.List;
import java.util.concurrent.Callable;
import org.openseek.jobs.Main;
import org.openseek.jobs.SingleStageRunner;
import org.openseek.jobs.StageCatalog;
import org.openseek.jobs.config.ExperimentConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One subcommand per stage: {@code openseek <stage> --config F --input P --output D}. */
public final class StageCommands {

  private StageCommands() {}

  /** Options that every stage command shares. */
  abstract static class StageCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
        description = "HOCON experiment file; without it the modules' reference.conf defaults apply.")
    File config;

    @Option(names = "--output", required = true, paramLabel = "DIR",
        description = "Output directory (a local path or Hadoop URI). It must be absent, empty, or a"
            + " committed output of this stage, which is reused when its config hash matches.")
    String output;

    @Mixin
    ConfigOptions options;

    abstract StageCatalog stage();

    abstract List<String> inputs();

    String sourceName() {
      return null;
    }

    String textField() {
      return null;
    }

    @Override
    public Integer call() throws Exception {
      SingleStageRunner.Result result = new SingleStageRunner().run(stage(),
          ExperimentConfigs.load(config, options.overrides()), inputs(), sourceName(), textField(),
          output);
      System.out.print(result.summary());
      System.out.flush();
      return 0;
    }
  }

  /** A stage that reads one committed output of an earlier stage. */
  abstract static class DownstreamCommand extends StageCommand {

    @Option(names = "--input", required = true, paramLabel = "DIR",
        description = "Committed output directory of the previous stage.")
    String input;

    @Override
    List<String> inputs() {
      return List.of(input);
    }
  }

  @Command(name = "clean", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "Reads JSONL or JSONL.gz documents, normalizes the text (Unicode NFC, LF line"
          + " ends, U+FEFF, lone surrogates and control characters other than tab and newline removed, trailing"
          + " whitespace stripped), filters it and writes kept/, dropped/ (with filter_reason),"
          + " quarantine/ (unparseable lines) and stats.json.")
  public static final class Clean extends StageCommand {

    @Option(names = "--input", paramLabel = "PATH",
        description = "A JSONL(.gz) file or a folder of them; repeatable. Without it the config's"
            + " sources list is read.")
    List<String> inputs = List.of();

    @Option(names = "--source", paramLabel = "NAME",
        description = "Source name of the single --input (default: the file name without extensions).")
    String source;

    @Option(names = "--text-field", paramLabel = "FIELD",
        description = "JSON field that contains the document text (default: clean's default, \"text\").")
    String textField;

    @Override
    StageCatalog stage() {
      return StageCatalog.CLEAN;
    }

    @Override
    List<String> inputs() {
      return inputs;
    }

    @Override
    String sourceName() {
      return source;
    }

    @Override
    String textField() {
      return textField;
    }
  }

  @Command(name = "dedup", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "Removes exact duplicates (after case and whitespace normalization) from the kept/"
          + " documents of an earlier stage, keeping the smallest id of each group.")
  public static final class Dedup extends DownstreamCommand {
    @Override
    StageCatalog stage() {
      return StageCatalog.DEDUP;
    }
  }

  @Command(name = "tokenize", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "Tokenizes the kept/ documents of an earlier stage into Arrow IPC shards, one"
          + " folder per source with manifest.json; each document is wrapped in BOS and EOS.")
  public static final class Tokenize extends DownstreamCommand {
    @Override
    StageCatalog stage() {
      return StageCatalog.TOKENIZE;
    }
  }

  @Command(name = "mix", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "Builds the deterministic blended sample index of the mix.datasets weights over"
          + " the shards of a tokenize output; samples hold mix.seq-length + 1 tokens.")
  public static final class Mix extends DownstreamCommand {
    @Override
    StageCatalog stage() {
      return StageCatalog.MIX;
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
      description = "Trains the model of train.model on the samples of a mix output (DJL, PyTorch"
          + " engine), logging one line per iteration and writing metrics.jsonl and checkpoints/.")
  public static final class Train extends DownstreamCommand {
    @Override
    StageCatalog stage() {
      return StageCatalog.TRAIN;
    }
  }
}

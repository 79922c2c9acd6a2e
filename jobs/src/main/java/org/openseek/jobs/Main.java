package org.openseek.jobs;

import java.io.PrintWriter;
import org.openseek.jobs.cli.PipelineCommand;
import org.openseek.jobs.cli.StageCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/openseek} and of
 * {@code spark-submit --class org.openseek.jobs.Main openseek-jobs-VERSION-all.jar}.
 *
 * <p>Exit status: 0 on success, 1 when a command fails, 2 on a usage error.
 */
@Command(
    name = "openseek",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Builds bilingual LLM pretraining data with Spark and pretrains on it with DJL.",
    subcommands = {
        PipelineCommand.class,
        StageCommands.Clean.class,
        StageCommands.Dedup.class,
        StageCommands.Tokenize.class,
        StageCommands.Mix.class,
        StageCommands.Train.class,
    })
public final class Main implements Runnable {

  static {
    // DJL contacts a cloud metadata address at start-up unless both are set, so they are set
    // before any DJL class loads, whatever the launcher did.
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty("ai.djl.offline", "true");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs a command line and returns its exit status. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      err.println("openseek " + cmd.getCommandName() + ": error: " + Failures.describe(exception));
      if (System.getenv("OPENSEEK_STACKTRACE") != null) {
        exception.printStackTrace(err);
      } else if (!(exception instanceof IllegalArgumentException)) {
        err.println("(set OPENSEEK_STACKTRACE=1 to print the stack trace)");
      }
      err.flush();
      return 1;
    });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this),
        "missing command: pipeline, clean, dedup, tokenize, mix or train");
  }

  /** Version line from the jar manifest's Implementation-Version. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"openseek " + (version != null ? version : "development build")};
    }
  }
}

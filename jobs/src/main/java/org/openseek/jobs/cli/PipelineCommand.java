package org.openseek.jobs.cli;

import java.io.File;
import java.util.concurrent.Callable;
import org.openseek.jobs.Main;
import org.openseek.jobs.PipelineRunner;
import org.openseek.jobs.config.ExperimentConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code openseek pipeline CONFIG}: the stages of {@code pipeline.stages}, then the funnel. */
@Command(name = "pipeline", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = {
        "Runs the stages listed in pipeline.stages (default: clean, dedup, tokenize, mix, train) in"
            + " order into the experiment directory <experiment.root>/<experiment.name>, then prints"
            + " the funnel: documents in, kept, dropped and quarantined per stage, tokens per source"
            + " and the training loss at the first and last step.",
        "A stage whose output is committed with the same config and inputs is reused, not rerun."})
public final class PipelineCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "CONFIG", description = "HOCON experiment file, e.g. configs/quickstart.conf.")
  File config;

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    PipelineRunner.Result result =
        new PipelineRunner().run(ExperimentConfigs.load(config, options.overrides()));
    System.out.print(PipelineRunner.funnel(result));
    System.out.flush();
    return 0;
  }
}

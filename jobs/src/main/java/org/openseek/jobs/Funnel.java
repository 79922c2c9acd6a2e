package org.openseek.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openseek.pipeline.stage.StageStats;

/**
 * The end-of-run summary: documents in, kept, dropped and quarantined per stage with reasons,
 * tokens per source and the training loss at the first and last step.
 */
final class Funnel {

  /** Detail keys that the tokenize and train stages write into their statistics. */
  static final String TOKENS_PER_SOURCE = "tokens_per_source";
  static final String DOCUMENTS_PER_SOURCE = "documents_per_source";
  static final String FIRST_LOSS = "first_loss";
  static final String LAST_LOSS = "last_loss";
  static final String STEPS = "steps";
  static final String CHECKPOINT = "checkpoint";
  static final String SAMPLES_PER_DATASET = "samples_per_dataset";

  private Funnel() {}

  static String render(String title, List<StageExecution.Run> runs, List<String> warnings) {
    StringBuilder out = new StringBuilder();
    out.append('\n').append(title).append('\n');
    out.append(String.format("%-9s %10s %10s %10s %12s %8s  %s%n",
        "stage", "input", "kept", "dropped", "quarantined", "wall s", "reasons"));
    for (StageExecution.Run run : runs) {
      StageStats stats = run.stats();
      out.append(String.format(Locale.ROOT, "%-9s %10d %10d %10d %12d %8s  %s%n",
          run.stage().stageName(), stats.input(), stats.kept(), stats.droppedTotal(),
          stats.quarantinedTotal(),
          run.skipped() ? "reused" : String.format(Locale.ROOT, "%.1f", stats.wallSeconds()),
          reasons(stats)));
    }
    for (StageExecution.Run run : runs) {
      Map<String, Object> details = run.stats().details();
      if (details.get(TOKENS_PER_SOURCE) instanceof Map<?, ?> tokens) {
        out.append("tokens per source: ").append(joinCounts(tokens)).append('\n');
      }
      if (details.get(SAMPLES_PER_DATASET) instanceof Map<?, ?> samples) {
        out.append("mixture samples per dataset: ").append(joinCounts(samples)).append('\n');
      }
      if (details.containsKey(FIRST_LOSS)) {
        out.append(String.format(Locale.ROOT,
            "training: %s steps, lm loss %.4f at the first step -> %.4f at the last step; checkpoint %s%n",
            details.get(STEPS), ((Number) details.get(FIRST_LOSS)).doubleValue(),
            ((Number) details.get(LAST_LOSS)).doubleValue(), run.output() + "/" + details.get(CHECKPOINT)));
      }
    }
    for (String warning : warnings) {
      out.append("warning: ").append(warning).append('\n');
    }
    return out.toString();
  }

  /**
   * Lists the configured sources of which a clean run kept no document, for example because the
   * text field is misnamed and every line went to quarantine.
   */
  static List<String> emptySources(List<StageExecution.Run> runs, List<String> sourceNames) {
    List<String> warnings = new java.util.ArrayList<>();
    for (StageExecution.Run run : runs) {
      if (run.stage() != StageCatalog.CLEAN
          || !(run.stats().details().get("kept_by_source_and_lang") instanceof Map<?, ?> kept)) {
        continue;
      }
      java.util.Set<String> keptSources = new java.util.HashSet<>();
      for (Map.Entry<?, ?> entry : kept.entrySet()) {
        if (((Number) entry.getValue()).longValue() > 0) {
          keptSources.add(String.valueOf(entry.getKey()).split("/", 2)[0]);
        }
      }
      for (String source : sourceNames) {
        if (!keptSources.contains(source)) {
          warnings.add("source '" + source + "' kept no documents; check its path, text-field and"
              + " the clean filters (see clean/dropped and clean/quarantine)");
        }
      }
    }
    return warnings;
  }

  private static String reasons(StageStats stats) {
    String dropped = stats.dropped().entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    String quarantined = stats.quarantined().entrySet().stream()
        .map(e -> "quarantine:" + e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
    return List.of(dropped, quarantined).stream()
        .filter(s -> !s.isEmpty())
        .collect(Collectors.joining(", "));
  }

  private static String joinCounts(Map<?, ?> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", ((Number) e.getValue()).longValue()))
        .collect(Collectors.joining(", "));
  }
}

package org.openseek.pipeline.stage;

import java.util.List;

/**
 * One step of the pipeline that reads committed inputs and writes one output directory.
 *
 * <p>A stage writes only under {@link StageContext#workDir()}. {@link StageRunner} moves that
 * directory into place once the stage returns statistics whose counts add up.
 */
public interface Stage {

  /** Short stable name, used as the output folder name and as the config section. */
  String name();

  /**
   * Config paths whose values decide this stage's output, hashed by {@link ConfigHash} to tell
   * whether a committed output can be reused. Defaults to the section named like the stage.
   */
  default List<String> configSections() {
    return List.of(name());
  }

  /**
   * Returns whether an interrupted run can continue from its work directory. The runner then keeps the
   * work directory after a failure and hands it back to the next run with the same config hash,
   * instead of deleting it. Defaults to false.
   */
  default boolean resumable() {
    return false;
  }

  /**
   * Runs the stage and returns its statistics.
   *
   * @throws Exception on any failure; the runner deletes the work directory (unless the stage is
   *     {@linkplain #resumable() resumable}) and re-raises
   */
  StageStats run(StageContext context) throws Exception;
}

package org.openseek.pipeline.stage;

/** Thrown when a stage's output counts do not add up to its input count. */
public final class StageAccountingException extends IllegalStateException {

  public StageAccountingException(String message) {
    super(message);
  }
}

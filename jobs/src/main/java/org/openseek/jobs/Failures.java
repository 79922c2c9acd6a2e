package org.openseek.jobs;

import java.util.HashSet;
import java.util.Set;

/** Turns an exception chain into one line for the console. */
final class Failures {

  private Failures() {}

  /**
   * Returns the message of the deepest cause that has one, prefixed by its type unless it is an
   * IllegalArgumentException, whose messages are written for users.
   */
  static String describe(Throwable failure) {
    Throwable chosen = failure;
    Set<Throwable> seen = new HashSet<>();
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        chosen = t;
      }
      if (t instanceof IllegalArgumentException) {
        break;
      }
    }
    String message = chosen.getMessage() == null ? "(no message)" : chosen.getMessage().strip();
    int newline = message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline);
    }
    return chosen instanceof IllegalArgumentException
        ? message
        : chosen.getClass().getSimpleName() + ": " + message;
  }
}

package org.openseek.jobs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Adds a log file beside the console output once the experiment directory is known. */
final class LogFiles {

  private LogFiles() {}

  /** Appends every log line of this JVM at INFO or above to {@code file} (a local path). */
  static void attach(java.nio.file.Path file) {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return; // another logging backend is bound; it keeps its own configuration
    }
    Configuration configuration = context.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder()
        .withConfiguration(configuration)
        .withPattern("%d{yyyy-MM-dd HH:mm:ss} %-5level %c{1} - %msg%n")
        .build();
    Appender appender = FileAppender.newBuilder()
        .setName("experiment-log")
        .withFileName(file.toString())
        .withAppend(true)
        .setLayout(layout)
        .setConfiguration(configuration)
        .build();
    appender.start();
    configuration.addAppender(appender);
    // Events of loggers below the root reach the root's appenders through additivity.
    configuration.getRootLogger().addAppender(appender, Level.INFO, null);
    context.updateLoggers();
  }
}

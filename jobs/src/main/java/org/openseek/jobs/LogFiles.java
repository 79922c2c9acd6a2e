package org.openseek.jobs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Adds a log file beside the console output once the experiment directory is known. */
final class LogFiles {

  /**
   * Logger whose INFO lines go to the experiment log file only: the resolved config and failure
   * stack traces, which would flood the console. Without a log file they follow the root logger.
   */
  static final String FILE_ONLY_LOGGER = "org.openseek.experiment-log";

  private static final String APPENDER_NAME = "experiment-log";

  private LogFiles() {}

  /** Appends every log line of this JVM at INFO or above to {@code file} (a local path). */
  static void attach(java.nio.file.Path file) {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      return; // another logging backend is bound; it keeps its own configuration
    }
    Configuration configuration = context.getConfiguration();
    // A second pipeline run in the same JVM (tests) moves the log to its own experiment.
    configuration.getRootLogger().removeAppender(APPENDER_NAME);
    configuration.removeLogger(FILE_ONLY_LOGGER);
    PatternLayout layout = PatternLayout.newBuilder()
        .withConfiguration(configuration)
        .withPattern("%d{yyyy-MM-dd HH:mm:ss} %-5level %c{1} - %msg%n")
        .build();
    Appender appender = FileAppender.newBuilder()
        .setName(APPENDER_NAME)
        .withFileName(file.toString())
        .withAppend(true)
        .setLayout(layout)
        .setConfiguration(configuration)
        .build();
    appender.start();
    configuration.addAppender(appender);
    // Events of loggers below the root reach the root's appenders through additivity.
    configuration.getRootLogger().addAppender(appender, Level.INFO, null);

    LoggerConfig fileOnly = LoggerConfig.newBuilder()
        .withLoggerName(FILE_ONLY_LOGGER)
        .withLevel(Level.INFO)
        .withAdditivity(false)
        .withConfig(configuration)
        .build();
    fileOnly.addAppender(appender, Level.INFO, null);
    configuration.addLogger(FILE_ONLY_LOGGER, fileOnly);
    context.updateLoggers();
  }
}

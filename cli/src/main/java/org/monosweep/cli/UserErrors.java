package org.monosweep.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.FileAppender;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.monosweep.cli.cluster.ClusterUnreachableException;
import org.monosweep.results.store.ResultStoreException;
import org.monosweep.spec.SpecException;
import org.monosweep.trainer.data.DatasetException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * What a command's exception becomes. Mistakes the user can fix (a spec error, a bad option
 * value, a missing file or dataset, bad settings) and an unreachable store or cluster print one
 * line on stderr and exit with their code; anything else is a bug: one line on stderr, and the
 * stack trace goes to the log file, never to the terminal.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
  /** Logs to the log file only (logback.xml), so a trace never reaches the terminal. */
  private static final String BUG_LOGGER = "monosweep.bugs";

  @Override
  public int handleExecutionException(Exception e, CommandLine cli,
      CommandLine.ParseResult parsed) {
    Throwable cause = unwrap(e);
    int code = codeOf(cause);
    if (code != ExitCodes.INTERNAL_ERROR) {
      cli.getErr().println("error: " + message(cause));
      return code;
    }
    // Obtained here, not in a field: logback starts with the first logger, and by now the
    // command has named its runs folder and log.
    LoggerFactory.getLogger(BUG_LOGGER).error("monosweep {} failed",
        String.join(" ", parsed.originalArgs()), e);
    cli.getErr().println("internal error: " + cause + " (a bug in monosweep; the stack trace is"
        + " in " + logFile() + ")");
    return ExitCodes.INTERNAL_ERROR;
  }

  /** The exit code of an exception; {@link ExitCodes#INTERNAL_ERROR} for a bug. */
  static int codeOf(Throwable e) {
    if (e instanceof ClusterUnreachableException || e instanceof TimeoutException
        || e instanceof ResultStoreException) {
      return ExitCodes.UNREACHABLE;
    }
    if (e instanceof SpecException || e instanceof IllegalArgumentException
        || e instanceof ConfigException || e instanceof DatasetException
        || e instanceof IOException || e instanceof UncheckedIOException) {
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.INTERNAL_ERROR;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof ExecutionException || cause instanceof CompletionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String message(Throwable e) {
    // The JDK's file exceptions carry only the path as their message.
    if (e instanceof NoSuchFileException missing) {
      return missing.getFile() + ": no such file or folder";
    }
    if (e instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof UncheckedIOException unchecked && unchecked.getCause() != null
        && unchecked.getMessage().equals(unchecked.getCause().toString())) {
      return message(unchecked.getCause());
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static String logFile() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    return root.getAppender("FILE") instanceof FileAppender<?> file ? file.getFile() : "the log";
  }
}

package org.monosweep.cli;

import java.io.UncheckedIOException;
import org.monosweep.spec.SpecException;
import picocli.CommandLine;

/**
 * Prints bad input (a spec error, a missing dataset, an unreadable file) as one clear message
 * instead of a stack trace; anything else is a bug and keeps its trace.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof SpecException || e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException || e instanceof java.nio.file.NoSuchFileException
        || e.getClass().getSimpleName().equals("DatasetException")) {
      cli.getErr().println("error: " + e.getMessage());
      return 2;
    }
    throw new RuntimeException(e);
  }
}

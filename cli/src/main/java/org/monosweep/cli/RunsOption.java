package org.monosweep.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --runs} option every command that touches runtime state shares. */
final class RunsOption {
  @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
      description = "where the database, logs, reports and models live (default: ${DEFAULT-VALUE})")
  Path runs;

  RunsLayout layout() {
    return new RunsLayout(runs.toAbsolutePath().normalize());
  }
}

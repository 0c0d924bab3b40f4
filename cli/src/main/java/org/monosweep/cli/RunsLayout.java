package org.monosweep.cli;

import java.nio.file.Path;

/**
 * Where runtime state lives under the runs folder (ignored by git): the H2 database, the log,
 * each cell's work folder, each sweep's report.
 *
 * @param root the runs folder, {@code runs/} by default
 */
record RunsLayout(Path root) {
  /** The H2 file, without H2's {@code .mv.db} suffix. */
  Path database() {
    return root.resolve("monosweep");
  }

  /** The folder of a sweep's report and exported models. */
  Path sweep(String sweepName) {
    return root.resolve(sweepName);
  }

  /** The sweep's Markdown report. */
  Path report(String sweepName) {
    return sweep(sweepName).resolve("report.md");
  }
}

package org.monosweep.cli;

import java.nio.file.Path;

/**
 * Where runtime state lives under the runs folder (ignored by git): the H2 database, the log,
 * each cell's work folder, each sweep's report and previews, the patch cache.
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

  /** The content-addressed cache of rendered patch sets, shared by every sweep's cells. */
  Path patchCache() {
    return root.resolve("cache").resolve("patches");
  }

  /** The folder of a sweep's augmentation preview grids. */
  Path previews(String sweepName) {
    return sweep(sweepName).resolve("previews");
  }

  /** The sweep's Markdown report. */
  Path report(String sweepName) {
    return sweep(sweepName).resolve("report.md");
  }
}

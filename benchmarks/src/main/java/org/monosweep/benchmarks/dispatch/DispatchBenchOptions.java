package org.monosweep.benchmarks.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of {@code monosweep bench dispatch}, mixed into {@link DispatchBench} (picocli
 * takes both {@code --slots 100} and {@code --slots=100}), and their checks.
 */
final class DispatchBenchOptions {
  @Option(names = "--slots", defaultValue = "100",
      description = "worker slots over all node systems (default: ${DEFAULT-VALUE})")
  int slots;

  @Option(names = "--systems", defaultValue = "2",
      description = "node actor systems, each its own cluster member (default: ${DEFAULT-VALUE})")
  int systems;

  @Option(names = "--cells", defaultValue = "10000",
      description = "cells per measured sweep (default: ${DEFAULT-VALUE})")
  int cells;

  @Option(names = "--cell-ms", split = ",", defaultValue = "0,1000",
      description = "how long each cell holds its slot, in ms, one sweep per value"
          + " (default: ${DEFAULT-VALUE})")
  List<Long> cellMs = new ArrayList<>();

  @Option(names = "--runs", defaultValue = "runs",
      description = "the benchmark works in DIR/bench-dispatch (default: ${DEFAULT-VALUE})")
  Path runs;

  /**
   * Checks the values together.
   *
   * @throws IllegalArgumentException naming the option that is out of range
   */
  void check() {
    if (systems < 1) {
      throw new IllegalArgumentException("--systems must be >= 1, got " + systems);
    }
    if (slots < systems) {
      throw new IllegalArgumentException("--slots must be >= --systems (each node system needs a"
          + " slot), got " + slots + " slots for " + systems + " systems");
    }
    if (cells < 1) {
      throw new IllegalArgumentException("--cells must be >= 1, got " + cells);
    }
    if (cellMs.isEmpty() || cellMs.stream().anyMatch(ms -> ms < 0)) {
      throw new IllegalArgumentException("--cell-ms takes one or more durations >= 0 in ms, got "
          + cellMs);
    }
  }

  /** The cell durations, one measured sweep each, in the order given. */
  List<Duration> cellHolds() {
    return cellMs.stream().map(Duration::ofMillis).toList();
  }

  /** The folder the benchmark deletes and recreates for each sweep. */
  Path folder() {
    return runs.resolve("bench-dispatch").toAbsolutePath().normalize();
  }
}

package org.monosweep.benchmarks.dispatch;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Prints the dispatch benchmark: the setting, each sweep's figures, the table and the verdict. */
final class DispatchReport {
  /** The Ray Tune reference issue 7 compares against: about 9 ms of overhead per trial. */
  static final double RAY_TUNE_MS_PER_TRIAL = 9.0;
  /** Target: dispatch overhead per cell, amortised. */
  static final double TARGET_MS_PER_CELL = 1.0;
  /** Target: slot time idle while cells are pending, with cells of {@link #TARGET_IDLE_HOLD}. */
  static final double TARGET_IDLE_FRACTION = 0.01;
  /** The cell duration the idle target is set for. */
  static final Duration TARGET_IDLE_HOLD = Duration.ofSeconds(1);

  private final PrintStream out;

  DispatchReport(PrintStream out) {
    this.out = out;
  }

  /** What runs where, and what the numbers are measured against. */
  void header(DispatchBenchOptions options) {
    Runtime runtime = Runtime.getRuntime();
    var jvm = ManagementFactory.getRuntimeMXBean();
    line("bench dispatch: %d slots on %d node systems + 1 coordinator system in this JVM,"
        + " Artery TCP on 127.0.0.1; %d cells per sweep; cells held %s ms", options.slots,
        options.systems, options.cells, options.cellMs);
    line("JVM: %s %s (%s), %d cores, max heap %.1f GiB; Akka %s", jvm.getVmName(),
        jvm.getVmVersion(), jvm.getVmVendor(), runtime.availableProcessors(),
        runtime.maxMemory() / (double) (1L << 30), akka.Version.current());
    line("reference: Ray Tune, about %.0f ms of overhead per trial", RAY_TUNE_MS_PER_TRIAL);
    line("targets: < %.0f ms per cell amortised (wall time); < %.0f %% of slot time idle while"
        + " cells are pending, with %d s cells", TARGET_MS_PER_CELL, 100 * TARGET_IDLE_FRACTION,
        TARGET_IDLE_HOLD.toSeconds());
    line("folder (recreated per sweep): %s", options.folder());
    line("the numbers are only as quiet as the machine: its load average is printed per sweep");
  }

  /** The figures of one sweep, with their formulas, and its H2 check. */
  void sweep(DispatchRun.Result result) {
    DispatchFigures f = result.figures();
    out.println();
    line("--- cells held %d ms: %d cells on %d slots (1-minute load average at the end: %.2f on"
            + " %d cores)", f.cellHold().toMillis(), f.cells(), f.slots(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    f.describe().forEach(l -> line("  %s", l));
    result.legs().describe().forEach(l -> line("  %s", l));
    line("  %s", result.audit().describe());
    line("  runner: %d of %d cells ran exactly once", result.cellsRunOnce(), f.cells());
    out.flush();
  }

  /** The summary table and whether the targets are met. */
  void summary(List<DispatchRun.Result> results) {
    out.println();
    line("%9s | %6s | %5s | %8s | %14s | %14s | %12s | %9s | %s", "cell hold", "cells", "slots",
        "cells/s", "overhead ms", "amortised ms", "wall ms/cell", "idle %", "H2");
    line("%9s | %6s | %5s | %8s | %14s | %14s | %12s | %9s |", "", "", "", "",
        "(slot time)", "(wall time)", "", "(pending)");
    for (DispatchRun.Result r : results) {
      DispatchFigures f = r.figures();
      line("%6d ms | %6d | %5d | %8.1f | %14.3f | %14.4f | %12.4f | %9.3f | %s",
          f.cellHold().toMillis(), f.cells(), f.slots(), f.cellsPerSecond(),
          f.overheadMsPerCell(), f.amortisedOverheadMs(), f.wallMsPerCell(),
          100 * f.idleFraction(), r.ok() ? "all DONE once" : "FAILED");
    }
    out.println();
    for (DispatchRun.Result r : results) {
      DispatchFigures f = r.figures();
      line("%d ms cells: %.4f ms amortised overhead per cell %s the < %.0f ms target"
              + " (%.3f ms of slot time per cell; Ray Tune ~%.0f ms per trial)",
          f.cellHold().toMillis(), f.amortisedOverheadMs(),
          verdict(f.amortisedOverheadMs() < TARGET_MS_PER_CELL), TARGET_MS_PER_CELL,
          f.overheadMsPerCell(), RAY_TUNE_MS_PER_TRIAL);
      if (f.cellHold().compareTo(TARGET_IDLE_HOLD) >= 0) {
        line("%d ms cells: %.3f %% idle while pending %s the < %.0f %% target",
            f.cellHold().toMillis(), 100 * f.idleFraction(),
            verdict(f.idleFraction() < TARGET_IDLE_FRACTION), 100 * TARGET_IDLE_FRACTION);
      }
    }
    out.flush();
  }

  private static String verdict(boolean met) {
    return met ? "meets" : "MISSES";
  }

  private void line(String pattern, Object... args) {
    out.println(String.format(Locale.ROOT, pattern, args));
  }
}

package org.monosweep.benchmarks.dispatch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@code monosweep bench dispatch [--slots 100] [--systems 2] [--cells 10000] [--cell-ms 0,1000]
 * [--runs DIR]}: how much the dispatch path costs per cell. For each cell duration it runs one
 * sweep of simulated cells through a coordinator system and node systems on loopback TCP, with
 * the real results writer over a fresh H2 file, and prints throughput, the amortised overhead per
 * cell and the slot time idle while cells were pending, then checks that H2 holds every cell
 * DONE exactly once. Exits with an error if a check fails.
 */
public final class DispatchBench {
  private DispatchBench() {}

  /**
   * Runs the benchmark with the options in {@code args}.
   *
   * @throws IllegalArgumentException for bad options
   * @throws IllegalStateException if a sweep does not store every cell DONE exactly once
   */
  public static void main(String[] args) throws InterruptedException, TimeoutException {
    DispatchBenchOptions options = DispatchBenchOptions.parse(args);
    Config config = ConfigFactory.parseResources("bench-dispatch.conf")
        .withFallback(ConfigFactory.load());
    List<DispatchRun.Result> results = run(options, config, System.out);
    if (!results.stream().allMatch(DispatchRun.Result::ok)) {
      throw new IllegalStateException("bench dispatch: a sweep did not store every cell DONE"
          + " exactly once; see above");
    }
  }

  /** Runs one sweep per cell duration, printing as it goes. */
  static List<DispatchRun.Result> run(DispatchBenchOptions options, Config config,
      PrintStream out) throws InterruptedException, TimeoutException {
    DispatchReport report = new DispatchReport(out);
    report.header(options);
    List<DispatchRun.Result> results = new ArrayList<>();
    for (Duration hold : options.cellHolds()) {
      DispatchRun.Result result = DispatchRun.measure(options.systems, options.slots,
          options.cells, hold, options.folder(), config);
      report.sweep(result);
      results.add(result);
    }
    report.summary(results);
    return results;
  }
}

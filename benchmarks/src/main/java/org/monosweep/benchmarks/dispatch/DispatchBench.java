package org.monosweep.benchmarks.dispatch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code monosweep bench dispatch [--slots 100] [--systems 2] [--cells 10000] [--cell-ms 0,1000]
 * [--runs DIR]}: how much the dispatch path costs per cell. For each cell duration it runs one
 * sweep of simulated cells through a coordinator system and node systems on loopback TCP, with
 * the real results writer over a fresh H2 file, and prints throughput, the amortised overhead per
 * cell and the slot time idle while cells were pending, then checks that H2 holds every cell
 * DONE exactly once. Exits with code 1 if a check fails.
 *
 * <p>JMH does not fit: one measurement is a whole sweep over actor systems and H2, thousands of
 * cells whose cost is the point, not a method called millions of times in a forked JVM.
 */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
    description = "Coordinator-to-slot overhead per cell over loopback TCP into H2.")
public final class DispatchBench implements Callable<Integer> {
  @Mixin DispatchBenchOptions options;

  @Spec CommandSpec spec;

  /** Runs the benchmark; exit code 0, or 1 when a sweep did not store every cell DONE once. */
  @Override
  public Integer call() throws InterruptedException, TimeoutException {
    try {
      options.check();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Config config = ConfigFactory.parseResources("bench-dispatch.conf")
        .withFallback(ConfigFactory.load());
    List<DispatchRun.Result> results = run(options, config, System.out);
    if (!results.stream().allMatch(DispatchRun.Result::ok)) {
      spec.commandLine().getErr().println("bench dispatch: a sweep did not store every cell DONE"
          + " exactly once; see above");
      return 1;
    }
    return 0;
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

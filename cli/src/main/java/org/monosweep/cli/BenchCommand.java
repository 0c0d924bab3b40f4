package org.monosweep.cli;

import org.monosweep.benchmarks.augment.AugmentBench;
import org.monosweep.benchmarks.augment.KernelBench;
import org.monosweep.benchmarks.dispatch.DispatchBench;
import org.monosweep.benchmarks.train.ClusterBenchCommand;
import org.monosweep.benchmarks.train.GanBenchCommand;
import org.monosweep.benchmarks.train.TrainBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code monosweep bench augment|kernel|train|cluster|gan|dispatch [options]}: the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks; 'monosweep bench WHAT --help' lists each one's options.",
    subcommands = {
      AugmentBench.class,
      KernelBench.class,
      TrainBench.class,
      ClusterBenchCommand.class,
      GanBenchCommand.class,
      DispatchBench.class
    })
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Without a benchmark named: a usage error that lists them. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a benchmark: "
        + String.join(", ", spec.subcommands().keySet()));
  }
}

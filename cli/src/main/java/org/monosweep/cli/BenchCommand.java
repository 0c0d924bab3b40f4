package org.monosweep.cli;

import java.util.ArrayList;
import java.util.List;
import org.monosweep.benchmarks.augment.AugmentBench;
import org.monosweep.benchmarks.dispatch.DispatchBench;
import org.monosweep.benchmarks.train.TrainBench;
import org.monosweep.trainer.methods.cluster.ClusterBench;
import org.monosweep.trainer.methods.gan.GanBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code monosweep bench augment|train|cluster|gan|dispatch [options]}: the benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: augment (patches/s vs a naive baseline), train (rotnet images/s,"
        + " probe time per layer), cluster (DeepCluster), gan (MonoGAN, BiGAN), dispatch"
        + " (coordinator-to-slot overhead per cell over loopback TCP into H2: --slots 100"
        + " --systems 2 --cells 10000 --cell-ms 0,1000).")
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WHAT", description = "augment, train, cluster, gan or dispatch")
  String what;

  @Unmatched List<String> rest = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    String[] args = rest.toArray(String[]::new);
    switch (what) {
      case "augment" -> AugmentBench.main(args);
      case "train" -> TrainBench.main(args);
      case "cluster" -> ClusterBench.main(args);
      case "gan" -> GanBench.main(args);
      case "dispatch" -> DispatchBench.main(args);
      default -> throw new IllegalArgumentException("unknown benchmark '" + what + "': use augment, train, cluster, gan or dispatch");
    }
    return ExitCodes.OK;
  }
}

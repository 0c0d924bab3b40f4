package org.monosweep.cli;

import java.util.ArrayList;
import java.util.List;
import org.monosweep.augment.bench.AugmentBench;
import org.monosweep.gpunode.bench.TrainBench;
import org.monosweep.gpunode.methods.cluster.ClusterBench;
import org.monosweep.gpunode.methods.gan.GanBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

/** {@code monosweep bench augment|train [options]}: the throughput benchmarks. */
@Command(name = "bench", description = "Benchmarks: augment (patches/s vs a naive baseline), train (rotnet images/s, probe time per layer), cluster (DeepCluster), gan (MonoGAN, BiGAN).")
final class BenchCommand implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", paramLabel = "WHAT", description = "augment, train, cluster or gan")
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
      default -> throw new IllegalArgumentException("unknown benchmark '" + what + "': use augment, train, cluster or gan");
    }
    return 0;
  }
}

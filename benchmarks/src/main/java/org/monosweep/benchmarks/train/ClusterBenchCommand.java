package org.monosweep.benchmarks.train;

import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.monosweep.trainer.methods.cluster.ClusterBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench cluster}: the options of the trainer's {@link ClusterBench}, which measures
 * DeepCluster's images/s with its clustering included, next to RotNet.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "DeepCluster training images/s, clustering included, next to RotNet.")
public final class ClusterBenchCommand implements Callable<Integer> {
  @Option(names = "--batch", defaultValue = "64",
      description = "images per step (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--images", defaultValue = "4096",
      description = "images per epoch (default: ${DEFAULT-VALUE})")
  int images;

  @Option(names = "--epochs", defaultValue = "4",
      description = "epochs per method, the first a warm-up (default: ${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--k", defaultValue = "100",
      description = "DeepCluster's clusters (default: ${DEFAULT-VALUE})")
  int k;

  @Option(names = "--threads", description = "the engine's intra-op threads (default: its own)")
  Integer threads;

  @Option(names = "--fashion", description = "train on the installed Fashion-MNIST's first"
      + " --images images instead of random pixels")
  boolean fashion;

  @Option(names = "--skip-rotnet", description = "leave out the RotNet comparison")
  boolean skipRotnet;

  @Spec CommandSpec spec;

  /** Runs the benchmark; exit code 0. */
  @Override
  public Integer call() throws Exception {
    ClusterBench.run(settings());
    return 0;
  }

  /** The options as the benchmark's settings, or a usage error naming the bad one. */
  ClusterBench.Settings settings() {
    try {
      return new ClusterBench.Settings(batch, images, epochs, k,
          threads == null ? OptionalInt.empty() : OptionalInt.of(threads), fashion, skipRotnet);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

package org.monosweep.benchmarks.train;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.monosweep.spec.Method;
import org.monosweep.trainer.methods.gan.GanBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench gan}: the options of the trainer's {@link GanBench}, which measures MonoGAN's and
 * BiGAN's training speed (RotNet beside them) and WGAN-GP's memory over many critic steps.
 */
@Command(name = "gan", mixinStandardHelpOptions = true,
    description = "MonoGAN and BiGAN training images/s (RotNet for comparison) and WGAN-GP memory"
        + " per critic step.")
public final class GanBenchCommand implements Callable<Integer> {
  @Option(names = "--seconds", defaultValue = "30",
      description = "training time per method after the warm-up epoch (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--batch", defaultValue = "64",
      description = "images per step (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--steps-per-epoch", defaultValue = "10",
      description = "steps per epoch (default: ${DEFAULT-VALUE})")
  int stepsPerEpoch;

  @Option(names = "--threads", description = "the engine's intra-op threads (default: its own)")
  Integer threads;

  @Option(names = "--methods", split = ",", defaultValue = "monogan,bigan,rotnet",
      converter = MethodConverter.class, paramLabel = "METHOD",
      description = "methods to train, in order: monogan, bigan, rotnet"
          + " (default: ${DEFAULT-VALUE})")
  List<Method> methods;

  @Option(names = "--memory-steps", defaultValue = "0",
      description = "WGAN-GP critic steps of the memory run; 0 skips it"
          + " (default: ${DEFAULT-VALUE})")
  int memorySteps;

  @Option(names = "--memory-batch", defaultValue = "64",
      description = "images per critic step of the memory run (default: ${DEFAULT-VALUE})")
  int memoryBatch;

  @Spec CommandSpec spec;

  /** Runs the benchmark; exit code 0. */
  @Override
  public Integer call() throws Exception {
    GanBench.run(settings());
    return 0;
  }

  /** The options as the benchmark's settings, or a usage error naming the bad one. */
  GanBench.Settings settings() {
    try {
      return new GanBench.Settings(seconds, batch, stepsPerEpoch,
          threads == null ? OptionalInt.empty() : OptionalInt.of(threads), methods, memorySteps,
          memoryBatch);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

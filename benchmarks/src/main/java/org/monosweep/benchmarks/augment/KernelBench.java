package org.monosweep.benchmarks.augment;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench kernel}: runs {@link PatchGeneratorBenchmark} under JMH, which forks a JVM on
 * this process's class path, warms it up and prints patches/s of the fused kernel and of the
 * naive baseline per patch side, with error bars. The defaults take about 40 seconds.
 */
@Command(name = "kernel", mixinStandardHelpOptions = true,
    description = "JMH: patches/s of PatchGenerator against the naive baseline, one thread.")
public final class KernelBench implements Callable<Integer> {
  @Option(names = "--sizes", split = ",", defaultValue = "32,128,224", paramLabel = "S",
      description = "patch sides (default: ${DEFAULT-VALUE})")
  List<Integer> sizes;

  @Option(names = "--forks", defaultValue = "1",
      description = "JVMs forked in turn (default: ${DEFAULT-VALUE})")
  int forks;

  @Option(names = "--iterations", defaultValue = "3",
      description = "measured iterations per fork (default: ${DEFAULT-VALUE})")
  int iterations;

  @Option(names = "--seconds", defaultValue = "1",
      description = "seconds per iteration, warm-up ones included (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--photo", defaultValue = AugmentBench.DEFAULT_PHOTO, paramLabel = "FILE",
      description = "the large photo; a synthetic texture when it is absent"
          + " (default: ${DEFAULT-VALUE})")
  String photo;

  @Spec CommandSpec spec;

  /** Runs JMH; exit code 0. */
  @Override
  public Integer call() throws RunnerException {
    if (forks < 1 || iterations < 1 || seconds < 1 || sizes.stream().anyMatch(s -> s < 1)) {
      throw new ParameterException(spec.commandLine(), "--forks, --iterations, --seconds and"
          + " --sizes must be >= 1, got " + forks + ", " + iterations + ", " + seconds + " and "
          + sizes);
    }
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + Pattern.quote(PatchGeneratorBenchmark.class.getName()) + "\\.")
        .param("size", sizes.stream().map(String::valueOf).toArray(String[]::new))
        .param("photo", photo)
        .forks(forks)
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(seconds))
        .warmupTime(TimeValue.seconds(seconds));
    new Runner(options.build()).run();
    return 0;
  }
}

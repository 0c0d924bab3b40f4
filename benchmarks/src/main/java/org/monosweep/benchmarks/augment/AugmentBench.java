package org.monosweep.benchmarks.augment;

import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.PatchGenerator;
import org.monosweep.spec.Augmentation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench augment}: patches per second of the fused sampler for S = 32, 128 and 224, on one
 * thread and on all threads, from a large photo, a 512 x 512 photo and a 600 x 225 drawing, next
 * to the naive {@code java.awt} baseline measured in the same run, with all augmentations on.
 * Prints a table and the targets.
 *
 * <p>Rates are given per wall second and per CPU-second of the threads doing the work. On a shared
 * machine the wall rates depend on what else runs; the CPU-second rates are the per-core figures,
 * and the ratio of the parallel to the single-thread CPU-second rate ("efficiency") says whether
 * the work itself scales, whether or not free cores were there to show it. The naive baseline's
 * CPU-second rate leaves out the garbage collection of its full-size canvases, which flatters it.
 *
 * <p>It measures whole fused batches on a thread pool of its own, CPU time per thread included,
 * which JMH's harness does not report; {@code bench kernel} measures the single-thread kernel
 * under JMH. The default run takes under a minute.
 */
@Command(name = "augment", mixinStandardHelpOptions = true,
    description = "Patches/s of the fused sampler against a naive java.awt baseline, S = 32, 128"
        + " and 224, on one thread and on all threads.")
public final class AugmentBench implements Callable<Integer> {

  /** The MATE elephants wallpaper, a large photo that a Debian package installs. */
  static final String DEFAULT_PHOTO =
      "/usr/share/backgrounds/mate/abstract/Elephants_3840x2160.jpg";
  private static final int[] SIZES = {32, 128, 224};
  private static final double WARMUP_SECONDS = 0.3;

  @Option(names = "--seconds", defaultValue = "1",
      description = "seconds per fused measurement (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--naive-seconds", defaultValue = "1.5",
      description = "seconds per baseline measurement (default: ${DEFAULT-VALUE})")
  double naiveSeconds;

  @Option(names = "--threads", description = "threads of the parallel measurement (default: all"
      + " processors)")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--photo", defaultValue = DEFAULT_PHOTO, paramLabel = "FILE",
      description = "the large photo; a synthetic 2560 x 1600 texture when it is absent"
          + " (default: ${DEFAULT-VALUE})")
  Path photo;

  @Spec CommandSpec spec;

  private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
  private final List<Thread> workers = new CopyOnWriteArrayList<>();

  /** Patches per wall second and per CPU-second of the threads that rendered them. */
  record Rate(double wall, double cpu) {}

  /** One table row. */
  record Row(String source, int size, Rate single, Rate parallel, Rate naive) {
    double speedup() {
      return single.cpu() / naive.cpu();
    }
  }

  /** Runs the benchmark and prints the table; exit code 0. */
  @Override
  public Integer call() {
    if (!(seconds > 0) || !(naiveSeconds > 0)) {
      throw new ParameterException(spec.commandLine(), "--seconds and --naive-seconds must be"
          + " > 0, got " + seconds + " and " + naiveSeconds);
    }
    if (threads < 1) {
      throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + threads);
    }
    run();
    return 0;
  }

  private void run() {
    System.out.printf(Locale.ROOT, "augment bench: %d processors, load average %.2f, %d threads%n",
        Runtime.getRuntime().availableProcessors(), loadAverage(), threads);
    BufferedImage large = BenchSource.largePhoto(photo);
    List<BenchSource> sources = List.of(BenchSource.of("photo", large),
        BenchSource.of("photo", BenchSource.smallPhoto(large)),
        BenchSource.of("drawing", BenchSource.drawing()));
    System.out.printf("%-20s %4s %10s %10s %10s %10s %6s %10s %9s%n", "source", "S", "1T wall/s",
        "1T cpu/s", threads + "T wall/s", threads + "T cpu/s", "effic", "naive cpu/s",
        "vs naive");
    List<Row> rows = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread worker = new Thread(task, "augment-bench-" + workers.size());
      worker.setDaemon(true);
      workers.add(worker);
      return worker;
    });
    try {
      for (BenchSource source : sources) {
        for (int size : SIZES) {
          Row row = measure(source, size, pool);
          rows.add(row);
          System.out.printf(Locale.ROOT,
              "%-20s %4d %,10.0f %,10.0f %,10.0f %,10.0f %6.2f %,10.1f %,8.0fx%n", row.source(),
              size, row.single().wall(), row.single().cpu(), row.parallel().wall(),
              row.parallel().cpu(), row.parallel().cpu() / row.single().cpu(),
              row.naive().cpu(), row.speedup());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    printTargets(rows);
    System.out.printf(Locale.ROOT, "load average at the end %.2f (a shared machine: wall figures"
        + " are under whatever else ran)%n", loadAverage());
  }

  private Row measure(BenchSource source, int size, ExecutorService pool) {
    AugmentationSettings settings =
        AugmentationSettings.paperDefaults(size, EnumSet.allOf(Augmentation.class));
    PatchGenerator generator = PatchGenerator.create(List.of(source.source()), settings, 1);
    int batch = Math.max(threads * 4, 1024 / size * threads);
    float[] out = new float[batch * generator.patchLength()];
    long[] next = {0};
    IntSupplier single = () -> {
      generator.fill(next[0], batch, out, Runnable::run, 1);
      next[0] += batch;
      return batch;
    };
    IntSupplier parallel = () -> {
      generator.fill(next[0], batch, out, pool, threads);
      next[0] += batch;
      return batch;
    };
    NaiveAugmenter naive = new NaiveAugmenter(source.image());
    IntSupplier baseline = () -> {
      naive.augment(generator.parameters(next[0]++), size);
      return 1;
    };
    LongSupplier callerCpu = cpu::getCurrentThreadCpuTime;
    LongSupplier poolCpu = () -> workers.stream().mapToLong(t -> cpu.getThreadCpuTime(t.getId()))
        .sum();
    rate(single, WARMUP_SECONDS, callerCpu);
    Rate singleRate = rate(single, seconds, callerCpu);
    rate(parallel, WARMUP_SECONDS, poolCpu);
    Rate parallelRate = rate(parallel, seconds, poolCpu);
    baseline.getAsInt();
    Rate naiveRate = rate(baseline, naiveSeconds, callerCpu);
    return new Row(source.name(), size, singleRate, parallelRate, naiveRate);
  }

  /** Runs {@code work} until {@code seconds} of wall time have passed, and at least twice. */
  private static Rate rate(IntSupplier work, double seconds, LongSupplier cpuNanos) {
    long start = System.nanoTime();
    long cpuStart = cpuNanos.getAsLong();
    long deadline = start + (long) (seconds * 1e9);
    long patches = 0;
    int calls = 0;
    while (calls < 2 || System.nanoTime() < deadline) {
      patches += work.getAsInt();
      calls++;
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (cpuNanos.getAsLong() - cpuStart) / 1e9;
    return new Rate(patches / wall, patches / cpuSeconds);
  }

  private void printTargets(List<Row> rows) {
    Row large32 = rows.get(0);
    System.out.println();
    System.out.printf(Locale.ROOT, "target: S=32 from the large photo >= 15,000 patches/s per"
        + " core: %,.0f per CPU-second -> %s%n", large32.single().cpu(),
        verdict(large32.single().cpu() >= 15_000));
    for (int k = 0; k < SIZES.length; k++) {
      double ratio = rows.get(k + SIZES.length).single().cpu() / rows.get(k).single().cpu();
      System.out.printf(Locale.ROOT, "target: large photo vs 512x512 within 1.5x, S=%d: 512x512"
          + " at %.2fx the large photo's rate -> %s%n", SIZES[k], ratio,
          verdict(ratio <= 1.5 && ratio >= 1 / 1.5));
    }
    for (int k = 0; k < SIZES.length; k++) {
      System.out.printf(Locale.ROOT, "target: >= 100x the naive baseline on the large photo,"
          + " S=%d: %.0fx -> %s%n", SIZES[k], rows.get(k).speedup(),
          verdict(rows.get(k).speedup() >= 100));
    }
    double worstEfficiency = Double.MAX_VALUE;
    double worstWall = Double.MAX_VALUE;
    for (Row row : rows) {
      worstEfficiency = Math.min(worstEfficiency, row.parallel().cpu() / row.single().cpu());
      worstWall = Math.min(worstWall, row.parallel().wall() / row.single().wall());
    }
    System.out.printf(Locale.ROOT, "target: near-linear 1 -> %d threads: worst per-thread"
        + " efficiency %.2f -> %s; worst wall-clock speed-up %.2fx (needs %d idle cores)%n",
        threads, worstEfficiency, verdict(worstEfficiency >= 0.85), worstWall, threads);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "NOT met";
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}

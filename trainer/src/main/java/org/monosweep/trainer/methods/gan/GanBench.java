package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.data.BenchInputs;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.Normalization;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import org.monosweep.trainer.train.Checkpoints;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.MethodTrainer;
import org.monosweep.trainer.train.MethodTrainers;
import org.monosweep.trainer.train.TrainingJob;

/**
 * Benchmark of the GAN trainers on the small encoder: images/s of MonoGAN critic steps (and
 * critic steps/s; a generator step follows every 5th), of BiGAN steps, and of RotNet for
 * comparison, through the real trainers (batch assembly in Java included), with the process's
 * resident memory after every epoch; then the memory over many WGAN-GP critic steps. It stays
 * beside the package-private steps it measures; {@code monosweep bench gan} parses its
 * {@link Settings}.
 *
 * <p>JMH does not fit: one measurement is whole training epochs on the engine's own threads
 * (tens of seconds, warm-up epoch first, memory read from the process), not a method called
 * millions of times in a forked JVM.
 */
public final class GanBench {
  /** The methods this benchmark can train. */
  public static final Set<Method> METHODS = EnumSet.of(Method.MONOGAN, Method.BIGAN,
      Method.ROTNET);

  private GanBench() {}

  /**
   * What one run measures.
   *
   * @param seconds training time per method after the warm-up epoch
   * @param batch images per step
   * @param stepsPerEpoch steps per epoch (one progress report each)
   * @param threads the engine's intra-op threads; empty for its default
   * @param methods the methods to train, in order, from {@link #METHODS}
   * @param memorySteps WGAN-GP critic steps of the memory run; 0 skips it
   * @param memoryBatch images per critic step of the memory run
   */
  public record Settings(int seconds, int batch, int stepsPerEpoch, OptionalInt threads,
      List<Method> methods, int memorySteps, int memoryBatch) {
    /**
     * Checks the ranges and copies the method list.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public Settings {
      positive("seconds", seconds);
      positive("batch", batch);
      positive("steps-per-epoch", stepsPerEpoch);
      positive("memory-batch", memoryBatch);
      threads.ifPresent(n -> positive("threads", n));
      if (memorySteps < 0) {
        throw new IllegalArgumentException("--memory-steps must be >= 0, got " + memorySteps);
      }
      methods = List.copyOf(methods);
      for (Method method : methods) {
        if (!METHODS.contains(method)) {
          throw new IllegalArgumentException("--methods: no benchmark for " + method
              + "; choose from " + METHODS);
        }
      }
    }

    private static void positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException("--" + name + " must be >= 1, got " + value);
      }
    }
  }

  /** Runs the benchmark and prints its figures on standard output. */
  public static void run(Settings settings) throws IOException {
    BenchInputs.startEngine(settings.threads(), System.out);
    for (Method method : settings.methods()) {
      throughput(method, settings.seconds(), settings.batch(), settings.stepsPerEpoch());
    }
    if (settings.memorySteps() > 0) {
      memory(settings.memorySteps(), settings.memoryBatch());
    }
  }

  private static void throughput(Method method, int seconds, int batch, int stepsPerEpoch)
      throws IOException {
    MethodTrainer trainer = trainer(method);
    int images = batch * stepsPerEpoch;
    LabelledImages data = BenchInputs.synthetic(images, 1);
    Cell cell = Cell.of(method, SampleSize.FULL, AugmentationSubset.NONE, 1,
        new DatasetRef(DatasetKind.FASHION_MNIST, "synthetic"), "", EncoderKind.SMALL4,
        new TrainBudget(100_000, images, batch),
        new ProbeSettings(1, 0.01, List.of(5), 5, 0.9, 5e-4, 128, 0, 0), Hyperparameters.EMPTY);
    // RotNet counts each of the four rotations as an image; the GANs count real images
    int perSource = method == Method.ROTNET ? 4 : 1;
    List<Double> rates = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    long[] measuredStart = new long[1];
    System.out.printf(Locale.ROOT, "%s: small4, batch %d, %d steps per epoch, ~%d s after a"
        + " warm-up epoch%n", method, batch, stepsPerEpoch, seconds);
    CellRunContext.ProgressListener listener = (phase, epoch, total, loss, perSecond) -> {
      System.out.printf(Locale.ROOT, "  %s epoch %d: %.1f images/s (%.2f steps/s), loss %.4f,"
          + " RSS %d MB%s%n", method, epoch, perSecond, perSecond / batch / perSource, loss,
          rssKb() / 1024, epoch == 1 ? " (warm-up, not counted)" : "");
      if (epoch == 1) {
        measuredStart[0] = System.nanoTime();
        return;
      }
      rates.add(perSecond);
      if ((System.nanoTime() - measuredStart[0]) / 1e9 >= seconds) {
        stop.set(true);
      }
    };
    Path work = Files.createTempDirectory("ganbench");
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bench-batches");
      t.setDaemon(true);
      return t;
    });
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 1);
      trainer.train(new TrainingJob(cell, encoder, data, manager,
          new CellRunContext(work, listener, stop::get), Checkpoints.none(),
          new DataLoading(pool, 2)));
    } catch (CellFailure e) {
      if (!e.getMessage().equals("interrupted")) {
        throw e;
      }
    } finally {
      pool.shutdown();
      Files.deleteIfExists(work);
    }
    double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    System.out.printf(Locale.ROOT, "RESULT %s training: median epoch %.1f images/s = %.2f %s"
            + " steps/s (batch %d) over %d epochs%n", method, median,
        median / batch / perSource, method == Method.MONOGAN ? "critic" : "training", batch,
        sorted.length);
  }

  /**
   * WGAN-GP critic steps (with generator steps every 5th) on random images, printing resident
   * memory (after a garbage collection) and live NDArrays every 500 steps.
   */
  private static void memory(int steps, int batch) {
    System.out.printf(Locale.ROOT, "memory: %d WGAN-GP critic steps, small4 critic, batch %d%n",
        steps, batch);
    Cell cell = Cell.of(Method.MONOGAN, SampleSize.FULL, AugmentationSubset.NONE, 1,
        new DatasetRef(DatasetKind.FASHION_MNIST, "synthetic"), "", EncoderKind.SMALL4,
        new TrainBudget(1, batch, batch),
        new ProbeSettings(1, 0.01, List.of(5), 5, 0.9, 5e-4, 128, 0, 0), Hyperparameters.EMPTY);
    GanSettings settings = GanSettings.monogan(cell);
    Random random = new Random(1);
    float[] pixels = new float[batch * 3 * 32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat() * 2 - 1;
    }
    long[] rss = new long[steps / 500 + 1];
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Autograd.Mode paused = Autograd.paused()) {
      WganGp gan = WganGp.create(EncoderArchitecture.small4(Normalization.NONE), settings,
          manager, 1);
      HostBuffer input = new HostBuffer();
      HostBuffer codes = new HostBuffer();
      HostBuffer alphas = new HostBuffer();
      HostBuffer generatorCodes = new HostBuffer();
      Shape codeShape = new Shape(batch, gan.zDim());
      long start = System.nanoTime();
      for (int s = 1; s <= steps; s++) {
        try (NDManager step = manager.newSubManager()) {
          NDArray real = input.wrap(step, pixels, new Shape(batch, 3, 32, 32));
          float[] alpha = new float[batch];
          for (int i = 0; i < batch; i++) {
            alpha[i] = random.nextFloat();
          }
          gan.criticStep(step, real,
              codes.wrap(step, GanLoop.gaussian(random, batch * gan.zDim()), codeShape),
              alphas.wrap(step, alpha, new Shape(batch, 1, 1, 1)));
          if (s % settings.criticSteps() == 0) {
            gan.generatorStep(step, generatorCodes.wrap(step,
                GanLoop.gaussian(random, batch * gan.zDim()), codeShape));
          }
        }
        if (s % 500 == 0 || s == 1) {
          // collect first: the heap's garbage would otherwise show as resident growth
          System.gc();
          long kb = rssKb();
          rss[s / 500] = kb;
          System.out.printf(Locale.ROOT, "  step %5d: RSS %d MB after a GC, live NDArrays %d,"
                  + " %.2f critic steps/s%n", s, kb / 1024, manager.getManagedArrays().size(),
              s / ((System.nanoTime() - start) / 1e9));
        }
      }
    }
    long[] measured = Arrays.copyOfRange(rss, 1, rss.length);
    if (measured.length >= 2) {
      System.out.printf(Locale.ROOT, "RESULT memory: RSS %d MB at step 500, %d MB at step %d:"
              + " %+.1f KB per critic step after step 500%n", measured[0] / 1024,
          measured[measured.length - 1] / 1024, 500 * measured.length,
          (measured[measured.length - 1] - measured[0]) / (500.0 * (measured.length - 1)));
    }
  }

  private static MethodTrainer trainer(Method method) {
    switch (method) {
      case MONOGAN:
        return GanTrainers.monogan();
      case BIGAN:
        return GanTrainers.bigan();
      case ROTNET:
        return MethodTrainers.rotnet();
      default:
        throw new IllegalArgumentException("no benchmark for " + method);
    }
  }

  /** The resident set size of this process in KB, from /proc/self/status (0 if unavailable). */
  static long rssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}

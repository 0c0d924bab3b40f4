package org.monosweep.benchmarks.train;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
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
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.probe.LayerProbe;
import org.monosweep.trainer.probe.LinearProbes;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import org.monosweep.trainer.train.Checkpoints;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.MethodTrainers;
import org.monosweep.trainer.train.TrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench train}: the small encoder on this machine: RotNet training images/s (batch of
 * {@code --batch} source images, each in four rotations, counted as four images; the real
 * trainer code path, including batch assembly and native augmentation in Java) and probe
 * training time per layer on 10,000 features.
 *
 * <p>JMH does not fit: one measurement is whole training epochs and probe fits on the engine's
 * own threads (seconds to minutes each, the first epoch a warm-up), read from the trainer's
 * progress reports, not a method called millions of times in a forked JVM.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "RotNet training images/s of the small encoder and probe training time per"
        + " layer.")
public final class TrainBench implements Callable<Integer> {
  @Option(names = "--seconds", defaultValue = "30",
      description = "RotNet training time after the warm-up epoch (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--batch", defaultValue = "64",
      description = "source images per step (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--steps-per-epoch", defaultValue = "25",
      description = "steps per RotNet epoch (default: ${DEFAULT-VALUE})")
  int stepsPerEpoch;

  @Option(names = "--threads", description = "the engine's intra-op threads (default: its own)")
  Integer threads;

  @Option(names = "--probe-train", defaultValue = "10000",
      description = "probe training images (default: ${DEFAULT-VALUE})")
  int probeTrain;

  @Option(names = "--probe-test", defaultValue = "2000",
      description = "probe test images (default: ${DEFAULT-VALUE})")
  int probeTest;

  @Option(names = "--probe-epochs", defaultValue = "3",
      description = "probe epochs on the engine (default: ${DEFAULT-VALUE})")
  int probeEpochs;

  @Option(names = "--java-probe-epochs", defaultValue = "1",
      description = "probe epochs in plain Java; 0 skips them (default: ${DEFAULT-VALUE})")
  int javaProbeEpochs;

  @Option(names = "--skip-train", description = "leave out RotNet training")
  boolean skipTrain;

  @Option(names = "--skip-probe", description = "leave out the probes")
  boolean skipProbe;

  @Spec CommandSpec spec;

  /** Runs the benchmark and prints its figures; exit code 0. */
  @Override
  public Integer call() throws Exception {
    atLeast("--seconds", seconds, 1);
    atLeast("--batch", batch, 1);
    atLeast("--steps-per-epoch", stepsPerEpoch, 1);
    atLeast("--probe-train", probeTrain, 1);
    atLeast("--probe-test", probeTest, 1);
    atLeast("--probe-epochs", probeEpochs, 0);
    atLeast("--java-probe-epochs", javaProbeEpochs, 0);
    if (threads != null) {
      atLeast("--threads", threads, 1);
    }
    BenchInputs.startEngine(threads == null ? OptionalInt.empty() : OptionalInt.of(threads),
        System.out);
    if (!skipTrain) {
      rotnet(seconds, batch, stepsPerEpoch);
    }
    if (!skipProbe) {
      probes(probeTrain, probeTest, probeEpochs, javaProbeEpochs);
    }
    return 0;
  }

  private void atLeast(String option, int value, int least) {
    if (value < least) {
      throw new ParameterException(spec.commandLine(), option + " must be >= " + least + ", got "
          + value);
    }
  }

  private static void rotnet(int seconds, int batch, int stepsPerEpoch) throws Exception {
    int sources = batch * stepsPerEpoch;
    LabelledImages images = BenchInputs.synthetic(sources, 1);
    Cell cell = cell(Method.ROTNET, new TrainBudget(10_000, sources, batch));
    List<double[]> epochs = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    long[] measuredStart = new long[1];
    CellRunContext.ProgressListener listener = (phase, epoch, total, loss, perSecond) -> {
      double imagesPerEpoch = (double) sources * 4;
      System.out.printf(Locale.ROOT, "  rotnet epoch %d: %.0f images/s, loss %.4f%s%n", epoch,
          perSecond, loss, epoch == 1 ? " (warm-up, not counted)" : "");
      if (epoch == 1) {
        measuredStart[0] = System.nanoTime();
        return;
      }
      epochs.add(new double[] {imagesPerEpoch, imagesPerEpoch / perSecond});
      if ((System.nanoTime() - measuredStart[0]) / 1e9 >= seconds) {
        stop.set(true);
      }
    };
    Path work = Files.createTempDirectory("trainbench");
    System.out.printf(Locale.ROOT, "rotnet: small4, batch %d sources x 4 rotations = %d images per"
        + " step, %d images per epoch, ~%d s after a warm-up epoch%n", batch, batch * 4,
        sources * 4, seconds);
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bench-batches");
      t.setDaemon(true);
      return t;
    });
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 1);
      CellRunContext context = new CellRunContext(work, listener, stop::get);
      MethodTrainers.rotnet().train(new TrainingJob(cell, encoder, images, manager, context,
          Checkpoints.none(), new DataLoading(pool, 2)));
    } catch (CellFailure e) {
      if (!e.getMessage().equals("interrupted")) {
        throw e;
      }
    } finally {
      pool.shutdown();
      Files.deleteIfExists(work);
    }
    double imagesSum = 0;
    double secondsSum = 0;
    double[] rates = new double[epochs.size()];
    for (int i = 0; i < rates.length; i++) {
      imagesSum += epochs.get(i)[0];
      secondsSum += epochs.get(i)[1];
      rates[i] = epochs.get(i)[0] / epochs.get(i)[1];
    }
    java.util.Arrays.sort(rates);
    System.out.printf(Locale.ROOT, "RESULT rotnet training: %.0f images/s over %d epochs (%.1f s);"
        + " median epoch %.0f, best epoch %.0f%n", imagesSum / secondsSum, epochs.size(),
        secondsSum, rates[rates.length / 2], rates[rates.length - 1]);
  }

  private static void probes(int trainRows, int testRows, int epochs, int javaEpochs) {
    LabelledImages train = BenchInputs.synthetic(trainRows, 2);
    LabelledImages test = BenchInputs.synthetic(testRows, 3);
    System.out.printf(Locale.ROOT, "probes: random-init small4 folded, %d train / %d test images,"
        + " %d epochs on the engine, %d in plain Java%n", trainRows, testRows, epochs, javaEpochs);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 1);
      FoldedEncoder folded = FoldedEncoder.fold(encoder);
      try (FoldedEncoder.Network network = folded.load(manager)) {
        for (LinearProbes.Backend backend : LinearProbes.Backend.values()) {
          int n = backend == LinearProbes.Backend.NATIVE ? epochs : javaEpochs;
          if (n < 1) {
            continue;
          }
          LinearProbes probes = LinearProbes.create(settings(n), 7).withBackend(backend);
          for (int k = 0; k < folded.architecture().layerCount(); k++) {
            double[] epochSeconds = new double[1];
            LayerProbe probe = probes.probeLayer(network, k, train, test, manager,
                (layer, epoch, total, loss, perSecond) -> epochSeconds[0] += trainRows / perSecond,
                () -> false);
            double perEpoch = epochSeconds[0] / n;
            System.out.printf(Locale.ROOT, "RESULT probe %-6s %s D=%5d: %.2f s total (%d epochs,"
                    + " extraction + training + test), %.3f s per epoch, 36 epochs ~ %.1f s%n",
                backend, probe.layer(), probe.featureDim(), probe.seconds(), n, perEpoch,
                probe.seconds() - epochSeconds[0] + 36 * perEpoch);
          }
        }
      }
    }
  }

  private static ProbeSettings settings(int epochs) {
    return new ProbeSettings(epochs, 0.01, List.of(5, 15, 25), 5, 0.9, 5e-4, 128, 0, 0);
  }

  private static Cell cell(Method method, TrainBudget budget) {
    return Cell.of(method, SampleSize.FULL, AugmentationSubset.NONE, 1,
        new DatasetRef(DatasetKind.FASHION_MNIST, "synthetic"), "", EncoderKind.SMALL4, budget,
        settings(1), Hyperparameters.EMPTY);
  }
}

package org.monosweep.trainer.methods.cluster;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.monosweep.protocol.CellResult.EpochMetric;
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
import org.monosweep.trainer.data.DatasetCatalog;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.Split;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.train.CellRunContext;
import org.monosweep.trainer.train.Checkpoints;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.MethodTrainer;
import org.monosweep.trainer.train.MethodTrainers;
import org.monosweep.trainer.train.TrainingJob;
import org.monosweep.trainer.train.TrainingOutcome;

/**
 * Benchmark of DeepCluster on the small encoder on this machine, next to RotNet with the same
 * number of network images per epoch: the real trainers, batch assembly and native augmentation
 * included. DeepCluster's images/s counts the whole epoch, its clustering (features of every
 * image, PCA, k-means) included; the clustering's share is printed too. RotNet counts each of
 * the four rotations as an image, as {@code bench train} does, so both figures are network
 * images (forward + backward of the encoder and a linear head) per second. The first epoch of
 * each is a warm-up and not counted. {@code monosweep bench cluster} parses its
 * {@link Settings}.
 *
 * <p>JMH does not fit: one measurement is several whole training epochs on the engine's own
 * threads, clustering included, not a method called millions of times in a forked JVM.
 */
public final class ClusterBench {
  private ClusterBench() {}

  /**
   * What one run measures.
   *
   * @param batch images per step
   * @param images images per epoch
   * @param epochs epochs per method, the first a warm-up
   * @param k DeepCluster's cluster count
   * @param threads the engine's intra-op threads; empty for its default
   * @param fashion train on the first {@code images} images of the installed Fashion-MNIST
   *     instead of random pixels (content changes k-means' convergence, not the rest)
   * @param skipRotnet leave out the RotNet comparison
   */
  public record Settings(int batch, int images, int epochs, int k, OptionalInt threads,
      boolean fashion, boolean skipRotnet) {
    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public Settings {
      atLeast("batch", batch, 1);
      atLeast("images", images, batch);
      // the first epoch is a warm-up: one more is needed to measure anything
      atLeast("epochs", epochs, 2);
      atLeast("k", k, 2);
      threads.ifPresent(n -> atLeast("threads", n, 1));
    }

    private static void atLeast(String name, int value, int least) {
      if (value < least) {
        throw new IllegalArgumentException("--" + name + " must be >= " + least + ", got "
            + value);
      }
    }
  }

  /** Runs the benchmark and prints its figures on standard output. */
  public static void run(Settings settings) throws Exception {
    BenchInputs.startEngine(settings.threads(), System.out);
    int batch = settings.batch();
    int images = settings.images();
    int epochs = settings.epochs();
    int k = settings.k();
    TrainingImages data = settings.fashion()
        ? DatasetCatalog.create().images(new DatasetRef(DatasetKind.FASHION_MNIST, ""),
            Split.TRAIN, images)
        : BenchInputs.synthetic(images, 1);
    ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "bench-batches");
      t.setDaemon(true);
      return t;
    });
    try {
      System.out.printf(Locale.ROOT, "deepcluster: small4, batch %d, %d images per epoch, k=%d,"
          + " %d epochs (first is warm-up)%n", batch, data.size(), k, epochs);
      TrainingOutcome dc = run(ClusterTrainers.deepcluster(), Method.DEEPCLUSTER, data,
          new TrainBudget(epochs, data.size(), batch), Map.of("k", Integer.toString(k)), pool);
      double seconds = 0;
      double clusterSeconds = 0;
      double trained = 0;
      for (int e = 2; e <= epochs; e++) {
        double perSecond = value(dc, e, "images_per_second");
        double epochImages = (double) (data.size() / batch) * batch;
        seconds += epochImages / perSecond;
        clusterSeconds += value(dc, e, "cluster_seconds");
        trained += epochImages;
        System.out.printf(Locale.ROOT, "  epoch %d: %.0f images/s with clustering, clustering"
            + " %.2f s, loss %.3f%n", e, perSecond, value(dc, e, "cluster_seconds"),
            value(dc, e, "loss"));
      }
      System.out.printf(Locale.ROOT, "RESULT deepcluster: %.0f images/s including clustering"
              + " (%.0f%% of the time), %.0f images/s in its training steps alone, clustering"
              + " %.2f s per epoch of %d images%n", trained / seconds,
          100 * clusterSeconds / seconds, trained / (seconds - clusterSeconds),
          clusterSeconds / (epochs - 1), data.size());
      if (!settings.skipRotnet()) {
        int sources = data.size() / 4;
        System.out.printf(Locale.ROOT, "rotnet: small4, batch %d sources x 4 rotations, %d"
            + " network images per epoch%n", batch, sources / batch * batch * 4);
        TrainingOutcome rot = run(MethodTrainers.rotnet(), Method.ROTNET,
            head(data, sources), new TrainBudget(epochs, sources, batch), Map.of(), pool);
        double rotImages = 0;
        double rotSeconds = 0;
        for (int e = 2; e <= epochs; e++) {
          double epochImages = (double) (sources / batch) * batch * 4;
          rotImages += epochImages;
          rotSeconds += epochImages / value(rot, e, "images_per_second");
        }
        System.out.printf(Locale.ROOT, "RESULT rotnet: %.0f images/s%n", rotImages / rotSeconds);
      }
    } finally {
      pool.shutdown();
    }
  }

  private static TrainingOutcome run(MethodTrainer trainer, Method method, TrainingImages data,
      TrainBudget budget, Map<String, String> params, ExecutorService pool) throws Exception {
    Cell cell = Cell.of(method, SampleSize.FULL, AugmentationSubset.NONE, 1,
        new DatasetRef(DatasetKind.FASHION_MNIST, "bench"), "", EncoderKind.SMALL4, budget,
        new ProbeSettings(1, 0.01, List.of(), 5, 0.9, 5e-4, 128, 0, 0),
        new Hyperparameters(params));
    Path work = Files.createTempDirectory("clusterbench");
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 1);
      CellRunContext context = new CellRunContext(work, (phase, e, n, l, s) -> { }, () -> false);
      return trainer.train(new TrainingJob(cell, encoder, data, manager, context,
          Checkpoints.none(), new DataLoading(pool, 2)));
    } finally {
      Files.deleteIfExists(work);
    }
  }

  private static double value(TrainingOutcome outcome, int epoch, String name) {
    return outcome.metrics().stream().filter(m -> m.epoch() == epoch && m.name().equals(name))
        .mapToDouble(EpochMetric::value).findFirst().orElse(Double.NaN);
  }

  /** The first {@code count} images of {@code data}, in memory. */
  private static TrainingImages head(TrainingImages data, int count) {
    int[] indices = new int[count];
    for (int i = 0; i < count; i++) {
      indices[i] = i;
    }
    float[] pixels = new float[count * 3 * data.side() * data.side()];
    int[] labels = new int[count];
    data.read(indices, pixels, data.labelled() ? labels : null);
    List<String> names = data.labelled() ? data.classNames() : List.of("a", "b");
    return new LabelledImages(pixels, labels, data.side(), names);
  }
}

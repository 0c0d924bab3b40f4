package org.monosweep.trainer.methods.cluster;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.ParamKeys;
import org.monosweep.trainer.data.Batch;
import org.monosweep.trainer.data.BatchPrefetcher;
import org.monosweep.trainer.data.EpochPlan;
import org.monosweep.trainer.data.NativeAugmentation;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.linalg.Pca;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.Heads;
import org.monosweep.trainer.model.Initialization;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.ClassifierStep;
import org.monosweep.trainer.train.LossWindow;
import org.monosweep.trainer.train.MethodTrainer;
import org.monosweep.trainer.train.OptimizerSettings;
import org.monosweep.trainer.train.TrainingJob;
import org.monosweep.trainer.train.TrainingOutcome;

/**
 * DeepCluster, one epoch at a time:
 * <ol>
 *   <li>{@link PooledFeatures} of every training image with the current encoder;
 *   <li>{@link Pca} whitening to {@link ParamKeys#PCA_DIMS}, then l2-normalised rows;
 *   <li>{@link KMeans} with {@link ParamKeys#CLUSTERS} clusters (seeded per epoch);
 *   <li>{@link ClusterSampling#uniform} draws d images so that every non-empty cluster is
 *       equally likely, labelled with their clusters ({@link PseudoLabelledImages});
 *   <li>a new linear head ({@link Heads#pooledLinear}, seeded per epoch) on the encoder, trained
 *       for {@code floor(d / batch)} steps with softmax cross-entropy under the native
 *       augmentation; the encoder is checkpointed.
 * </ol>
 * Features, PCA products and k-means run on the encoder's device; only the D x D covariance is
 * decomposed in Java.
 *
 * <p>Per-epoch metrics (phase {@code train}): {@code loss}, {@code images_per_second} (the whole
 * epoch, clustering included), {@code train_accuracy} (on the cluster ids), {@code
 * cluster_seconds}, {@code kmeans_objective}, {@code clusters_nonempty}, {@code
 * clusters_reseeded}, {@code largest_cluster_fraction}, {@code nmi_previous} (agreement with the
 * previous epoch's clustering, DeepCluster's stability measure) and, when the training images are
 * labelled (N = full), {@code nmi_labels} (agreement with the classes). A final clustering whose
 * largest cluster holds over half the images is flagged {@code degenerate-clusters}. Non-finite
 * features or losses fail the cell permanently ({@code diverged: ...}).
 *
 * <p>The optimiser (the optimiser keys of {@link ParamKeys}) is rebuilt every epoch at the
 * schedule's position, because its head is new: momentum restarts each epoch (DeepCluster keeps
 * the encoder's momentum and resets only the head's; a momentum of 0.9 forgets within ~10 of an
 * epoch's hundreds of steps), which also makes a resumed run follow exactly the path of an
 * uninterrupted one.
 */
final class DeepClusterTrainer implements MethodTrainer {
  private static final double DEGENERATE_FRACTION = 0.5;

  @Override
  public Method method() {
    return Method.DEEPCLUSTER;
  }

  @Override
  public TrainingOutcome train(TrainingJob job) {
    Cell cell = job.cell();
    TrainingImages images = job.images();
    ConvEncoder encoder = job.encoder();
    int side = encoder.architecture().inputSide();
    if (images == null || images.size() < 2) {
      throw CellFailure.permanent("deepcluster needs at least 2 training images, got "
          + (images == null ? 0 : images.size()));
    }
    if (images.side() != side) {
      throw CellFailure.permanent("training images are " + images.side() + "x" + images.side()
          + " but the encoder takes " + side + "x" + side);
    }
    int k;
    int pcaDims;
    int iterations;
    try {
      k = cell.get(ParamKeys.CLUSTERS);
      pcaDims = cell.get(ParamKeys.PCA_DIMS);
      iterations = cell.get(ParamKeys.KMEANS_ITERATIONS);
    } catch (IllegalArgumentException e) {
      throw CellFailure.permanent(e.getMessage());
    }
    if (k < 2 || k > images.size()) {
      throw CellFailure.permanent("k must be in 2.." + images.size() + " (the cell's d), got "
          + k);
    }
    if (pcaDims < 1 || iterations < 1) {
      throw CellFailure.permanent("pca_dims and kmeans_iterations must be >= 1, got " + pcaDims
          + " and " + iterations);
    }
    int batch = Math.min(cell.budget().batchSize(), images.size());
    OptimizerSettings optimizer = OptimizerSettings.of(cell);
    try (NDManager own = job.manager().newSubManager()) {
      int done = restore(job, encoder, own);
      return new Run(job, own, k, pcaDims, iterations, batch, optimizer).epochs(done);
    }
  }

  private static int restore(TrainingJob job, ConvEncoder encoder, NDManager manager) {
    try {
      return job.checkpoints().restore(encoder.block(), manager);
    } catch (IOException e) {
      throw new CellFailure("cannot restore checkpoint: " + e.getMessage(), true, e);
    }
  }

  /** One training run's state. */
  private static final class Run {
    private final TrainingJob job;
    private final Cell cell;
    private final ConvEncoder encoder;
    private final NDManager own;
    private final int k;
    private final int pcaDims;
    private final int iterations;
    private final int batch;
    private final int stepsPerEpoch;
    private final int epochs;
    private final OptimizerSettings optimizer;
    private final NativeAugmentation augmentation;
    private final int readEvery;
    private final Loss loss = Loss.softmaxCrossEntropyLoss();
    // Reused input buffers: on CPU the engine aliases a direct buffer instead of copying it.
    // Safe because a step's arrays are closed before the next step refills them.
    private final ByteBuffer input;
    private final ByteBuffer target;
    private final Shape inputShape;
    private final Shape targetShape;

    Run(TrainingJob job, NDManager own, int k, int pcaDims, int iterations, int batch,
        OptimizerSettings optimizer) {
      this.job = job;
      this.cell = job.cell();
      this.encoder = job.encoder();
      this.own = own;
      this.k = k;
      this.pcaDims = pcaDims;
      this.iterations = iterations;
      this.batch = batch;
      this.stepsPerEpoch = job.images().size() / batch;
      this.epochs = cell.budget().epochs();
      this.optimizer = optimizer;
      this.augmentation = cell.get(ParamKeys.NATIVE_AUGMENTATION)
          ? NativeAugmentation.forMethod(Method.DEEPCLUSTER)
          : NativeAugmentation.none();
      this.readEvery = Math.max(1, cell.get(ParamKeys.LOSS_READ_INTERVAL));
      int side = encoder.architecture().inputSide();
      int imageSize = encoder.architecture().inputSize();
      this.input = ByteBuffer.allocateDirect(batch * imageSize * 4).order(ByteOrder.nativeOrder());
      this.target = ByteBuffer.allocateDirect(batch * 8).order(ByteOrder.nativeOrder());
      this.inputShape = new Shape(batch, encoder.architecture().inputChannels(), side, side);
      this.targetShape = new Shape(batch);
    }

    TrainingOutcome epochs(int done) {
      List<EpochMetric> metrics = new ArrayList<>();
      List<String> flags = new ArrayList<>();
      int[] previous = null;
      int[] labels = job.images().labelled() ? labels(job.images()) : null;
      long seen = 0;
      long steps = 0;
      for (int epoch = done + 1; epoch <= epochs; epoch++) {
        checkCancelled();
        long start = System.nanoTime();
        KMeans.Result clusters = cluster(epoch);
        double clusterSeconds = (System.nanoTime() - start) / 1e9;
        int[] drawn = ClusterSampling.uniform(clusters.assignments(), k, job.images().size(),
            new Random(Seeds.derive(cell.seed(), "deepcluster:sampling:" + epoch)));
        TrainingImages epochImages = new PseudoLabelledImages(job.images(), drawn,
            clusters.assignments(), k);
        EpochLoss result = trainEpoch(epoch, epochImages);
        double seconds = (System.nanoTime() - start) / 1e9;
        long images = (long) result.steps * batch;
        seen += images;
        steps += result.steps;
        long globalStep = (long) epoch * stepsPerEpoch;
        double perSecond = images / seconds;
        double largest = clusters.largest() / (double) clusters.assignments().length;
        add(metrics, epoch, globalStep, "loss", result.meanLoss);
        add(metrics, epoch, globalStep, "images_per_second", perSecond);
        add(metrics, epoch, globalStep, "train_accuracy", result.correct / images);
        add(metrics, epoch, globalStep, "cluster_seconds", clusterSeconds);
        add(metrics, epoch, globalStep, "kmeans_objective", clusters.objective());
        add(metrics, epoch, globalStep, "clusters_nonempty", clusters.nonEmpty());
        add(metrics, epoch, globalStep, "clusters_reseeded", clusters.reseeded());
        add(metrics, epoch, globalStep, "largest_cluster_fraction", largest);
        if (previous != null) {
          add(metrics, epoch, globalStep, "nmi_previous",
              ClusterAgreement.nmi(previous, clusters.assignments()));
        }
        if (labels != null) {
          add(metrics, epoch, globalStep, "nmi_labels",
              ClusterAgreement.nmi(labels, clusters.assignments()));
        }
        previous = clusters.assignments();
        if (epoch == epochs && largest > DEGENERATE_FRACTION) {
          flags.add(String.format(Locale.ROOT, "degenerate-clusters: the largest of %d clusters"
              + " holds %.0f%% of the images at epoch %d", k, 100 * largest, epoch));
        }
        job.context().progress().onEpoch("train", epoch, epochs, result.meanLoss, perSecond);
        save(epoch);
      }
      return new TrainingOutcome(metrics, flags, steps, seen);
    }

    /** The labels of labelled training images (N = full), read in small batches. */
    private static int[] labels(TrainingImages images) {
      int[] labels = new int[images.size()];
      int chunk = 256;
      float[] pixels = new float[chunk * 3 * images.side() * images.side()];
      int[] batchLabels = new int[chunk];
      for (int from = 0; from < labels.length; from += chunk) {
        int n = Math.min(chunk, labels.length - from);
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
          indices[i] = from + i;
        }
        images.read(indices, pixels, batchLabels);
        System.arraycopy(batchLabels, 0, labels, from, n);
      }
      return labels;
    }

    /** Features, PCA whitening, l2 normalisation and k-means of this epoch. */
    private KMeans.Result cluster(int epoch) {
      try (NDManager clustering = own.newSubManager()) {
        NDArray features = PooledFeatures.extract(encoder, job.images(), clustering,
            job.context().cancelled());
        checkFinite(features, epoch);
        NDArray reduced;
        try (Pca pca = Pca.fit(features, pcaDims, clustering)) {
          reduced = Pca.normalizeRows(pca.transform(features, clustering));
        } catch (IllegalArgumentException e) {
          // every image has the same features: a collapsed encoder
          throw new CellFailure("diverged: " + e.getMessage() + " at epoch " + epoch, false, e);
        }
        features.close();
        return KMeans.fit(reduced, k, iterations,
            Seeds.derive(cell.seed(), "deepcluster:kmeans:" + epoch));
      }
    }

    private static void checkFinite(NDArray features, int epoch) {
      try (NDManager check = features.getManager().newSubManager()) {
        NDArray sum = features.sum();
        sum.attach(check);
        float value = sum.getFloat();
        if (!Float.isFinite(value)) {
          throw new CellFailure("diverged: features " + (Float.isNaN(value) ? "NaN" : "Inf")
              + " at epoch " + epoch + " (before clustering)", false, null);
        }
      }
    }

    /** Trains a fresh head and the encoder on one epoch of pseudo-labelled images. */
    private EpochLoss trainEpoch(int epoch, TrainingImages epochImages) {
      try (NDManager epochManager = own.newSubManager()) {
        Block head = Heads.pooledLinear(k);
        Initialization.seeded(head, epochManager,
            Seeds.derive(cell.seed(), "deepcluster:head:" + epoch), encoder.outputShapes(1));
        Block network = Heads.withHead(encoder, head);
        Optimizer updater = optimizer.build(epochs * stepsPerEpoch, (epoch - 1) * stepsPerEpoch);
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
            .optOptimizer(updater)
            .optDevices(new Device[] {epochManager.getDevice()});
        try (Model model = Model.newInstance("deepcluster", epochManager.getDevice(),
                epochManager.getEngine().getEngineName());
            Trainer trainer = newTrainer(model, network, config);
            LossWindow window = new LossWindow(trainer.getManager())) {
          ClassifierStep classifierStep = new ClassifierStep(trainer, updater, network);
          window.startEpoch();
          int steps = 0;
          EpochPlan plan = new EpochPlan(batch, cell.seed(), epoch - 1, true);
          try (BatchPrefetcher batches = BatchPrefetcher.create(epochImages, plan, augmentation,
              job.loading().executor(), job.loading().lookahead())) {
            while (batches.hasNext()) {
              checkCancelled();
              step(trainer, classifierStep, batches.next(), window);
              steps++;
              if (steps % readEvery == 0) {
                window.drain(epoch);
              }
            }
          }
          window.drain(epoch);
          return new EpochLoss(steps, window.meanLoss(), window.correct());
        }
      }
    }

    private static Trainer newTrainer(Model model, Block network, DefaultTrainingConfig config) {
      model.setBlock(network);
      return model.newTrainer(config);
    }

    private void step(Trainer trainer, ClassifierStep classifierStep, Batch b,
        LossWindow window) {
      try (NDManager stepManager = trainer.getManager().newSubManager()) {
        input.clear();
        input.asFloatBuffer().put(b.pixels(), 0, b.size() * encoder.architecture().inputSize());
        target.clear();
        for (int label : b.labels()) {
          target.putLong(label);
        }
        target.flip();
        NDArray x = stepManager.create(input, inputShape, DataType.FLOAT32);
        NDArray y = stepManager.create(target, targetShape, DataType.INT64);
        classifierStep.run(x, y, window);
      }
    }

    private void save(int epoch) {
      try {
        job.checkpoints().save(epoch, encoder.block());
      } catch (IOException e) {
        throw new CellFailure("cannot save checkpoint of epoch " + epoch + ": " + e.getMessage(),
            true, e);
      }
    }

    private void checkCancelled() {
      if (job.context().cancelled().getAsBoolean()) {
        throw new CellFailure("interrupted", true, null);
      }
    }

    private static void add(List<EpochMetric> metrics, int epoch, long step, String name,
        double value) {
      metrics.add(new EpochMetric("train", epoch, step, name, value));
    }
  }

  private record EpochLoss(int steps, double meanLoss, double correct) {}
}

package org.monosweep.trainer.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.ProbePooling;

/**
 * Linear probes on every conv layer of a folded encoder (docs/protocol.md, "Linear probes"),
 * after each ReLU: at full dimensionality for CIFAR-size encoders, adaptive-max-pooled where the
 * architecture says so ({@link EncoderArchitecture#probeShape}, {@link ProbePooling}; AlexNet's
 * ~9,000 values).
 *
 * <p>For one layer at a time (so that only one layer's features are held: 10,000 x 7,744 floats
 * = 310 MB for conv1): extract the features of the probe train and test splits in batches,
 * standardise per channel with the train split's statistics, train a linear softmax classifier
 * by SGD ({@link ProbeSettings}: epochs, {@link ProbeSettings#learningRateAt}, momentum, weight
 * decay, batch size; every sample once per epoch in a seeded order), and measure top-1 accuracy
 * on the test split. Deterministic given the seed up to the engine's float rounding.
 *
 * <p>Immutable; one instance may serve many cells, but each call runs on the caller's thread.
 */
public final class LinearProbes {
  /** Where probe training runs. */
  public enum Backend {
    /** On the engine (DJL matmul, the device's BLAS): the default, and much faster. */
    NATIVE,
    /** Plain Java, single-threaded: a reference, and the benchmark's comparison. */
    JAVA
  }

  private static final int EXTRACTION_BATCH = 500;

  private final ProbeSettings settings;
  private final long seed;
  private final Backend backend;

  private LinearProbes(ProbeSettings settings, long seed, Backend backend) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.seed = seed;
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /** Probes with {@code settings}, initialised and ordered from {@code seed}, on the engine. */
  public static LinearProbes create(ProbeSettings settings, long seed) {
    return new LinearProbes(settings, seed, Backend.NATIVE);
  }

  /** The same probes trained on {@code backend}. */
  public LinearProbes withBackend(Backend backend) {
    return new LinearProbes(settings, seed, backend);
  }

  /**
   * Probes every conv layer of {@code encoder}, conv1 first.
   *
   * @param manager a manager on the device to use; everything created is closed before return
   * @param cancelled polled between epochs and batches
   * @throws CancellationException when {@code cancelled} turns true
   * @throws IllegalArgumentException when the splits do not fit the encoder or each other
   */
  public List<LayerProbe> probeAll(FoldedEncoder encoder, TrainingImages train,
      TrainingImages test, NDManager manager, ProbeListener listener, BooleanSupplier cancelled) {
    validate(encoder.architecture(), train, test);
    List<LayerProbe> probes = new ArrayList<>();
    try (FoldedEncoder.Network network = encoder.load(manager)) {
      for (int k = 0; k < encoder.architecture().layerCount(); k++) {
        probes.add(probeLayer(network, k, train, test, manager, listener, cancelled));
      }
    }
    return probes;
  }

  /**
   * Probes layer {@code index} (0-based) of a loaded encoder.
   *
   * @see #probeAll
   */
  public LayerProbe probeLayer(FoldedEncoder.Network network, int index, TrainingImages train,
      TrainingImages test, NDManager manager, ProbeListener listener, BooleanSupplier cancelled) {
    EncoderArchitecture arch = network.encoder().architecture();
    validate(arch, train, test);
    long start = System.nanoTime();
    int[] shape = arch.probeShape(index);
    try (NDManager features = manager.newSubManager()) {
      Standardization standardization = new Standardization(shape[0], shape[1] * shape[2]);
      int[] trainLabels = new int[train.size()];
      int[] testLabels = new int[test.size()];
      NDArray trainFeatures = extract(network, index, train, trainLabels, features,
          standardization, cancelled);
      NDArray testFeatures = extract(network, index, test, testLabels, features, null, cancelled);
      checkLabels("train", trainLabels, train.classes());
      checkLabels("test", testLabels, train.classes());
      return fit(arch.layer(index).name(), trainFeatures, trainLabels, testFeatures, testLabels,
          standardization, train.classes(), features, listener, cancelled, start);
    }
  }

  /**
   * Probes precomputed features (no encoder): for tests and benchmarks.
   *
   * @param classes the number of classes; labels must lie in {@code [0, classes)}
   */
  public LayerProbe probeFeatures(String layer, FeatureSet train, FeatureSet test, int classes,
      NDManager manager, ProbeListener listener, BooleanSupplier cancelled) {
    if (train.channels() != test.channels() || train.positions() != test.positions()) {
      throw new IllegalArgumentException("train and test features differ in shape");
    }
    checkLabels("train", train.labels(), classes);
    checkLabels("test", test.labels(), classes);
    long start = System.nanoTime();
    Standardization standardization = new Standardization(train.channels(), train.positions());
    standardization.addRows(train.values(), train.rows());
    try (NDManager features = manager.newSubManager()) {
      NDArray trainFeatures = features.create(train.values(), new Shape(train.rows(), train.dim()));
      NDArray testFeatures = features.create(test.values(), new Shape(test.rows(), test.dim()));
      return fit(layer, trainFeatures, train.labels(), testFeatures, test.labels(),
          standardization, classes, features, listener, cancelled, start);
    }
  }

  private LayerProbe fit(String layer, NDArray trainFeatures, int[] trainLabels,
      NDArray testFeatures, int[] testLabels, Standardization standardization, int classes,
      NDManager manager, ProbeListener listener, BooleanSupplier cancelled, long start) {
    ProbeRun run = new ProbeRun(layer, settings, seed, listener, cancelled);
    float[] mean = standardization.meanRow();
    float[] inverseStd = standardization.inverseStdRow();
    NativeProbe.Result result = backend == Backend.NATIVE
        ? NativeProbe.train(run, trainFeatures, trainLabels, testFeatures, testLabels, mean,
            inverseStd, classes, manager)
        : JavaProbe.train(run, trainFeatures.toFloatArray(), trainLabels,
            testFeatures.toFloatArray(), testLabels, mean, inverseStd, classes);
    float[][] head = Standardization.fold(result.weight(), result.bias(), mean, inverseStd, classes);
    return new LayerProbe(layer, result.top1(), settings.epochs(), mean.length, classes, head[0],
        head[1], (System.nanoTime() - start) / 1e9);
  }

  /**
   * The layer's features of every image, N x D on {@code manager}; writes the labels and adds
   * train statistics.
   */
  private static NDArray extract(FoldedEncoder.Network network, int index, TrainingImages images,
      int[] labels, NDManager manager, Standardization standardization,
      BooleanSupplier cancelled) {
    EncoderArchitecture arch = network.encoder().architecture();
    int rows = images.size();
    int dim = arch.probeDim(index);
    int side = arch.inputSide();
    int imageSize = arch.inputSize();
    NDArray out = manager.zeros(new Shape(rows, dim));
    float[] buffer = new float[EXTRACTION_BATCH * imageSize];
    int[] batchLabels = new int[EXTRACTION_BATCH];
    int[] reduce = {0, 2, 3};
    for (int from = 0; from < rows; from += EXTRACTION_BATCH) {
      if (cancelled.getAsBoolean()) {
        throw new CancellationException("feature extraction cancelled");
      }
      int n = Math.min(EXTRACTION_BATCH, rows - from);
      int[] indices = new int[n];
      for (int i = 0; i < n; i++) {
        indices[i] = from + i;
      }
      images.read(indices, buffer, batchLabels);
      System.arraycopy(batchLabels, 0, labels, from, n);
      try (NDManager step = manager.newSubManager()) {
        NDArray x = step.create(FloatBuffer.wrap(buffer, 0, n * imageSize),
            new Shape(n, arch.inputChannels(), side, side));
        NDList maps = network.forward(x, index + 1);
        NDArray map = ProbePooling.apply(arch, index, maps.get(index));
        if (standardization != null) {
          standardization.add(map.sum(reduce).toFloatArray(),
              map.square().sum(reduce).toFloatArray(), n);
        }
        out.set(new NDIndex("{}:{}", from, from + n), map.reshape(n, dim));
      }
    }
    return out;
  }

  private static void validate(EncoderArchitecture arch, TrainingImages train,
      TrainingImages test) {
    if (train.side() != arch.inputSide() || test.side() != arch.inputSide()) {
      throw new IllegalArgumentException("probe images are " + train.side() + "/" + test.side()
          + " pixels wide but the encoder takes " + arch.inputSide());
    }
    if (train.classes() != test.classes() || train.classes() < 2) {
      throw new IllegalArgumentException("probe splits need the same >= 2 classes, got "
          + train.classes() + " and " + test.classes());
    }
    if (train.size() < 1 || test.size() < 1) {
      throw new IllegalArgumentException("probe splits must not be empty");
    }
    if (!train.labelled() || !test.labelled()) {
      throw new IllegalArgumentException("probe splits must be labelled");
    }
  }

  private static void checkLabels(String split, int[] labels, int classes) {
    for (int label : labels) {
      if (label < 0 || label >= classes) {
        throw new IllegalArgumentException(split + " label " + label + " is outside 0.."
            + (classes - 1));
      }
    }
  }
}

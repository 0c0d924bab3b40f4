package org.monosweep.trainer.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.train.SyntheticImages;

class LinearProbesTest {
  private static final ProbeSettings FIVE_EPOCHS =
      new ProbeSettings(5, 0.01, List.of(3), 5, 0.9, 5e-4, 64, 0, 0);

  @Test
  void probeOnLinearlySeparableFeaturesExceeds90Percent() {
    FeatureSet train = separable(1000, 1);
    FeatureSet test = separable(500, 2);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      List<Integer> epochs = new ArrayList<>();
      LayerProbe probe = LinearProbes.create(FIVE_EPOCHS, 3).probeFeatures("toy", train, test, 10,
          manager, (layer, epoch, total, loss, perSecond) -> epochs.add(epoch), () -> false);
      assertThat(probe.top1()).isGreaterThan(0.9);
      assertThat(probe.epochs()).isEqualTo(5);
      assertThat(probe.featureDim()).isEqualTo(32);
      assertThat(epochs).containsExactly(1, 2, 3, 4, 5);
    }
  }

  @Test
  void nativeAndJavaProbesLearnTheSameHead() {
    FeatureSet train = separable(300, 4);
    FeatureSet test = separable(200, 5);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      LinearProbes probes = LinearProbes.create(FIVE_EPOCHS, 9);
      LayerProbe nativeProbe = probes.probeFeatures("toy", train, test, 10, manager,
          ProbeListener.NONE, () -> false);
      LayerProbe javaProbe = probes.withBackend(LinearProbes.Backend.JAVA).probeFeatures("toy",
          train, test, 10, manager, ProbeListener.NONE, () -> false);
      float[] a = nativeProbe.weight();
      float[] b = javaProbe.weight();
      double maxDiff = 0;
      double maxAbs = 0;
      for (int i = 0; i < a.length; i++) {
        maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        maxAbs = Math.max(maxAbs, Math.abs(a[i]));
      }
      assertThat(maxDiff).isLessThan(1e-4 * Math.max(1, maxAbs));
      assertThat(Math.abs(nativeProbe.top1() - javaProbe.top1())).isLessThanOrEqualTo(1.0 / 200);
    }
  }

  @Test
  void foldedHeadOnRawFeaturesReproducesTheReportedAccuracy() {
    FeatureSet train = separable(400, 6);
    FeatureSet test = separable(300, 7);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      LayerProbe probe = LinearProbes.create(FIVE_EPOCHS, 1).probeFeatures("toy", train, test,
          10, manager, ProbeListener.NONE, () -> false);
      float[] w = probe.weight();
      float[] bias = probe.bias();
      int dim = test.dim();
      int correct = 0;
      for (int r = 0; r < test.rows(); r++) {
        int best = 0;
        double bestLogit = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 10; c++) {
          double logit = bias[c];
          for (int d = 0; d < dim; d++) {
            logit += (double) w[c * dim + d] * test.values()[r * dim + d];
          }
          if (logit > bestLogit) {
            bestLogit = logit;
            best = c;
          }
        }
        correct += best == test.labels()[r] ? 1 : 0;
      }
      assertThat((double) correct / test.rows()).isCloseTo(probe.top1(),
          org.assertj.core.api.Assertions.within(1.5 / test.rows()));
    }
  }

  @Test
  void probesEveryLayerOfAFoldedEncoderWithTheProtocolsDimensions() {
    LabelledImages train = SyntheticImages.gratings(200, 4, 0.2, 1);
    LabelledImages test = SyntheticImages.gratings(100, 4, 0.2, 2);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 1);
      List<String> layers = new ArrayList<>();
      List<LayerProbe> probes = LinearProbes.create(
          new ProbeSettings(2, 0.01, List.of(), 5, 0.9, 5e-4, 50, 0, 0), 2)
          .probeAll(FoldedEncoder.fold(encoder), train, test, manager,
              (layer, epoch, total, loss, perSecond) -> layers.add(layer + ":" + epoch),
              () -> false);
      assertThat(probes).extracting(LayerProbe::layer)
          .containsExactly("conv1", "conv2", "conv3", "conv4");
      assertThat(probes).extracting(LayerProbe::featureDim)
          .containsExactly(7744, 4608, 2304, 4608);
      assertThat(layers).containsExactly("conv1:1", "conv1:2", "conv2:1", "conv2:2", "conv3:1",
          "conv3:2", "conv4:1", "conv4:2");
      // four clean grating orientations: even random conv1 features separate them
      assertThat(probes.get(0).top1()).isGreaterThan(0.5);
    }
  }

  @Test
  void cancellationStopsTheProbe() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      assertThatThrownBy(() -> LinearProbes.create(FIVE_EPOCHS, 1).probeFeatures("toy",
          separable(50, 1), separable(20, 2), 10, manager, ProbeListener.NONE, () -> true))
          .isInstanceOf(CancellationException.class);
    }
  }

  /**
   * 10 Gaussian classes in 32 dimensions (8 channels x 4 positions, all positive like ReLU
   * outputs): class means 3 apart on average, unit noise. Linearly separable up to the noise.
   */
  static FeatureSet separable(int rows, long seed) {
    Random means = new Random(42);
    float[][] centre = new float[10][32];
    for (float[] c : centre) {
      for (int d = 0; d < 32; d++) {
        c[d] = (float) (2 + 1.2 * means.nextGaussian());
      }
    }
    Random random = new Random(seed);
    float[] values = new float[rows * 32];
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 10;
      for (int d = 0; d < 32; d++) {
        values[r * 32 + d] = (float) (centre[labels[r]][d] + 0.5 * random.nextGaussian());
      }
    }
    return new FeatureSet(values, labels, 8, 4);
  }
}

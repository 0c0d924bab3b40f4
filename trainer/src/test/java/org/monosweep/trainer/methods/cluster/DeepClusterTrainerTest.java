package org.monosweep.trainer.methods.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import org.monosweep.trainer.train.Checkpoints;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.SyntheticImages;
import org.monosweep.trainer.train.TestCells;
import org.monosweep.trainer.train.TrainingJob;
import org.monosweep.trainer.train.TrainingOutcome;

/** The trainer on small synthetic data: contract, failures, checkpoints. Budgets are tiny. */
class DeepClusterTrainerTest {
  private static final LabelledImages GRATINGS = SyntheticImages.gratings(256, 4, 0.3, 7);

  @TempDir Path dir;

  @Test
  void reportsEveryEpochsLossAndClusteringToProgressAndMetrics() {
    Cell cell = cell(2, Map.of("k", "8"));
    TestCells.Recorder recorder = new TestCells.Recorder();

    TrainingOutcome outcome = train(cell, GRATINGS, context(recorder, () -> false),
        Checkpoints.none(), 1);

    assertThat(recorder.calls).extracting(TestCells.Recorder.Call::phase)
        .containsExactly("train", "train");
    assertThat(recorder.calls).allSatisfy(c -> {
      assertThat(c.loss()).isFinite().isPositive();
      assertThat(c.perSecond()).isPositive();
    });
    assertThat(values(outcome, "loss")).hasSize(2).allSatisfy(l -> assertThat(l).isFinite());
    assertThat(values(outcome, "clusters_nonempty")).allSatisfy(n -> assertThat(n).isEqualTo(8));
    assertThat(values(outcome, "cluster_seconds")).allSatisfy(s -> assertThat(s).isPositive());
    assertThat(values(outcome, "nmi_previous")).hasSize(1);
    assertThat(outcome.steps()).isEqualTo(2 * 8);
    assertThat(outcome.images()).isEqualTo(2 * 8 * 32);
  }

  @Test
  void resumesFromTheLastCheckpointAlongTheUninterruptedPath() {
    Cell cell = cell(3, Map.of("k", "8"));
    // uninterrupted
    float[] straight = trainedWeights(cell, Checkpoints.none(), () -> false, new ArrayList<>());

    // interrupted after epoch 2, then retried with the same checkpoint folder
    Checkpoints checkpoints = Checkpoints.inFolder(dir.resolve("checkpoints"));
    AtomicBoolean stop = new AtomicBoolean();
    List<Integer> firstEpochs = new ArrayList<>();
    assertThatThrownBy(() -> trainedWeights(cell, checkpoints, stop::get, firstEpochs, stop))
        .isInstanceOfSatisfying(CellFailure.class, f -> {
          assertThat(f.getMessage()).isEqualTo("interrupted");
          assertThat(f.retryable()).isTrue();
        });
    List<Integer> secondEpochs = new ArrayList<>();
    float[] resumed = trainedWeights(cell, checkpoints, () -> false, secondEpochs);

    assertThat(firstEpochs).containsExactly(1, 2);
    assertThat(secondEpochs).containsExactly(3);
    // Bit for bit on the CPU, where the engine is deterministic for a fixed thread count (cuDNN's
    // backward passes are not, and k-means amplifies any difference).
    if (!Device.gpu().equals(Engine.getEngine("PyTorch").defaultDevice())) {
      assertThat(maxDiff(straight, resumed)).isZero();
    }
  }

  @Test
  void nanFeaturesFailTheCellPermanently() {
    float[] pixels = GRATINGS.pixels().clone();
    Arrays.fill(pixels, 5 * 3 * 1024, 6 * 3 * 1024, Float.NaN);
    LabelledImages poisoned = new LabelledImages(pixels, GRATINGS.labels(), 32,
        GRATINGS.classNames());

    assertThatThrownBy(() -> train(cell(2, Map.of("k", "8")), poisoned,
        context(new TestCells.Recorder(), () -> false), Checkpoints.none(), 1))
        .isInstanceOfSatisfying(CellFailure.class, f -> {
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).isEqualTo("diverged: features NaN at epoch 1 (before"
              + " clustering)");
        });
  }

  @Test
  void aDivergingLossFailsTheCellPermanentlyNamingEpochAndStep() {
    Cell cell = cell(2, Map.of("k", "8", "lr", "1e38", "loss_every", "3"));

    assertThatThrownBy(() -> train(cell, GRATINGS, context(new TestCells.Recorder(), () -> false),
        Checkpoints.none(), 1))
        .isInstanceOfSatisfying(CellFailure.class, f -> {
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).matches("diverged: (loss (NaN|Inf) at epoch 1 step \\d+"
              + "|features (NaN|Inf) at epoch 2 \\(before clustering\\))");
        });
  }

  @Test
  void refusesMoreClustersThanImages() {
    assertThatThrownBy(() -> train(cell(1, Map.of("k", "300")), GRATINGS,
        context(new TestCells.Recorder(), () -> false), Checkpoints.none(), 1))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageContaining("k must be in 2..256");
  }

  private static Cell cell(int epochs, Map<String, String> params) {
    return TestCells.cell(Method.DEEPCLUSTER, 3, new TrainBudget(epochs, GRATINGS.size(), 32),
        TestCells.probe(1), params);
  }

  private CellRunContext context(CellRunContext.ProgressListener listener,
      java.util.function.BooleanSupplier cancelled) {
    return new CellRunContext(dir, listener, cancelled);
  }

  private TrainingOutcome train(Cell cell, TrainingImages images, CellRunContext context,
      Checkpoints checkpoints, long seed) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, seed);
      return ClusterTrainers.deepcluster().train(new TrainingJob(cell, encoder, images, manager,
          context, checkpoints, DataLoading.callerThread()));
    }
  }

  private float[] trainedWeights(Cell cell, Checkpoints checkpoints,
      java.util.function.BooleanSupplier cancelled, List<Integer> epochs) {
    return trainedWeights(cell, checkpoints, cancelled, epochs, null);
  }

  /** Trains a fresh encoder; {@code stopAfterTwo}, when given, is set once epoch 2 is reported. */
  private float[] trainedWeights(Cell cell, Checkpoints checkpoints,
      java.util.function.BooleanSupplier cancelled, List<Integer> epochs,
      AtomicBoolean stopAfterTwo) {
    CellRunContext context = context((phase, epoch, total, loss, perSecond) -> {
      epochs.add(epoch);
      if (stopAfterTwo != null && epoch == 2) {
        stopAfterTwo.set(true);
      }
    }, cancelled);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, Seeds.derive(cell.seed(), "encoder"));
      ClusterTrainers.deepcluster().train(new TrainingJob(cell, encoder, GRATINGS, manager,
          context, checkpoints, DataLoading.callerThread()));
      List<Float> all = new ArrayList<>();
      for (Pair<String, Parameter> p : encoder.block().getParameters()) {
        for (float v : p.getValue().getArray().toFloatArray()) {
          all.add(v);
        }
      }
      float[] out = new float[all.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = all.get(i);
      }
      return out;
    }
  }

  private static double maxDiff(float[] a, float[] b) {
    assertThat(a.length).isEqualTo(b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static List<Double> values(TrainingOutcome outcome, String name) {
    return outcome.metrics().stream().filter(m -> m.name().equals(name))
        .map(EpochMetric::value).toList();
  }
}

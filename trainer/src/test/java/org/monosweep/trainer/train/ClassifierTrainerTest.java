package org.monosweep.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.data.DatasetCatalog;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.Split;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;

/** Learning is checked by outcomes on small synthetic data; budgets are tiny. */
class ClassifierTrainerTest {
  @TempDir Path dir;

  @Test
  void rotnetLossFallsOverAFewEpochs() {
    LabelledImages scenes = SyntheticImages.scenes(384, 1);
    Cell cell = TestCells.cell(Method.ROTNET, 3, new TrainBudget(3, scenes.size(), 32),
        TestCells.probe(1), Map.of("lr", "0.05"));
    TestCells.Recorder recorder = new TestCells.Recorder();
    TrainingOutcome outcome = train(MethodTrainers.rotnet(), cell, scenes, recorder);

    List<Double> losses = values(outcome, "loss");
    assertThat(losses).hasSize(3);
    // chance is ln 4 = 1.386; these scenes have an "up", so the rotation is easy to see
    // (measured here: 0.39 in epoch 1, under 0.01 after)
    assertThat(losses.get(0)).isLessThan(1.2);
    assertThat(losses.get(2)).isLessThan(0.5 * losses.get(0));
    assertThat(values(outcome, "train_accuracy").get(2)).isGreaterThan(0.9);
    assertThat(outcome.images()).isEqualTo(3L * 12 * 32 * 4);
    assertThat(outcome.steps()).isEqualTo(3L * 12);
    assertThat(recorder.calls).extracting(TestCells.Recorder.Call::phase)
        .containsOnly("train").hasSize(3);
    assertThat(recorder.calls.get(2).perSecond()).isPositive();
  }

  @Test
  void supervisedReachesAccuracyWellAboveChance() {
    LabelledImages gratings = SyntheticImages.gratings(640, 10, 0.3, 2);
    Cell cell = TestCells.cell(Method.SUPERVISED, 4, new TrainBudget(4, gratings.size(), 32),
        TestCells.probe(1), Map.of("lr", "0.05"));
    TrainingOutcome outcome = train(MethodTrainers.supervised(), cell, gratings,
        new TestCells.Recorder());

    // 10 classes: chance is 10%. Demand 30 points above it on the last epoch's batches
    // (augmented by crops and flips, so not memorised pixels; measured here: 0.59).
    assertThat(values(outcome, "train_accuracy").get(3)).isGreaterThan(0.4);
    assertThat(values(outcome, "loss").get(3)).isLessThan(values(outcome, "loss").get(0));
  }

  @Test
  void supervisedLearnsTheFirst2000FashionMnistImages() {
    Assumptions.assumeTrue(Files.exists(
        Path.of(DatasetKind.FASHION_MNIST.defaultPath(), "train-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    DatasetRef fashion = new DatasetRef(DatasetKind.FASHION_MNIST, "");
    TrainingImages images = DatasetCatalog.create().images(fashion, Split.TRAIN, 2000);
    Cell cell = TestCells.cell(Method.SUPERVISED, 1, new TrainBudget(3, 2000, 64),
        TestCells.probe(1), Map.of());
    TrainingOutcome outcome = train(MethodTrainers.supervised(), cell, images,
        new TestCells.Recorder());

    // chance is 10%; measured here: 0.40, 0.62, 0.68 over the three epochs
    List<Double> accuracy = values(outcome, "train_accuracy");
    assertThat(accuracy.get(2)).isGreaterThan(0.5);
    assertThat(accuracy.get(2)).isGreaterThan(accuracy.get(0));
  }

  @Test
  void nanLossFailsTheCellPermanentlyNamingEpochAndStep() {
    LabelledImages images = SyntheticImages.scenes(64, 3);
    float[] pixels = images.pixels().clone();
    // one image of the second batch of the (shuffled) first epoch is all NaN: poison every image
    // from index 32 on, so the first batch that holds one of them diverges
    Arrays.fill(pixels, 32 * 3 * 1024, pixels.length, Float.NaN);
    LabelledImages poisoned = new LabelledImages(pixels, images.labels(), 32,
        images.classNames());
    Cell cell = TestCells.cell(Method.ROTNET, 1, new TrainBudget(2, 64, 16),
        TestCells.probe(1), Map.of("loss_every", "3"));

    assertThatThrownBy(() -> train(MethodTrainers.rotnet(), cell, poisoned,
        new TestCells.Recorder()))
        .isInstanceOfSatisfying(CellFailure.class, f -> {
          assertThat(f.retryable()).isFalse();
          assertThat(f.getMessage()).matches("diverged: loss NaN at epoch 1 step [1-4]");
        });
  }

  @Test
  void cancellationFailsTheCellRetryably() {
    LabelledImages images = SyntheticImages.scenes(64, 3);
    Cell cell = TestCells.cell(Method.ROTNET, 1, new TrainBudget(2, 64, 16),
        TestCells.probe(1), Map.of());
    CellRunContext cancelled = new CellRunContext(dir, new TestCells.Recorder(), () -> true);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, 1);
      assertThatThrownBy(() -> MethodTrainers.rotnet().train(new TrainingJob(cell, encoder,
          images, manager, cancelled, Checkpoints.none(), DataLoading.callerThread())))
          .isInstanceOfSatisfying(CellFailure.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.getMessage()).isEqualTo("interrupted");
          });
    }
  }

  @Test
  void supervisedRefusesUnlabelledImages() {
    TrainingImages unlabelled = new TrainingImages() {
      @Override public int size() {
        return 8;
      }

      @Override public int side() {
        return 32;
      }

      @Override public int classes() {
        return 0;
      }

      @Override public boolean labelled() {
        return false;
      }

      @Override public void read(int[] indices, float[] out, int[] labelsOut) {
        Arrays.fill(out, 0, indices.length * 3 * 1024, 0f);
      }
    };
    Cell cell = TestCells.cell(Method.SUPERVISED, 1, new TrainBudget(1, 8, 4),
        TestCells.probe(1), Map.of());
    assertThatThrownBy(() -> train(MethodTrainers.supervised(), cell, unlabelled,
        new TestCells.Recorder()))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageContaining("labelled");
  }

  private TrainingOutcome train(MethodTrainer trainer, Cell cell, TrainingImages images,
      TestCells.Recorder recorder) {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
      encoder.initialize(manager, cell.seed());
      return trainer.train(new TrainingJob(cell, encoder, images, manager,
          TestCells.context(dir, recorder), Checkpoints.none(), DataLoading.callerThread()));
    }
  }

  private static List<Double> values(TrainingOutcome outcome, String name) {
    return outcome.metrics().stream().filter(m -> m.name().equals(name))
        .map(EpochMetric::value).toList();
  }
}

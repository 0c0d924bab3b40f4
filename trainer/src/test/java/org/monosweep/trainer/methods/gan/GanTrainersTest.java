package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.model.ConvEncoder;
import org.monosweep.trainer.model.EncoderArchitecture;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.model.Seeds;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.Checkpoints;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.MethodTrainer;
import org.monosweep.trainer.train.SyntheticImages;
import org.monosweep.trainer.train.TestCells;
import org.monosweep.trainer.train.TrainingJob;
import org.monosweep.trainer.train.TrainingOutcome;

/** The trainers' contract on tiny budgets: reporting, divergence, settings, checkpoints. */
class GanTrainersTest {
  @TempDir Path dir;

  @Test
  void monoganReportsEveryEpochAndLeavesTheCriticInTheEncoder() {
    TestCells.Recorder recorder = new TestCells.Recorder();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Cell cell = cell(Method.MONOGAN, new TrainBudget(2, 16, 8), Map.of("n_critic", "2"));
      ConvEncoder encoder = encoder(cell, manager);
      float[][] before = FoldedEncoder.fold(encoder).layers().stream()
          .map(layer -> layer.weight()).toArray(float[][]::new);

      TrainingOutcome outcome = GanTrainers.monogan().train(job(cell, encoder,
          SyntheticImages.gratings(16, 4, 0.2, 1), manager, recorder, Checkpoints.none()));

      assertThat(recorder.calls).extracting(TestCells.Recorder.Call::phase)
          .containsExactly("train", "train");
      assertThat(recorder.calls).allSatisfy(call -> assertThat(call.loss()).isFinite());
      assertThat(names(outcome.metrics(), 2)).containsExactly("loss", "generator_loss",
          "wasserstein", "gradient_penalty", "gradient_norm", "images_per_second",
          "sample_spread");
      assertThat(outcome.metrics()).allSatisfy(m -> assertThat(m.value()).isFinite());
      assertThat(outcome.steps()).isEqualTo(4);
      assertThat(outcome.images()).isEqualTo(32);
      assertThat(outcome.flags()).isEmpty();
      // the encoder now holds the trained critic: identity BatchNorm, so folding keeps the
      // conv weights, and they moved away from the seeded initialisation
      FoldedEncoder folded = FoldedEncoder.fold(encoder);
      for (int k = 0; k < 4; k++) {
        assertThat(Arrays.equals(folded.layer(k).weight(), before[k])).isFalse();
      }
    }
  }

  @Test
  void biganReportsEveryEpochAndTrainsTheEncoderInPlace() {
    TestCells.Recorder recorder = new TestCells.Recorder();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Cell cell = cell(Method.BIGAN, new TrainBudget(2, 16, 8), Map.of());
      ConvEncoder encoder = encoder(cell, manager);
      float[] before = FoldedEncoder.fold(encoder).layer(0).weight();

      TrainingOutcome outcome = GanTrainers.bigan().train(job(cell, encoder,
          SyntheticImages.gratings(16, 4, 0.2, 1), manager, recorder, Checkpoints.none()));

      assertThat(recorder.calls).hasSize(2)
          .allSatisfy(call -> assertThat(call.loss()).isFinite().isPositive());
      assertThat(names(outcome.metrics(), 1)).containsExactly("loss", "generator_loss",
          "images_per_second", "sample_spread");
      assertThat(outcome.metrics()).allSatisfy(m -> assertThat(m.value()).isFinite());
      assertThat(outcome.steps()).isEqualTo(4);
      assertThat(FoldedEncoder.fold(encoder).layer(0).weight()).isNotEqualTo(before);
    }
  }

  @Test
  void monoganFailsPermanentlyWhenItsLossTurnsNaN() {
    assertDiverges(GanTrainers.monogan(), "diverged: loss NaN at epoch 1 step 1 (critic loss)");
  }

  @Test
  void biganFailsPermanentlyWhenItsLossTurnsNaN() {
    assertDiverges(GanTrainers.bigan(),
        "diverged: loss NaN at epoch 1 step 1 (discriminator loss)");
  }

  @Test
  void rejectsInvalidSettingsPermanently() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Cell cell = cell(Method.MONOGAN, new TrainBudget(1, 8, 8), Map.of("n_critic", "0"));
      assertThatThrownBy(() -> GanTrainers.monogan().train(job(cell, encoder(cell, manager),
          SyntheticImages.gratings(8, 2, 0, 1), manager, new TestCells.Recorder(),
          Checkpoints.none())))
          .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
          .hasMessage("n_critic must be >= 1, got 0");
    }
  }

  @Test
  void biganTrainsAnAlexNetEncoderOnImagesOf128Pixels() {
    // the paper's BiGAN setting: AlexNet at S = 128 (generator and discriminator follow S)
    TestCells.Recorder recorder = new TestCells.Recorder();
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Cell cell = cell(Method.BIGAN, new TrainBudget(1, 4, 2), Map.of());
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.alexnet(128));
      encoder.initialize(manager, Seeds.derive(cell.seed(), "encoder"));
      float[] before = FoldedEncoder.fold(encoder).layer(0).weight();

      TrainingOutcome outcome = GanTrainers.bigan().train(job(cell, encoder,
          noise(4, 128, 4), manager, recorder, Checkpoints.none()));

      assertThat(outcome.steps()).isEqualTo(2);
      assertThat(outcome.metrics()).isNotEmpty()
          .allSatisfy(m -> assertThat(m.value()).isFinite());
      assertThat(FoldedEncoder.fold(encoder).layer(0).weight()).isNotEqualTo(before);
    }
  }

  @Test
  void monoganRejectsAnEncoderWithMaxPoolsPermanently() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Cell cell = cell(Method.MONOGAN, new TrainBudget(1, 4, 4), Map.of());
      ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.alexnet(64));
      encoder.initialize(manager, 1);
      assertThatThrownBy(() -> GanTrainers.monogan().train(job(cell, encoder, noise(4, 64, 5),
          manager, new TestCells.Recorder(), Checkpoints.none())))
          .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
          .hasMessage("monogan's critic is a plain conv stack (small4); alexnet has max-pools");
    }
  }

  @Test
  void aRetriedMonoganCellContinuesFromItsLastCheckpoint() {
    Checkpoints checkpoints = Checkpoints.inFolder(dir.resolve("checkpoints"));
    LabelledImages images = SyntheticImages.gratings(8, 2, 0.2, 1);
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Cell first = cell(Method.MONOGAN, new TrainBudget(1, 8, 8), Map.of());
      GanTrainers.monogan().train(job(first, encoder(first, manager), images, manager,
          new TestCells.Recorder(), checkpoints));
      Cell longer = cell(Method.MONOGAN, new TrainBudget(2, 8, 8), Map.of());
      TestCells.Recorder recorder = new TestCells.Recorder();

      TrainingOutcome outcome = GanTrainers.monogan().train(job(longer, encoder(longer, manager),
          images, manager, recorder, checkpoints));

      assertThat(recorder.calls).extracting(TestCells.Recorder.Call::epoch).containsExactly(2);
      assertThat(outcome.steps()).isEqualTo(1);
    }
  }

  private void assertDiverges(MethodTrainer trainer, String reason) {
    LabelledImages clean = SyntheticImages.gratings(8, 2, 0, 1);
    float[] pixels = clean.pixels().clone();
    pixels[5] = Float.NaN;
    LabelledImages poisoned = new LabelledImages(pixels, clean.labels(), 32, clean.classNames());
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Cell cell = cell(trainer.method(), new TrainBudget(1, 8, 8), Map.of());
      assertThatThrownBy(() -> trainer.train(job(cell, encoder(cell, manager), poisoned, manager,
          new TestCells.Recorder(), Checkpoints.none())))
          .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
          .hasMessageStartingWith(reason + "; parameters no longer finite: ");
    }
  }

  /** {@code count} images of uniform noise in (-1, 1), two classes. */
  private static LabelledImages noise(int count, int side, long seed) {
    java.util.Random random = new java.util.Random(seed);
    float[] pixels = new float[count * 3 * side * side];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat() * 2 - 1;
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % 2;
    }
    return new LabelledImages(pixels, labels, side, List.of("a", "b"));
  }

  private static List<String> names(List<EpochMetric> metrics, int epoch) {
    return metrics.stream().filter(m -> m.epoch() == epoch).map(EpochMetric::name).toList();
  }

  private static Cell cell(Method method, TrainBudget budget, Map<String, String> params) {
    return TestCells.cell(method, 3, budget, TestCells.probe(1), params);
  }

  private static ConvEncoder encoder(Cell cell, NDManager manager) {
    ConvEncoder encoder = ConvEncoder.create(EncoderArchitecture.small4());
    encoder.initialize(manager, Seeds.derive(cell.seed(), "encoder"));
    return encoder;
  }

  private TrainingJob job(Cell cell, ConvEncoder encoder, LabelledImages images,
      NDManager manager, TestCells.Recorder recorder, Checkpoints checkpoints) {
    return new TrainingJob(cell, encoder, images, manager, TestCells.context(dir, recorder),
        checkpoints, DataLoading.callerThread());
  }
}

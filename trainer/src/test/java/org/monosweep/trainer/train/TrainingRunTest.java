package org.monosweep.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.protocol.CellResult.ProbeAccuracy;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.data.DatasetException;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.probe.LayerProbe;

class TrainingRunTest {
  @TempDir Path dir;

  @Test
  void unsupportedMethodFailsPermanently() {
    TrainingRun run = TrainingRun.create(new Data(SyntheticImages.gratings(8, 2, 0, 1)));
    Cell cell = TestCells.cell(Method.BIGAN, 1, new TrainBudget(1, 8, 4), TestCells.probe(1),
        Map.of());
    assertThatThrownBy(() -> run.run(cell, TestCells.context(dir, new TestCells.Recorder())))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessage("method bigan not implemented yet");
  }

  @Test
  void randomCellProbesEveryConvLayerWithoutAskingForTrainingImages() {
    Data data = new Data(SyntheticImages.gratings(300, 4, 0.2, 1));
    List<LayerProbe> exported = new ArrayList<>();
    ArtifactRef artifact = new ArtifactRef("test", "x", 1, "00");
    TrainingRun run = TrainingRun.builder().setData(data).optDataLoading(DataLoading.callerThread())
        .optExporter((cell, encoder, probes, context) -> {
          exported.addAll(probes);
          assertThat(encoder.layers()).hasSize(4);
          return List.of(artifact);
        }).build();
    Cell cell = TestCells.cell(Method.RANDOM, 5, new TrainBudget(0, 1, 1), TestCells.probe(2),
        Map.of());
    TestCells.Recorder recorder = new TestCells.Recorder();

    CellResult result = run.run(cell, TestCells.context(dir, recorder));

    assertThat(data.trainingCalls).hasValue(0);
    assertThat(result.probes()).extracting(ProbeAccuracy::layer)
        .containsExactly("conv1", "conv2", "conv3", "conv4");
    assertThat(result.probes()).extracting(ProbeAccuracy::featureDim)
        .containsExactly(7744, 4608, 2304, 4608);
    assertThat(result.probes()).allSatisfy(p -> assertThat(p.epochs()).isEqualTo(2));
    // 4 orientations, chance 25%: random conv1 features already separate clean gratings
    assertThat(result.probes().get(0).top1()).isGreaterThan(0.5);
    assertThat(recorder.calls).extracting(TestCells.Recorder.Call::phase).containsExactly(
        "probe:conv1", "probe:conv1", "probe:conv2", "probe:conv2", "probe:conv3", "probe:conv3",
        "probe:conv4", "probe:conv4");
    assertThat(result.metrics()).anySatisfy(m -> {
      assertThat(m.phase()).isEqualTo("probe:conv4");
      assertThat(m.name()).isEqualTo("loss");
    });
    assertThat(result.artifacts()).containsExactly(artifact);
    assertThat(exported).extracting(LayerProbe::top1)
        .containsExactlyElementsOf(result.probes().stream().map(ProbeAccuracy::top1).toList());
    assertThat(result.probeSeconds()).isPositive();
  }

  @Test
  void supervisedCellBeatsRandomCellOnTheDeepestProbe() {
    // Noisy gratings in 10 orientations: random deep features keep little of the orientation,
    // a supervised encoder keeps it all.
    Data data = new Data(SyntheticImages.gratings(640, 10, 0.6, 11));
    TrainingRun run = TrainingRun.builder().setData(data)
        .optDataLoading(DataLoading.callerThread()).build();
    TrainBudget budget = new TrainBudget(4, 640, 32);
    CellResult supervised = run.run(TestCells.cell(Method.SUPERVISED, 2, budget,
        TestCells.probe(3), Map.of()), TestCells.context(dir, new TestCells.Recorder()));
    CellResult random = run.run(TestCells.cell(Method.RANDOM, 2, budget, TestCells.probe(3),
        Map.of()), TestCells.context(dir, new TestCells.Recorder()));

    // measured here: supervised 0.86/1.00/0.99/0.98, random 0.58/0.68/0.49/0.53 (chance 0.10)
    for (int k = 0; k < 4; k++) {
      double s = supervised.probes().get(k).top1();
      double r = random.probes().get(k).top1();
      assertThat(s - r).as("conv%d: supervised %s vs random %s", k + 1, s, r)
          .isGreaterThan(k == 3 ? 0.25 : 0.1);
    }
    assertThat(supervised.trainSeconds()).isPositive();
    assertThat(supervised.metrics()).anySatisfy(m -> assertThat(m.name())
        .isEqualTo("images_per_second"));
  }

  @Test
  void missingDataFailsPermanentlyWithItsMessage() {
    CellData broken = new Data(SyntheticImages.gratings(8, 2, 0, 1)) {
      @Override
      public TrainingImages training(Cell cell) {
        throw new DatasetException(Path.of("/nowhere/train.gz"), "missing; install dataset-x");
      }
    };
    Cell cell = TestCells.cell(Method.ROTNET, 1, new TrainBudget(1, 8, 4), TestCells.probe(1),
        Map.of());
    assertThatThrownBy(() -> TrainingRun.create(broken).run(cell,
        TestCells.context(dir, new TestCells.Recorder())))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessageContaining("/nowhere/train.gz").hasMessageContaining("install dataset-x");
  }

  /** The same labelled images for training and probes; test split = the second half. */
  private static class Data implements CellData {
    final AtomicInteger trainingCalls = new AtomicInteger();
    private final LabelledImages images;

    Data(LabelledImages images) {
      this.images = images;
    }

    @Override
    public TrainingImages training(Cell cell) {
      trainingCalls.incrementAndGet();
      return images;
    }

    @Override
    public TrainingImages probeTrain(Cell cell) {
      return images;
    }

    @Override
    public TrainingImages probeTest(Cell cell) {
      return SyntheticImages.gratings(images.size() / 2, images.classes(), 0.6, 99);
    }
  }
}

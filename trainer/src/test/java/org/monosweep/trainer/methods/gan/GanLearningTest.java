package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.train.CellData;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.MethodTrainers;
import org.monosweep.trainer.train.SyntheticImages;
import org.monosweep.trainer.train.TestCells;
import org.monosweep.trainer.train.TrainingRun;

/**
 * Each GAN learns: a short training on unlabelled images moves its encoder's conv1 probe above
 * the same-seed random encoder's, through the whole run (train, fold, probe).
 *
 * <p>The data are gratings in 10 orientations under heavy pixel noise (std 1.0): a random conv1
 * sees mostly noise (probe 35-38% against 10% chance), while filters fitted to the images' own
 * structure average it out. On clean images (Fashion-MNIST, or the same gratings with less
 * noise) random small4 features already probe at 80-98%, and 200 GAN steps, a thousandth of a
 * real run, do not beat them reliably (Fashion-MNIST, 256 MonoGAN steps: conv1 81.4% against
 * 80.8%); their deeper layers get worse first.
 */
class GanLearningTest {
  private static final LabelledImages TRAIN = SyntheticImages.gratings(2048, 10, 1.0, 11);
  private static final LabelledImages PROBE_TRAIN = SyntheticImages.gratings(2000, 10, 1.0, 12);
  private static final LabelledImages PROBE_TEST = SyntheticImages.gratings(1000, 10, 1.0, 13);
  // 3 epochs of 64 steps at batch 32
  private static final TrainBudget BUDGET = new TrainBudget(3, 2048, 32);
  private static final long SEED = 2;

  @TempDir static Path dir;
  private static TrainingRun run;
  private static CellResult random;

  @BeforeAll
  static void probeTheRandomEncoder() {
    run = TrainingRun.builder().setData(new Data())
        .optTrainers(List.of(GanTrainers.monogan(), GanTrainers.bigan(), MethodTrainers.random()))
        .optDataLoading(DataLoading.callerThread()).build();
    random = train(Method.RANDOM, Map.of());
  }

  @Test
  void monoganCriticBeatsTheRandomEncoderOnConv1() {
    CellResult monogan = train(Method.MONOGAN, Map.of());

    // measured here: random 0.345, MonoGAN 0.422 (+7.7 points; +6.1 with conv biases and no
    // calibration, when seeds 1 and 3 gave +7.2, +6.6)
    assertMargin(monogan, 0.03);
    assertThat(monogan.flags()).isEmpty();
  }

  @Test
  void biganEncoderBeatsTheRandomEncoderOnConv1() {
    // a faster rate than BiGAN's 2e-4, so that 192 steps get somewhere
    CellResult bigan = train(Method.BIGAN, Map.of("lr", "1e-3"));

    // measured here: random 0.345, BiGAN 0.476 (+13.1 points). Before the codes were
    // standardised over the batch: 0.519 with the whitened head, 0.433 with the head standardised
    // per dimension, 0.424-0.461 with neither (when seeds 1 and 3 gave +1.1, +4.2). The encoder
    // learns only through the discriminator, so early BiGAN features vary more.
    assertMargin(bigan, 0.03);
  }

  private static void assertMargin(CellResult trained, double margin) {
    double r = random.probes().get(0).top1();
    double t = trained.probes().get(0).top1();
    System.out.printf("conv1 probe: random %.3f, trained %.3f; train %.1f s; all: %s%n", r, t,
        trained.trainSeconds(), trained.probes());
    assertThat(t - r).as("conv1: trained %s vs random %s", t, r).isGreaterThan(margin);
    assertThat(trained.metrics()).filteredOn(m -> m.phase().equals("train"))
        .isNotEmpty().allSatisfy(m -> assertThat(m.value()).isFinite());
  }

  private static CellResult train(Method method, Map<String, String> params) {
    Cell cell = TestCells.cell(method, SEED, BUDGET, TestCells.probe(3), params);
    return run.run(cell, TestCells.context(dir, new TestCells.Recorder()));
  }

  /** Noisy gratings to train on, and labelled ones to probe with. */
  private static final class Data implements CellData {
    @Override
    public TrainingImages training(Cell cell) {
      return TRAIN;
    }

    @Override
    public TrainingImages probeTrain(Cell cell) {
      return PROBE_TRAIN;
    }

    @Override
    public TrainingImages probeTest(Cell cell) {
      return PROBE_TEST;
    }
  }
}

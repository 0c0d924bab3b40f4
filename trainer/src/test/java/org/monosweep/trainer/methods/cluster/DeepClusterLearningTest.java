package org.monosweep.trainer.methods.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;
import org.monosweep.spec.Method;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.data.DatasetCatalog;
import org.monosweep.trainer.data.LabelledImages;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.train.CellData;
import org.monosweep.trainer.train.DataLoading;
import org.monosweep.trainer.train.FashionCells;
import org.monosweep.trainer.train.MethodTrainers;
import org.monosweep.trainer.train.SyntheticImages;
import org.monosweep.trainer.train.TestCells;
import org.monosweep.trainer.train.TrainingRun;

/**
 * DeepCluster cells end to end through {@link TrainingRun} (train, fold, probe every layer),
 * against the random-init cell of the same seed.
 */
class DeepClusterLearningTest {
  @TempDir Path dir;

  @Test
  void beatsTheRandomInitProbesOnNoisyGratings() {
    // Gratings in 10 orientations under heavy noise: the orientation is the images' dominant
    // structure, so k-means finds it and the encoder learns orientation filters that random
    // ones are not (the same data TrainingRunTest uses for supervised training).
    LabelledImages train = SyntheticImages.gratings(640, 10, 0.6, 11);
    LabelledImages test = SyntheticImages.gratings(320, 10, 0.6, 99);
    TrainingRun run = run(new CellData() {
      @Override
      public TrainingImages training(Cell cell) {
        return train;
      }

      @Override
      public TrainingImages probeTrain(Cell cell) {
        return train;
      }

      @Override
      public TrainingImages probeTest(Cell cell) {
        return test;
      }
    });
    TrainBudget budget = new TrainBudget(4, train.size(), 32);
    CellResult deepcluster = run.run(TestCells.cell(Method.DEEPCLUSTER, 2, budget,
        TestCells.probe(3), Map.of("k", "20")), TestCells.context(dir, new TestCells.Recorder()));
    CellResult random = run.run(TestCells.cell(Method.RANDOM, 2, budget, TestCells.probe(3),
        Map.of()), TestCells.context(dir, new TestCells.Recorder()));

    // measured here: deepcluster 0.71/0.89/0.88/0.91, random 0.58/0.68/0.49/0.53 (chance 0.10)
    double[] margins = {0.05, 0.1, 0.1, 0.1};
    for (int k = 0; k < 4; k++) {
      double d = deepcluster.probes().get(k).top1();
      double r = random.probes().get(k).top1();
      assertThat(d - r).as("conv%d: deepcluster %s vs random %s", k + 1, d, r)
          .isGreaterThan(margins[k]);
    }
    assertThat(values(deepcluster, "loss")).hasSize(4).allSatisfy(l -> assertThat(l).isFinite());
  }

  /**
   * An N = full Fashion-MNIST cell: d = 10,000, k = 100, 6 epochs, no native augmentation,
   * probed with {@link FashionCells#learningProbe()} against the random-init cell of the same
   * seed. About 1.5 minutes of training and 20 s per probe on 2 cores.
   *
   * <p>Random small4 features are strong on Fashion-MNIST, and the room above them is small:
   * under this probe random init gets 84.9-85.6% at conv1 and conv2 (seeds 1-3), and even 2
   * epochs of supervised training gained only about 1 point there under a comparable probe.
   * Measured DeepCluster minus random, same seed, seeds 1 / 2 / 3 (points):
   * <pre>
   *   conv1  +0.73  +0.89  +1.11
   *   conv2  +0.67  +0.78  +0.88
   *   conv3  +1.14  +1.34  +1.54
   *   conv4  -0.01  +0.81  +0.53
   * </pre>
   * Noise: the same features probed with three probe seeds spread by about 0.1-0.15 points (sd)
   * per layer, so a difference of two probes about 0.2; seeds add about 0.2 more (the spread
   * above). So does the machine: the same code, deterministic here (two runs, same digits),
   * gave seed 2 +0.48, +0.59, +1.03, +0.36 on another machine (presumably float rounding that
   * differs between CPUs, grown over 6 epochs), where the table's machine gave +0.89, +0.78,
   * +1.34, +0.81. The margins asserted, 0.2 points at conv1, 0.3 at conv2 and 0.6 at conv3, sit
   * at least 0.28 points (about 1.5 sd of that noise) below the smallest margin measured
   * anywhere. With the native RandomResizedCrop (area 0.08 of a 32-pixel image) 6 epochs do not
   * fit the clusters (loss 2.9-3.7 against 1.1-2.8 without) and the margins vanished under this
   * probe (seed 1: +0.0, +0.2, -0.3, -0.6), so the test trains without it.
   */
  @Test
  @Tag("learning")
  void beatsTheSameSeedRandomInitOnAFashionMnistCell() {
    assumeThat(FashionCells.installed()).as("Fashion-MNIST installed in %s",
        FashionCells.INSTALLED).isTrue();
    TrainingRun run = run(FashionCells.data(DatasetCatalog.create()));
    long start = System.nanoTime();
    CellResult deepcluster = run.run(FashionCells.cell(Method.DEEPCLUSTER, 2,
        new TrainBudget(6, 10_000, 64), FashionCells.learningProbe(),
        Map.of("k", "100", "native_aug", "false")),
        TestCells.context(dir, new TestCells.Recorder()));
    CellResult random = run.run(FashionCells.cell(Method.RANDOM, 2,
        new TrainBudget(0, 10_000, 64), FashionCells.learningProbe(), Map.of()),
        TestCells.context(dir, new TestCells.Recorder()));
    System.out.printf("deepcluster %s, random %s; train %.0f s, %.0f s in all%n",
        deepcluster.probes(), random.probes(), deepcluster.trainSeconds(),
        (System.nanoTime() - start) / 1e9);

    assertThat(values(deepcluster, "loss")).hasSize(6).allSatisfy(l -> assertThat(l).isFinite());
    // the clusters follow the classes (measured 0.49-0.52; unrelated partitions are near 0)
    assertThat(values(deepcluster, "nmi_labels")).hasSize(6)
        .allSatisfy(n -> assertThat(n).isBetween(0.3, 1.0));
    assertThat(deepcluster.flags()).isEmpty();
    double[] margins = {0.002, 0.003, 0.006};
    for (int k = 0; k < margins.length; k++) {
      double d = deepcluster.probes().get(k).top1();
      double r = random.probes().get(k).top1();
      assertThat(d - r).as("conv%d: deepcluster %s vs random %s", k + 1, d, r)
          .isGreaterThan(margins[k]);
    }
  }

  private static TrainingRun run(CellData data) {
    return TrainingRun.builder().setData(data)
        .optTrainers(List.of(ClusterTrainers.deepcluster(), MethodTrainers.random()))
        .optDataLoading(DataLoading.callerThread()).build();
  }

  private static List<Double> values(CellResult result, String name) {
    return result.metrics().stream().filter(m -> m.phase().equals("train")
        && m.name().equals(name)).map(EpochMetric::value).toList();
  }
}

package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.monosweep.trainer.data.Fixtures.cell;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.Method;
import org.monosweep.spec.SampleSize;

class CellImagesTest {
  private static ExecutorService pool;

  @TempDir static Path data;
  @TempDir Path dir;

  private final DatasetCatalog catalog = DatasetCatalog.create();
  private final CellImages cellImages =
      CellImages.create(catalog, new DataSettings(2, 4, 1L << 30), pool);

  @BeforeAll
  static void start() {
    pool = Executors.newFixedThreadPool(2);
    Fixtures.idxDataset(data.resolve("fashion"), 40, 10);
    Fixtures.cifar10(data.resolve("cifar"), 8, 4);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private Cell rotnet(SampleSize n, AugmentationSubset subset, long seed, int d) {
    return cell(Method.ROTNET, n, subset, seed, DatasetKind.FASHION_MNIST, data.resolve("fashion"),
        "", d);
  }

  @Test
  void fullNIsTheFirstDRealLabelledImagesOfTheSplit() {
    Cell cell = rotnet(SampleSize.FULL, AugmentationSubset.ALL, 0, 7);
    TrainingImages images = cellImages.forCell(cell, 32);

    assertThat(images.size()).isEqualTo(7);
    assertThat(images.labelled()).isTrue();
    assertThat(images.classes()).isEqualTo(10);
    TrainingImages split = catalog.images(cell.dataset(), Split.TRAIN, 0);
    float[] mine = new float[7 * 3 * 32 * 32];
    float[] theirs = new float[7 * 3 * 32 * 32];
    int[] all = {0, 1, 2, 3, 4, 5, 6};
    images.read(all, mine, new int[7]);
    split.read(all, theirs, new int[7]);
    assertThat(mine).containsExactly(theirs);
    assertThat(cellImages.forCell(rotnet(SampleSize.FULL, AugmentationSubset.ALL, 0, 1000), 32).size())
        .as("d beyond the split is the whole split").isEqualTo(40);
  }

  @Test
  void supervisedTrainsOnTheRealSplitEvenWithAnN() {
    Cell supervised = cell(Method.SUPERVISED, SampleSize.of(1), AugmentationSubset.NONE, 0,
        DatasetKind.CIFAR10, data.resolve("cifar"), "", 100);

    TrainingImages images = cellImages.forCell(supervised, 32);

    assertThat(images.size()).isEqualTo(40);
    assertThat(images.labelled()).isTrue();
  }

  @Test
  void nSourcesGiveDUnlabelledPatchesOfTheRequestedSide() {
    TrainingImages images = cellImages.forCell(rotnet(SampleSize.of(10), AugmentationSubset.ALL, 3, 50), 32);

    assertThat(images.size()).isEqualTo(50);
    assertThat(images.side()).isEqualTo(32);
    assertThat(images.labelled()).isFalse();
    assertThat(images.classes()).isZero();
    float[] out = Fixtures.readAll(images);
    assertThat(out).hasSize(50 * 3 * 32 * 32);
    float min = 1;
    float max = -1;
    for (float v : out) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).isGreaterThanOrEqualTo(-1f);
    assertThat(max).isLessThanOrEqualTo(1f).isGreaterThan(min);
  }

  @Test
  void sameSeedGivesIdenticalImagesAndAnotherSeedDifferentOnes() {
    Cell cell = rotnet(SampleSize.of(10), AugmentationSubset.ALL, 5, 40);
    CellImages other = CellImages.create(DatasetCatalog.create(), new DataSettings(1, 1, 1L << 30),
        Runnable::run);

    float[] first = Fixtures.readAll(cellImages.forCell(cell, 32));
    float[] again = Fixtures.readAll(other.forCell(cell, 32));
    float[] otherSeed = Fixtures.readAll(cellImages.forCell(rotnet(SampleSize.of(10),
        AugmentationSubset.ALL, 6, 40), 32));

    assertThat(again).containsExactly(first);
    assertThat(otherSeed).isNotEqualTo(first);
  }

  @Test
  void renderingOnTheFlyGivesTheSameImagesAsMaterialising() {
    Cell cell = cell(Method.ROTNET, SampleSize.of(3), AugmentationSubset.ALL, 9,
        DatasetKind.CIFAR10, data.resolve("cifar"), "", 30);
    CellImages onTheFly = CellImages.create(catalog, new DataSettings(2, 4, 0), pool);

    TrainingImages stored = cellImages.forCell(cell, 32);
    TrainingImages generated = onTheFly.forCell(cell, 32);

    assertThat(stored).isInstanceOf(CompactImages.class);
    assertThat(generated).isInstanceOf(GeneratedPatches.class);
    assertThat(Fixtures.readAll(generated)).containsExactly(Fixtures.readAll(stored));
    int[] some = {29, 0, 17};
    float[] a = new float[3 * 3072];
    float[] b = new float[3 * 3072];
    stored.read(some, a, null);
    generated.read(some, b, null);
    assertThat(b).containsExactly(a);
  }

  @Test
  void grayscaleDatasetsGiveGrayPatchesEvenWithColourJitter() {
    TrainingImages images = cellImages.forCell(rotnet(SampleSize.of(10), AugmentationSubset.ALL, 1, 30), 16);
    assertGray(Fixtures.readAll(images), 16);
    TrainingImages onTheFly = CellImages.create(catalog, new DataSettings(1, 1, 0), pool)
        .forCell(rotnet(SampleSize.of(10), AugmentationSubset.ALL, 1, 30), 16);
    assertThat(Fixtures.readAll(onTheFly)).containsExactly(Fixtures.readAll(images));
  }

  @Test
  void aColourSourceFileIsMadeGrayForAGrayscaleDataset() {
    Path photo = dir.resolve("photo.png");
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 200);
      }
    }
    Fixtures.png(photo, image);
    Cell cell = cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 2,
        DatasetKind.FASHION_MNIST, data.resolve("fashion"), photo.toString(), 20);

    float[] out = Fixtures.readAll(cellImages.forCell(cell, 32));

    assertGray(out, 32);
  }

  @Test
  void aColourDatasetKeepsColour() {
    Cell cell = cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.NONE, 2,
        DatasetKind.CIFAR10, data.resolve("cifar"), "", 4);

    float[] out = Fixtures.readAll(cellImages.forCell(cell, 32));

    boolean colour = false;
    for (int p = 0; p < 1024; p++) {
      colour |= out[p] != out[1024 + p];
    }
    assertThat(colour).isTrue();
  }

  private static void assertGray(float[] out, int side) {
    int plane = side * side;
    for (int i = 0; i < out.length / (3 * plane); i++) {
      for (int p = 0; p < plane; p++) {
        int base = i * 3 * plane + p;
        assertThat(out[base + plane]).isEqualTo(out[base]);
        assertThat(out[base + 2 * plane]).isEqualTo(out[base]);
      }
    }
  }

  @Test
  void sourceChoiceIsDistinctAndDeterministicPerSeed() {
    int[] a = AugmentedCellImages.chooseSources(60_000, 1000, 7);
    int[] b = AugmentedCellImages.chooseSources(60_000, 1000, 7);
    int[] c = AugmentedCellImages.chooseSources(60_000, 1000, 8);

    assertThat(b).containsExactly(a);
    assertThat(c).isNotEqualTo(a);
    Set<Integer> distinct = new HashSet<>();
    Arrays.stream(a).forEach(distinct::add);
    assertThat(distinct).hasSize(1000).allSatisfy(i -> assertThat(i).isBetween(0, 59_999));
    assertThat(AugmentedCellImages.chooseSources(5, 5, 1)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
  }

  @Test
  void oneSourceFromTheSplitIsThatImageUnaugmented() {
    // With no augmentation and no flip the patch is the source resized; at 28 -> 28 it is the
    // source itself, so the chosen image's pixels must appear exactly.
    Cell cell = rotnet(SampleSize.of(1), AugmentationSubset.NONE, 4, 2);
    int chosen = AugmentedCellImages.chooseSources(40, 1, 4)[0];
    CompactImages split = (CompactImages) catalog.images(cell.dataset(), Split.TRAIN, 0);

    TrainingImages images = cellImages.forCell(cell, 28);
    float[] out = Fixtures.readAll(images);
    float[] source = split.originalPixels(chosen);

    int matches = 0;
    for (int p = 0; p < 28 * 28; p++) {
      float expected = Fixtures.scaled(Math.round(source[p] * 255));
      float mirrored = Fixtures.scaled(Math.round(source[(p / 28) * 28 + 27 - p % 28] * 255));
      matches += out[p] == expected || out[p] == mirrored ? 1 : 0;
    }
    assertThat(matches).isGreaterThan(28 * 28 * 9 / 10);
  }

  @Test
  void moreSourcesThanTheSplitOrThanDAreRejected() {
    assertThatThrownBy(() -> cellImages.forCell(rotnet(SampleSize.of(41), AugmentationSubset.ALL, 0, 100), 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the training split has only 40 images");
    assertThatThrownBy(() -> cellImages.forCell(rotnet(SampleSize.of(10), AugmentationSubset.ALL, 0, 5), 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need d >= 10");
  }

  @Test
  void missingSourceFileIsADatasetError() {
    Path missing = dir.resolve("nope.jpg");
    Cell cell = cell(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, 0,
        DatasetKind.FASHION_MNIST, data.resolve("fashion"), missing.toString(), 10);

    assertThatThrownBy(() -> cellImages.forCell(cell, 32))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("readable PNG or JPEG");
  }

  @Test
  void realSplitAtAnotherSideIsRejected() {
    assertThatThrownBy(() -> cellImages.forCell(rotnet(SampleSize.FULL, AugmentationSubset.ALL, 0, 7), 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 x 32, not 64 x 64");
  }
}

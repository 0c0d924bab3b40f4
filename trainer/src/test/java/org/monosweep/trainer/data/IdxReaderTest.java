package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.monosweep.trainer.data.Fixtures.gzip;
import static org.monosweep.trainer.data.Fixtures.idxImages;
import static org.monosweep.trainer.data.Fixtures.idxLabels;
import static org.monosweep.trainer.data.Fixtures.pixel;
import static org.monosweep.trainer.data.Fixtures.scaled;
import static org.monosweep.trainer.data.Fixtures.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.spec.DatasetKind;

class IdxReaderTest {
  private static final Path INSTALLED = Path.of(DatasetKind.FASHION_MNIST.defaultPath());

  @TempDir Path dir;

  private final IdxReader fashion = new IdxReader(DatasetKind.FASHION_MNIST);

  @Test
  void readsPixelsPaddedToThirtyTwoWithBlackAndScaledToPlusMinusOne() {
    Fixtures.idxDataset(dir, 3, 2);

    CompactImages images = fashion.read(dir, Split.TRAIN, 0);
    float[] out = Fixtures.readAll(images);

    assertThat(images.size()).isEqualTo(3);
    assertThat(images.side()).isEqualTo(32);
    int plane = 32 * 32;
    for (int i = 0; i < 3; i++) {
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            boolean inside = x >= 2 && x < 30 && y >= 2 && y < 30;
            float expected = inside ? scaled(pixel(i, (y - 2) * 28 + (x - 2))) : -1f;
            assertThat(out[i * 3 * plane + c * plane + y * 32 + x]).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void scalesByteValuesExactly() {
    assertThat(CompactImages.toFloat(0)).isEqualTo(-1f);
    assertThat(CompactImages.toFloat(255)).isEqualTo(1f);
    assertThat(CompactImages.toFloat(51)).isEqualTo((float) (51 / 127.5 - 1));
  }

  @Test
  void readsLabelsClassNamesAndTheTestSplit() {
    Fixtures.idxDataset(dir, 12, 4);

    CompactImages train = fashion.read(dir, Split.TRAIN, 0);
    CompactImages test = fashion.read(dir, Split.TEST, 0);
    int[] labels = new int[12];
    train.read(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, new float[12 * 3072], labels);

    assertThat(labels).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
    assertThat(train.classNames()).startsWith("T-shirt/top", "Trouser").endsWith("Ankle boot");
    assertThat(test.size()).isEqualTo(4);
    assertThat(new IdxReader(DatasetKind.MNIST).read(dir, Split.TEST, 0).classNames())
        .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  }

  @Test
  void readsUncompressedFilesToo() {
    write(dir.resolve("t10k-images-idx3-ubyte"), idxImages(2, 28, 28));
    write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(2));

    CompactImages images = fashion.read(dir, Split.TEST, 0);

    assertThat(images.size()).isEqualTo(2);
    assertThat(images.originalPixels(1)[5]).isEqualTo(pixel(1, 5) / 255f);
  }

  @Test
  void limitReadsOnlyTheFirstImages() {
    Fixtures.idxDataset(dir, 20, 2);

    CompactImages images = fashion.read(dir, Split.TRAIN, 5);

    assertThat(images.size()).isEqualTo(5);
    assertThat(images.label(4)).isEqualTo(4);
  }

  @Test
  void keepsTheOriginalTwentyEightPixelsForSources() {
    Fixtures.idxDataset(dir, 2, 1);

    CompactImages images = fashion.read(dir, Split.TRAIN, 0);
    float[] original = images.originalPixels(1);

    assertThat(images.original()).isEqualTo(new CompactImages.Region(2, 2, 28, 28));
    assertThat(original).hasSize(28 * 28);
    for (int j = 0; j < 28 * 28; j++) {
      assertThat(original[j]).isEqualTo(pixel(1, j) / 255f);
    }
  }

  @Test
  void missingFashionMnistSaysToInstallThePackage() {
    assertThatThrownBy(() -> fashion.read(dir, Split.TRAIN, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(dir.resolve("train-images-idx3-ubyte.gz").toString())
        .hasMessageContaining("is missing")
        .hasMessageContaining("apt-get install dataset-fashion-mnist");
  }

  @Test
  void missingMnistSaysWhichFilesToDownloadWhere() {
    assertThatThrownBy(() -> new IdxReader(DatasetKind.MNIST).read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("t10k-images-idx3-ubyte.gz")
        .hasMessageContaining("download the MNIST IDX files")
        .hasMessageContaining("into " + dir);
  }

  @Test
  void truncatedGzipNamesTheFileAndExpectedVersusActualBytes() {
    Fixtures.idxDataset(dir, 10, 2);
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] whole = gzip(idxImages(10, 28, 28));
    write(images, Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> fashion.read(dir, Split.TRAIN, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(images.toString())
        .hasMessageContaining("truncated")
        .hasMessageContaining("expected " + (16 + 10 * 784) + " bytes")
        .hasMessageContaining("apt-get install");
  }

  @Test
  void truncatedPlainFileReportsTheBytesItHolds() {
    byte[] whole = idxImages(4, 28, 28);
    Path images = dir.resolve("t10k-images-idx3-ubyte");
    write(images, Arrays.copyOf(whole, 16 + 3 * 784 + 100));
    write(dir.resolve("t10k-labels-idx1-ubyte"), idxLabels(4));

    assertThatThrownBy(() -> fashion.read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(images.toString())
        .hasMessageContaining("expected " + (16 + 4 * 784) + " bytes")
        .hasMessageContaining("got only " + (16 + 3 * 784 + 100) + " bytes");
  }

  @Test
  void wrongMagicNumberIsReportedAsNotAnIdxFile() {
    Fixtures.idxDataset(dir, 2, 2);
    Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
    write(labels, gzip(idxImages(2, 28, 28)));

    assertThatThrownBy(() -> fashion.read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(labels.toString())
        .hasMessageContaining("not an IDX label file")
        .hasMessageContaining("0x00000803, expected 0x00000801");
  }

  @Test
  void corruptGzipDataIsReportedWithTheFix() {
    Fixtures.idxDataset(dir, 2, 2);
    Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
    byte[] bad = gzip(idxImages(2, 28, 28));
    for (int i = 12; i < bad.length - 8; i++) {
      bad[i] = (byte) 0xFF;
    }
    write(images, bad);

    assertThatThrownBy(() -> fashion.read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(images.toString())
        .hasMessageContaining("apt-get install");
  }

  @Test
  void labelCountThatDisagreesWithImagesIsCorrupt() {
    Fixtures.idxDataset(dir, 3, 3);
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idxLabels(2)));

    assertThatThrownBy(() -> fashion.read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("holds 2 labels but t10k-images-idx3-ubyte.gz holds 3 images");
  }

  @Test
  void trailingBytesBeyondTheHeaderAreCorrupt() {
    Fixtures.idxDataset(dir, 3, 3);
    byte[] labels = Arrays.copyOf(idxLabels(3), 8 + 3 + 5);
    Path file = dir.resolve("t10k-labels-idx1-ubyte.gz");
    write(file, gzip(labels));

    assertThatThrownBy(() -> fashion.read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("size is 16 bytes, expected 11 bytes");
  }

  @Test
  void labelOutsideTheClassesIsCorrupt() {
    Fixtures.idxDataset(dir, 3, 3);
    byte[] labels = idxLabels(3);
    labels[9] = 42;
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels));

    assertThatThrownBy(() -> fashion.read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("label 42 of image 1 is outside 0..9");
  }

  @Test
  void readsTheInstalledFashionMnistTestSplitWithTenBalancedClasses() {
    assumeThat(Files.exists(INSTALLED.resolve("t10k-images-idx3-ubyte.gz")))
        .as("dataset-fashion-mnist is installed").isTrue();

    CompactImages test = fashion.read(INSTALLED, Split.TEST, 0);

    assertThat(test.size()).isEqualTo(10_000);
    int[] perClass = new int[10];
    for (int i = 0; i < test.size(); i++) {
      perClass[test.label(i)]++;
    }
    assertThat(perClass).containsOnly(1000);
    // Fashion-MNIST's first test image is an ankle boot on a black background.
    assertThat(test.label(0)).isEqualTo(9);
    assertThat(test.originalPixels(0)[0]).isZero();
  }

  @Test
  void readsTheHeadOfTheInstalledTrainingSplitUnderALimit() {
    assumeThat(Files.exists(INSTALLED.resolve("train-images-idx3-ubyte.gz")))
        .as("dataset-fashion-mnist is installed").isTrue();

    CompactImages train = fashion.read(INSTALLED, Split.TRAIN, 100);

    assertThat(train.size()).isEqualTo(100);
    assertThat(train.label(0)).isEqualTo(9);
    float[] out = Fixtures.readAll(train);
    float min = 1;
    float max = -1;
    for (float v : out) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(min).isEqualTo(-1f);
    assertThat(max).isGreaterThan(0.9f).isLessThanOrEqualTo(1f);
  }
}

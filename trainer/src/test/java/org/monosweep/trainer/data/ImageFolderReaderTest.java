package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.monosweep.trainer.data.Fixtures.png;
import static org.monosweep.trainer.data.Fixtures.scaled;
import static org.monosweep.trainer.data.Fixtures.solid;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
  @TempDir Path dir;

  private final ImageFolderReader reader = new ImageFolderReader();

  @Test
  void namesClassesByFolderAndInterleavesThemSoThatAHeadIsBalanced() {
    png(dir.resolve("train/dog/a.png"), solid(40, 20, 0x102030));
    png(dir.resolve("train/dog/b.png"), solid(40, 20, 0x102030));
    png(dir.resolve("train/cat/a.png"), solid(64, 64, 0xFF8000));
    png(dir.resolve("train/cat/b.jpg"), solid(8, 8, 0xFF8000));
    png(dir.resolve("train/cat/c.png"), solid(8, 8, 0xFF8000));
    png(dir.resolve("test/dog/x.png"), solid(8, 8, 0x102030));

    CompactImages train = reader.read(dir, Split.TRAIN, 0);
    CompactImages test = reader.read(dir, Split.TEST, 0);

    assertThat(train.classNames()).containsExactly("cat", "dog");
    assertThat(new int[] {train.label(0), train.label(1), train.label(2), train.label(3),
        train.label(4)}).containsExactly(0, 1, 0, 1, 0);
    assertThat(reader.read(dir, Split.TRAIN, 2).size()).isEqualTo(2);
    assertThat(test.size()).isEqualTo(1);
    assertThat(test.label(0)).isEqualTo(1);
    assertThat(test.classNames()).containsExactly("cat", "dog");
  }

  @Test
  void resizesAnyImageToThirtyTwoKeepingASolidColourExact() {
    png(dir.resolve("train/only/big.png"), solid(97, 41, 0x4080C0));
    png(dir.resolve("test/only/small.png"), solid(5, 7, 0x4080C0));

    for (Split split : Split.values()) {
      float[] out = Fixtures.readAll(reader.read(dir, split, 0));
      assertThat(out).hasSize(3072);
      for (int p = 0; p < 1024; p++) {
        assertThat(out[p]).isEqualTo(scaled(0x40));
        assertThat(out[1024 + p]).isEqualTo(scaled(0x80));
        assertThat(out[2048 + p]).isEqualTo(scaled(0xC0));
      }
    }
  }

  @Test
  void passesAThirtyTwoPixelImageThroughUnchanged() {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        image.setRGB(x, y, (x * 8) << 16 | (y * 8) << 8 | ((x + y) * 4));
      }
    }
    png(dir.resolve("train/grad/g.png"), image);
    png(dir.resolve("test/grad/g.png"), image);

    float[] out = Fixtures.readAll(reader.read(dir, Split.TRAIN, 0));

    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        assertThat(out[y * 32 + x]).isEqualTo(scaled(x * 8));
        assertThat(out[1024 + y * 32 + x]).isEqualTo(scaled(y * 8));
        assertThat(out[2048 + y * 32 + x]).isEqualTo(scaled((x + y) * 4));
      }
    }
  }

  @Test
  void corruptImageIsNamed() throws Exception {
    png(dir.resolve("train/a/ok.png"), solid(8, 8, 0));
    Path bad = dir.resolve("train/a/zz.png");
    Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

    assertThatThrownBy(() -> reader.read(dir, Split.TRAIN, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageStartingWith(bad + ": is not a readable PNG or JPEG image");
  }

  @Test
  void missingTestFolderSaysWhatLayoutIsExpected() {
    png(dir.resolve("train/a/ok.png"), solid(8, 8, 0));

    assertThatThrownBy(() -> reader.read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(dir.resolve("test") + ": is missing")
        .hasMessageContaining("/train/<class>/*.png|jpg");
  }

  @Test
  void testClassUnknownToTrainingIsRejected() {
    png(dir.resolve("train/a/ok.png"), solid(8, 8, 0));
    png(dir.resolve("test/b/ok.png"), solid(8, 8, 0));

    assertThatThrownBy(() -> reader.read(dir, Split.TEST, 0))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("is a class that");
  }
}

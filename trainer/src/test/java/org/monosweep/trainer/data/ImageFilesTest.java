package org.monosweep.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {

  @Test
  void idxImagesAreCentredOnTheGivenFrameAndLabelledByTheFileBesideThem(@TempDir Path dir) {
    Path images = dir.resolve("x-images-idx3-ubyte.gz");
    Fixtures.write(images, Fixtures.gzip(Fixtures.idxImages(3, 2, 3)));
    Fixtures.write(dir.resolve("x-labels-idx1-ubyte"), Fixtures.idxLabels(3));

    ImageFiles.IdxContents contents = ImageFiles.idx(images, 5);

    assertThat(contents.labels()).hasValueSatisfying(l -> assertThat(l).containsExactly(0, 1, 2));
    TrainingImages framed = contents.images();
    assertThat(framed.size()).isEqualTo(3);
    assertThat(framed.side()).isEqualTo(5);
    float[] out = new float[3 * 25];
    framed.read(new int[] {2}, out, null);
    // rows 1-2, columns 1-3 of the 5 x 5 frame hold the image; the rest is black
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        boolean inside = y >= 1 && y <= 2 && x >= 1 && x <= 3;
        float expected = inside
            ? CompactImages.toFloat(Fixtures.pixel(2, (y - 1) * 3 + x - 1)) : -1f;
        assertThat(out[y * 5 + x]).as("(%d, %d)", x, y).isEqualTo(expected);
        assertThat(out[50 + y * 5 + x]).isEqualTo(expected);
      }
    }
  }

  @Test
  void idxImagesWithNoLabelFileBesideThemAreUnlabelled(@TempDir Path dir) {
    Path images = dir.resolve("digits.idx");
    Fixtures.write(images, Fixtures.idxImages(2, 4, 4));

    assertThat(ImageFiles.idx(images, 32).labels()).isEmpty();
  }

  @Test
  void idxImagesLargerThanTheFrameAreRefusedNotResized(@TempDir Path dir) {
    Path images = dir.resolve("t-images-idx3-ubyte");
    Fixtures.write(images, Fixtures.idxImages(1, 28, 28));

    assertThatThrownBy(() -> ImageFiles.idx(images, 16))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining("holds 28 x 28 images, but IDX images are framed at 16 x 16");
  }
}

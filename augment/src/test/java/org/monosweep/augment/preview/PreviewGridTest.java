package org.monosweep.augment.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.PatchGenerator;
import org.monosweep.augment.transform.PatchParameters;
import org.monosweep.augment.transform.SourceImage;
import org.monosweep.spec.Augmentation;

class PreviewGridTest {

  private static final AugmentationSettings SETTINGS =
      AugmentationSettings.paperDefaults(16, EnumSet.of(Augmentation.SCALE, Augmentation.ROTATION));

  @TempDir Path dir;

  private static SourceImage source() {
    int w = 80;
    int h = 60;
    float[] planar = new float[3 * w * h];
    for (int i = 0; i < w * h; i++) {
      planar[i] = (i % w) / (float) w;
      planar[w * h + i] = (i / w) / (float) h;
      planar[2 * w * h + i] = 0.5f;
    }
    return SourceImage.fromPixels(w, h, planar, 3);
  }

  @Test
  void writesTheFirstPatchesOfTheDatasetAndReturnsTheirParameters() throws IOException {
    Path png = dir.resolve("grid.png");

    List<PatchParameters> shown = PreviewGrid.create(SETTINGS, 4).write(source(), 10, png);

    PatchGenerator dataset = PatchGenerator.create(List.of(source()), SETTINGS, 4);
    assertThat(shown).hasSize(10);
    for (int n = 0; n < 10; n++) {
      assertThat(shown.get(n)).isEqualTo(dataset.parameters(n));
    }
    BufferedImage grid = ImageIO.read(png.toFile());
    // 16-pixel patches enlarged 6x, 4 columns and 3 rows with 2-pixel gaps.
    assertThat(grid.getWidth()).isEqualTo(2 + 4 * (96 + 2));
    assertThat(grid.getHeight()).isEqualTo(2 + 3 * (96 + 2));
    float[] patch = new float[dataset.patchLength()];
    dataset.patch(5, patch, 0);
    int left = 2 + 1 * 98;
    int top = 2 + 1 * 98;
    int expectedRed = PreviewGrid.toByte(patch[3 * 16 + 7]);
    assertThat((grid.getRGB(left + 7 * 6 + 5, top + 3 * 6) >> 16) & 255).isEqualTo(expectedRed);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file left behind").containsExactly(png);
    }
  }

  @Test
  void failsNamingTheFileWhenTheFolderIsMissing() {
    Path png = dir.resolve("absent").resolve("grid.png");

    assertThatThrownBy(() -> PreviewGrid.create(SETTINGS, 1).write(source(), 4, png))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("grid.png");
  }
}

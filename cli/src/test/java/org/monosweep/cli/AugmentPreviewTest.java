package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code augment preview} writes its grid into folders that do not exist yet. */
class AugmentPreviewTest {
  @TempDir Path dir;

  @Test
  void writesTheGridIntoAFreshRunsFolder() throws Exception {
    Path source = photo(dir.resolve("photo.png"));
    Path runs = dir.resolve("fresh").resolve("runs");

    CommandRun run = CommandRun.of("augment", "preview", "--source", source.toString(),
        "--subset", "scale", "--n", "4", "--runs", runs.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(runs.resolve("previews").resolve("photo-scale.png")).isRegularFile();
  }

  @Test
  void createsTheFoldersOfAnExplicitOutput() throws Exception {
    Path source = photo(dir.resolve("photo.png"));
    Path out = dir.resolve("a").resolve("b").resolve("grid.png");

    CommandRun run = CommandRun.of("augment", "preview", "--source", source.toString(),
        "--n", "4", "--out", out.toString());

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(ImageIO.read(out.toFile())).isNotNull();
  }

  private static Path photo(Path file) throws Exception {
    BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, (x * 5) << 16 | (y * 7) << 8 | (x + y));
      }
    }
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}

package org.monosweep.augment.preview;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.PatchGenerator;
import org.monosweep.augment.transform.PatchParameters;
import org.monosweep.augment.transform.SourceImage;

/**
 * Writes a PNG grid of example patches, as in the paper's Figures 7-10, for {@code monosweep
 * augment preview}. The grid shows patches 0..n-1 of a one-source dataset with the given settings
 * and seed, so it is exactly what training on that source would see. Small patches are enlarged
 * with nearest-neighbour pixels so that single pixels stay visible.
 */
public final class PreviewGrid {

  /** Patches smaller than this are enlarged by an integer factor to at least this side. */
  private static final int MIN_CELL = 96;
  private static final int GAP = 2;
  private static final int BACKGROUND = 0x303030;

  private final AugmentationSettings settings;
  private final long seed;

  private PreviewGrid(AugmentationSettings settings, long seed) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.seed = seed;
  }

  /**
   * @param settings the protocol's parameters, subset and output size
   * @param seed the dataset seed whose first patches are shown
   * @return a grid writer
   */
  public static PreviewGrid create(AugmentationSettings settings, long seed) {
    return new PreviewGrid(settings, seed);
  }

  /**
   * Renders {@code count} patches of {@code source} into a square-ish grid and writes it as a PNG,
   * replacing {@code output} atomically.
   *
   * @param source the source image
   * @param count the number of patches, 1 to 4096
   * @param output the PNG file to write; its folder must exist
   * @return the parameters of the patches, in grid order (row by row)
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public List<PatchParameters> write(SourceImage source, int count, Path output) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(output, "output");
    if (count < 1 || count > 4096) {
      throw new IllegalArgumentException("count must be in [1, 4096], got " + count);
    }
    PatchGenerator generator = PatchGenerator.create(List.of(source), settings, seed);
    int size = settings.outputSize();
    int zoom = Math.max(1, (MIN_CELL + size - 1) / size);
    int cell = size * zoom;
    int columns = (int) Math.ceil(Math.sqrt(count));
    int rows = (count + columns - 1) / columns;
    BufferedImage grid = new BufferedImage(GAP + columns * (cell + GAP), GAP + rows * (cell + GAP),
        BufferedImage.TYPE_INT_RGB);
    fill(grid, BACKGROUND);

    float[] patch = new float[generator.patchLength()];
    List<PatchParameters> parameters = new ArrayList<>(count);
    for (int n = 0; n < count; n++) {
      parameters.add(generator.patch(n, patch, 0));
      int left = GAP + (n % columns) * (cell + GAP);
      int top = GAP + (n / columns) * (cell + GAP);
      draw(grid, patch, size, zoom, left, top);
    }
    save(grid, output);
    return List.copyOf(parameters);
  }

  private static void draw(BufferedImage grid, float[] chw, int size, int zoom, int left,
      int top) {
    int plane = size * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int i = y * size + x;
        int rgb = toByte(chw[i]) << 16 | toByte(chw[plane + i]) << 8 | toByte(chw[2 * plane + i]);
        for (int dy = 0; dy < zoom; dy++) {
          for (int dx = 0; dx < zoom; dx++) {
            grid.setRGB(left + x * zoom + dx, top + y * zoom + dy, rgb);
          }
        }
      }
    }
  }

  /** Maps an output value in [-1, 1] back to an 8-bit colour value. */
  static int toByte(float value) {
    return Math.max(0, Math.min(255, Math.round((value + 1) * 0.5f * 255)));
  }

  private static void fill(BufferedImage image, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, rgb);
      }
    }
  }

  private static void save(BufferedImage grid, Path output) {
    Path absolute = output.toAbsolutePath();
    Path temporary = null;
    try {
      // Write next to the target, then move: a crash never leaves a half-written preview.
      temporary = Files.createTempFile(absolute.getParent(), ".preview-", ".png.tmp");
      if (!ImageIO.write(grid, "png", temporary.toFile())) {
        throw new IllegalStateException("no PNG writer available");
      }
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(output + ": cannot write preview: " + e.getMessage(), e);
    } finally {
      deleteQuietly(temporary);
    }
  }

  private static void deleteQuietly(Path temporary) {
    if (temporary == null) {
      return;
    }
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      // The preview itself succeeded or already failed with its own message; a stray temp file
      // is not worth masking that.
    }
  }
}

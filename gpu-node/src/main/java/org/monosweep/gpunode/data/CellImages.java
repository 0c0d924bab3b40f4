package org.monosweep.gpunode.data;

import java.util.concurrent.Executor;
import org.monosweep.spec.Cell;

/**
 * Builds the images a cell trains on.
 *
 * <ul>
 *   <li>N = full, or a method that does not train on sources ({@code supervised},
 *       {@code random}): the real training split from the {@link DatasetCatalog}, labelled and
 *       shared with other cells. Its size is the whole split; the budget's d is ignored.
 *   <li>N = k: k source images, then d = {@code budget.datasetSize()} augmented patches, patch i
 *       from source i mod k, unlabelled. For k = 1 with a {@code cell.source()} the source is
 *       that image file; otherwise the k sources are distinct training images chosen by the
 *       cell's seed, each at its original size (28 x 28 for Fashion-MNIST, not the padded 32;
 *       32 x 32 for CIFAR and for image folders, which are stored resized). A relative
 *       {@code cell.source()} is resolved against the working directory; it is ignored for
 *       k > 1, since it names only one image.
 * </ul>
 *
 * <p>Patches follow the paper's protocol ({@code AugmentationSettings.paperDefaults}) with the
 * cell's augmentation subset and are quantised to 8 bits, like the uint8 images of the paper's
 * pipeline. When the dataset is grayscale, sources are read as grayscale and every patch is
 * converted to luminance after rendering, so training sees the same kind of image the probes do
 * whatever the colour jitter does. Patches are rendered once into memory (one byte per pixel, one
 * channel for grayscale) when they fit {@link DataSettings#materialiseLimitBytes()}, else rendered
 * again on every read; both give the same values. Image i is a pure function of the cell's
 * settings and i.
 */
public interface CellImages {

  /**
   * The cell's training images at side {@code side}.
   *
   * @param cell the cell
   * @param side S; the real split (N = full) is only available at 32
   * @throws DatasetException when the dataset or the source image is missing or corrupt
   * @throws IllegalArgumentException when N exceeds the training split or d, or the real split is
   *     asked for at a side other than 32
   */
  TrainingImages forCell(Cell cell, int side);

  /**
   * @param catalog where the labelled datasets come from
   * @param settings render parallelism and the materialisation limit
   * @param executor runs the render tasks (a pool of at least {@code settings.parallelism()}
   *     threads; not an actor dispatcher)
   */
  static CellImages create(DatasetCatalog catalog, DataSettings settings, Executor executor) {
    return new AugmentedCellImages(catalog, settings, executor);
  }
}

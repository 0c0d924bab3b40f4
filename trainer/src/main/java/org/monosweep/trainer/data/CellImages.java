package org.monosweep.trainer.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.monosweep.spec.Cell;

/**
 * Builds the images a cell trains on.
 *
 * <ul>
 *   <li>N = full, or a method that does not train on sources ({@code supervised},
 *       {@code random}): the real training split from the {@link DatasetCatalog}, labelled and
 *       shared with other cells: its first d = {@code budget.datasetSize()} images (the whole
 *       split when d is larger).
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
 *
 * <p>With a patch cache ({@link #create(DatasetCatalog, DataSettings, Executor, Path)} and
 * {@link DataSettings#patchCache()} on), materialised patches are also stored in a cache folder,
 * one file per set named by the SHA-256 of what decides its bytes: the sources' bytes (the image
 * file, or the chosen training images' pixels), every augmentation setting including S, d, the
 * seed, grayscale or colour and augment-node's render version. Cells that differ only in method,
 * encoder, probe or budget epochs read the same file, and so does a retried attempt. Files are
 * written to a temporary file and renamed atomically, so a crash never leaves a half file and
 * concurrent writers are safe; a damaged file (wrong length, header or checksum) is rendered
 * again and replaced. Patch sets beyond the materialisation limit are never cached. The cache
 * has no eviction: delete the folder to reclaim its space.
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
    return new AugmentedCellImages(catalog, settings, executor, null);
  }

  /**
   * Like {@link #create(DatasetCatalog, DataSettings, Executor)}, caching materialised patches
   * in {@code cacheFolder} (created when needed) when {@link DataSettings#patchCache()} is on.
   *
   * @param cacheFolder the patch cache, {@code runs/cache/patches} for a node; may be shared by
   *     several nodes
   */
  static CellImages create(DatasetCatalog catalog, DataSettings settings, Executor executor,
      Path cacheFolder) {
    return new AugmentedCellImages(catalog, settings, executor,
        Objects.requireNonNull(cacheFolder, "cacheFolder"));
  }
}

package org.monosweep.trainer.data;

import java.nio.file.Path;
import java.util.Optional;
import org.monosweep.augment.transform.SourceImage;

/**
 * Image files named by path rather than found in a dataset's layout (what {@code embed} reads),
 * prepared by the dataset readers' own code, so that they become exactly the floats training and
 * the probes saw.
 */
public final class ImageFiles {
  private static final String IDX_FIX = "give an IDX image file of unsigned-byte N x rows x cols"
      + " images (as t10k-images-idx3-ubyte.gz), with its labels-idx1-ubyte file beside it for"
      + " labels";

  private ImageFiles() {}

  /**
   * An IDX image file, each image centred on a black {@code frame x frame} plane as the MNIST
   * readers centre them on 32 x 32, with the labels of the {@code *-labels-idx1-ubyte[.gz]} file
   * beside it when there is one.
   *
   * @throws DatasetException when a file is not IDX, is truncated or corrupt, or holds images
   *     larger than the frame; the message says what was found and what is expected
   */
  public static IdxContents idx(Path imagesFile, int frame) {
    try (IdxImageFile images = IdxImageFile.open(imagesFile, frame, IDX_FIX)) {
      CompactImages framed = images.read(images.count());
      Optional<Path> labelsFile = IdxLabelFile.beside(imagesFile);
      if (labelsFile.isEmpty()) {
        return new IdxContents(framed, Optional.empty());
      }
      try (IdxLabelFile labels =
          IdxLabelFile.open(labelsFile.get(), imagesFile, images.count(), IDX_FIX)) {
        return new IdxContents(framed, Optional.of(labels.read(images.count())));
      }
    }
  }

  /**
   * Writes {@code image} as the image-folder reader stores it, but at {@code side x side}:
   * resampled with PIL's bilinear filter ({@link Bilinear}) and rounded to bytes, then as CHW
   * floats in (-1, 1) at {@code offset} of {@code out}.
   */
  public static void resample(SourceImage image, int side, float[] out, int offset) {
    float[] resized = Bilinear.resize(image.toPlanarRgb(), 3, image.width(), image.height(),
        side);
    for (int p = 0; p < resized.length; p++) {
      out[offset + p] = CompactImages.toFloat(toByte(resized[p]));
    }
  }

  /** A value in [0, 1] (clamped) rounded to the unsigned byte the readers store. */
  static int toByte(float unit) {
    return Math.round(Math.min(1f, Math.max(0f, unit)) * 255f);
  }

  /**
   * What an IDX image file holds.
   *
   * @param images the framed images, unlabelled
   * @param labels one label per image when a label file lies beside the images
   */
  public record IdxContents(TrainingImages images, Optional<int[]> labels) {}
}

package org.monosweep.onnx.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Images to embed, read as a model takes them: CHW floats of {@code 3 x side x side} in (-1, 1),
 * {@code pixel / 127.5 - 1}, exactly as monosweep's dataset readers produce them for training
 * and probes.
 *
 * <p>Two kinds of input: a folder of PNG/JPEG images (flat: unlabelled, in file-name order; or
 * one subfolder per class: labelled, classes in folder-name order, images in file-name order
 * within each), each resized to the side with PIL-style bilinear filtering; or an IDX image file
 * ({@code *-images-idx3-ubyte}, gzipped or not) whose labels are read from the
 * {@code *-labels-idx1-ubyte} file beside it when there is one, images centred on a black
 * 32-pixel frame as the MNIST readers do (on a frame of the side when it is smaller) and the
 * frame resized bilinearly to a larger side, as the real splits reach a larger encoder.
 * Thread-safe for concurrent reads.
 */
public interface ImageSource {

  /**
   * Opens a folder of images or an IDX image file.
   *
   * @param side the side S the model takes
   * @param grayscale whether to convert colour images to luminance (models trained on
   *     grayscale data)
   * @throws IllegalArgumentException when the path holds no images, mixes loose images and
   *     class folders, or holds IDX images larger than their frame or a corrupt IDX file;
   *     the message says what was found and what is expected
   * @throws IOException when the files cannot be read
   */
  static ImageSource open(Path path, int side, boolean grayscale) throws IOException {
    if (side < 2) {
      throw new IllegalArgumentException("the image side must be at least 2, got " + side);
    }
    if (Files.isDirectory(path)) {
      return ImageFolder.open(path, side, grayscale);
    }
    if (Files.isRegularFile(path)) {
      return IdxImages.open(path, side);
    }
    throw new IllegalArgumentException("no images at " + path + ": expected a folder of"
        + " PNG/JPEG images or an IDX image file (*-images-idx3-ubyte[.gz])");
  }

  /** Number of images. */
  int size();

  /** Side S of every image read. */
  int side();

  /** Whether every image has a label. */
  boolean labelled();

  /** One label per image (a copy); empty when not {@link #labelled()}. */
  int[] labels();

  /** Class index to name when known (class folders), else empty. */
  List<String> classNames();

  /** What row {@code i} is: a file path relative to the folder, or {@code idx:i}. */
  String name(int index);

  /**
   * Writes images {@code from .. from + count - 1} to {@code out}, image after image.
   *
   * @throws IllegalArgumentException when an image file cannot be decoded, naming it
   */
  void read(int from, int count, float[] out);
}

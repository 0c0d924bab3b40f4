package org.monosweep.trainer.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Images stored one byte per pixel and channel, expanded to CHW floats in (-1, 1) on
 * {@link #read}. A grayscale set keeps a single channel and replicates it to three on read, so
 * the Fashion-MNIST training split costs 61 MB here instead of 737 MB as floats. Immutable and
 * therefore safe for concurrent reads; {@link #head} views share the arrays.
 *
 * <p>Each image may hold a smaller original inside its {@code side x side} frame (a 28 x 28
 * Fashion-MNIST digit padded to 32 x 32); {@link #originalPixels} returns just that region, the
 * pixels a source image is built from.
 */
final class CompactImages implements TrainingImages {

  /** Byte value v maps to v / 127.5 - 1: 0 to -1 (black), 255 to 1. */
  private static final float[] SCALE = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      SCALE[v] = (float) (v / 127.5 - 1.0);
    }
  }

  private final byte[] pixels;
  private final int count;
  private final int channels;
  private final int side;
  private final int[] labels;
  private final List<String> classNames;
  private final Region original;

  /**
   * @param pixels at least {@code count * channels * side * side} bytes, image after image, each
   *     image plane after plane (CHW); not copied, the caller hands it over
   * @param labels one label per image, or null when unlabelled; not copied
   * @param original where the original image lies inside the frame
   */
  CompactImages(byte[] pixels, int count, int channels, int side, int[] labels,
      List<String> classNames, Region original) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (count < 0 || (long) count * channels * side * side > pixels.length) {
      throw new IllegalArgumentException(pixels.length + " bytes cannot hold " + count + " images of "
          + channels + " x " + side + " x " + side);
    }
    if (labels != null && labels.length < count) {
      throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
    }
    if (original.x() < 0 || original.y() < 0 || original.x() + original.width() > side
        || original.y() + original.height() > side) {
      throw new IllegalArgumentException(original + " does not fit a frame of side " + side);
    }
    this.pixels = pixels;
    this.count = count;
    this.channels = channels;
    this.side = side;
    this.labels = labels;
    this.classNames = List.copyOf(classNames);
    this.original = original;
  }

  /** Unlabelled images that fill their whole frame. */
  static CompactImages unlabelled(byte[] pixels, int count, int channels, int side) {
    return new CompactImages(pixels, count, channels, side, null, List.of(),
        new Region(0, 0, side, side));
  }

  /**
   * These images with one label per image and the class names; shares the pixels.
   *
   * @param labels at least one label per image; not copied, the caller hands it over
   */
  CompactImages withLabels(int[] labels, List<String> classNames) {
    return new CompactImages(pixels, count, channels, side, labels, classNames, original);
  }

  /** The float a stored byte expands to. */
  static float toFloat(int unsignedByte) {
    return SCALE[unsignedByte];
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public int side() {
    return side;
  }

  @Override
  public int classes() {
    return labels == null ? 0 : classNames.size();
  }

  @Override
  public boolean labelled() {
    return labels != null;
  }

  /** 1 for grayscale storage, 3 for RGB. */
  int channels() {
    return channels;
  }

  /** Class index to name; empty when unlabelled. */
  @Override
  public List<String> classNames() {
    return classNames;
  }

  /** The label of image {@code index}; only when labelled. */
  int label(int index) {
    return labels[Objects.checkIndex(index, count)];
  }

  @Override
  public void read(int[] indices, float[] out, int[] labelsOut) {
    int plane = side * side;
    int stored = channels * plane;
    int stride = 3 * plane;
    if ((long) indices.length * stride > out.length) {
      throw new IllegalArgumentException("out holds " + out.length + " values, " + indices.length
          + " images need " + (long) indices.length * stride);
    }
    for (int k = 0; k < indices.length; k++) {
      int index = Objects.checkIndex(indices[k], count);
      int from = index * stored;
      int to = k * stride;
      if (channels == 1) {
        for (int p = 0; p < plane; p++) {
          float v = SCALE[pixels[from + p] & 0xFF];
          out[to + p] = v;
          out[to + plane + p] = v;
          out[to + 2 * plane + p] = v;
        }
      } else {
        for (int p = 0; p < stride; p++) {
          out[to + p] = SCALE[pixels[from + p] & 0xFF];
        }
      }
      if (labels != null && labelsOut != null) {
        labelsOut[k] = labels[index];
      }
    }
  }

  /** The first {@code limit} images, sharing storage (all when {@code limit} is 0 or too big). */
  CompactImages head(int limit) {
    if (limit <= 0 || limit >= count) {
      return this;
    }
    return new CompactImages(pixels, limit, channels, side, labels, classNames, original);
  }

  /** All images expanded to an in-memory float set; only for labelled images. */
  LabelledImages toLabelled() {
    if (labels == null) {
      throw new IllegalStateException("unlabelled images have no LabelledImages form");
    }
    int[] all = new int[count];
    Arrays.setAll(all, i -> i);
    float[] out = new float[count * 3 * side * side];
    read(all, out, null);
    return new LabelledImages(out, Arrays.copyOf(labels, count), side, classNames);
  }

  /** The original region of image {@code index} as planar values in [0, 1] (v / 255). */
  float[] originalPixels(int index) {
    int plane = side * side;
    int from = Objects.checkIndex(index, count) * channels * plane;
    float[] out = new float[channels * original.width() * original.height()];
    int o = 0;
    for (int c = 0; c < channels; c++) {
      for (int y = original.y(); y < original.y() + original.height(); y++) {
        int row = from + c * plane + y * side;
        for (int x = original.x(); x < original.x() + original.width(); x++) {
          out[o++] = (pixels[row + x] & 0xFF) / 255f;
        }
      }
    }
    return out;
  }

  /** Where the original image lies inside the frame. */
  Region original() {
    return original;
  }

  /** A rectangle inside the {@code side x side} frame. */
  record Region(int x, int y, int width, int height) {}
}

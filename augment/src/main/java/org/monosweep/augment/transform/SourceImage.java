package org.monosweep.augment.transform;

import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An immutable RGB source image with values in [0, 1] and its area-averaged pyramid, built once so
 * that sampling a patch costs the same whatever the source size. Instances are safe to share
 * between threads.
 *
 * <p>Grayscale sources are replicated to three channels. Transparent pixels are composited on
 * white, the background a line drawing with an alpha channel is meant to be seen on.
 */
public final class SourceImage {

  /** ITU-R 601-2 luma weights, as in PIL's {@code convert("L")} used by torchvision datasets. */
  static final float LUMA_R = 0.299f;
  static final float LUMA_G = 0.587f;
  static final float LUMA_B = 0.114f;

  private final int width;
  private final int height;
  private final ImagePyramid pyramid;

  private SourceImage(int width, int height, float[] rgbInterleaved) {
    this.width = width;
    this.height = height;
    this.pyramid = ImagePyramid.build(width, height, rgbInterleaved);
  }

  /**
   * Decodes an image file with ImageIO. JPEG (baseline and progressive) and PNG (8 and 16 bit,
   * grayscale, palette, with or without alpha) are supported; CMYK/YCCK JPEGs, truncated or
   * corrupt files and files that are not images fail with an exception whose message names the
   * file and the problem. EXIF orientation is ignored.
   *
   * @param file the image file
   * @param grayscale whether to convert a colour image to luminance replicated to three channels
   *     (for a probe dataset that is grayscale)
   * @return the decoded image
   * @throws IllegalArgumentException when the file is not a supported, intact image
   * @throws UncheckedIOException when the file cannot be read
   */
  public static SourceImage read(Path file, boolean grayscale) {
    Objects.requireNonNull(file, "file");
    BufferedImage image = ImageDecoder.decode(file);
    try {
      return fromImage(image, grayscale);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Converts an in-memory image, with the same colour handling as {@link #read(Path, boolean)}.
   *
   * @param image the image, at least 2 x 2 pixels
   * @param grayscale whether to convert colour to luminance replicated to three channels
   * @return the converted image
   */
  public static SourceImage fromImage(BufferedImage image, boolean grayscale) {
    Objects.requireNonNull(image, "image");
    requireSize(image.getWidth(), image.getHeight());
    float[] rgb = ImageDecoder.toRgb(image);
    if (grayscale) {
      toLuminance(rgb);
    }
    return new SourceImage(image.getWidth(), image.getHeight(), rgb);
  }

  /**
   * Wraps raw pixels, for example a 28 x 28 Fashion-MNIST image.
   *
   * @param width width in pixels, at least 2
   * @param height height in pixels, at least 2
   * @param planar values in [0, 1]: one plane for grayscale, or R, G and B planes one after the
   *     other (row-major each); copied
   * @param channels 1 or 3
   * @return the image
   */
  public static SourceImage fromPixels(int width, int height, float[] planar, int channels) {
    Objects.requireNonNull(planar, "planar");
    requireSize(width, height);
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    int plane = width * height;
    if (planar.length != plane * channels) {
      throw new IllegalArgumentException("expected " + plane * channels + " values for "
          + width + "x" + height + "x" + channels + ", got " + planar.length);
    }
    float[] rgb = new float[plane * 3];
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        float v = planar[(channels == 1 ? 0 : c * plane) + i];
        if (!(v >= 0f && v <= 1f)) {
          throw new IllegalArgumentException("pixel values must be in [0, 1], got " + v
              + " at index " + ((channels == 1 ? 0 : c * plane) + i));
        }
        rgb[i * 3 + c] = v;
      }
    }
    return new SourceImage(width, height, rgb);
  }

  /** @return width in pixels */
  public int width() {
    return width;
  }

  /** @return height in pixels */
  public int height() {
    return height;
  }

  /**
   * The source as planar RGB (three row-major planes), a copy.
   *
   * @return {@code 3 * width * height} values in [0, 1]
   */
  public float[] toPlanarRgb() {
    float[] rgb = pyramid.pixels(0);
    int plane = width * height;
    float[] out = new float[plane * 3];
    for (int i = 0; i < plane; i++) {
      out[i] = rgb[i * 3];
      out[plane + i] = rgb[i * 3 + 1];
      out[2 * plane + i] = rgb[i * 3 + 2];
    }
    return out;
  }

  ImagePyramid pyramid() {
    return pyramid;
  }

  @Override
  public String toString() {
    return "SourceImage[" + width + "x" + height + ", " + pyramid.levelCount() + " levels]";
  }

  private static void requireSize(int width, int height) {
    if (width < 2 || height < 2) {
      throw new IllegalArgumentException(
          "image must be at least 2x2 pixels, got " + width + "x" + height);
    }
    // Level 0 is one float array of 3 values per pixel.
    if ((long) width * height * 3 > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("image too large: " + width + "x" + height);
    }
  }

  private static void toLuminance(float[] rgb) {
    for (int i = 0; i < rgb.length; i += 3) {
      float y = LUMA_R * rgb[i] + LUMA_G * rgb[i + 1] + LUMA_B * rgb[i + 2];
      float clamped = Math.min(1f, y);
      rgb[i] = clamped;
      rgb[i + 1] = clamped;
      rgb[i + 2] = clamped;
    }
  }
}

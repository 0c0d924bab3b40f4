package org.monosweep.augment.transform;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files with ImageIO and converts any decoded colour model to interleaved sRGB
 * floats in [0, 1], compositing alpha on white.
 */
final class ImageDecoder {

  private ImageDecoder() {}

  /**
   * Decodes the first image of a file.
   *
   * @throws IllegalArgumentException naming the file when it is not an intact, supported image
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  static BufferedImage decode(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(
          new IOException(file + ": cannot read image, no such regular file"));
    }
    // A file-backed stream: ImageIO.read(InputStream) would spool the data into a temp cache file.
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new UncheckedIOException(new IOException(file + ": cannot open image stream"));
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IllegalArgumentException(
            file + ": not an image format ImageIO can decode (expected JPEG or PNG)");
      }
      ImageReader reader = readers.next();
      try {
        return read(file, reader, in);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot read image: " + e.getMessage(), e);
    }
  }

  private static BufferedImage read(Path file, ImageReader reader, ImageInputStream in)
      throws IOException {
    String format = reader.getFormatName().toUpperCase(Locale.ROOT);
    List<String> warnings = new ArrayList<>();
    // Truncated JPEGs decode "successfully" with a grey tail and only a warning: treat as corrupt.
    reader.addIIOReadWarningListener(collect(warnings));
    reader.setInput(in, true, true);
    BufferedImage image;
    try {
      image = reader.read(0);
    } catch (IIOException e) {
      if (e.getMessage() != null && e.getMessage().contains("Unsupported Image Type")) {
        throw new IllegalArgumentException(file + ": " + format
            + " with an unsupported colour type (CMYK or YCCK); convert it to RGB", e);
      }
      throw new IllegalArgumentException(
          file + ": corrupt or unsupported " + format + " data: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // ImageIO plugins report some malformed streams with unchecked exceptions.
      throw new IllegalArgumentException(
          file + ": corrupt " + format + " data: " + e, e);
    }
    if (!warnings.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": damaged " + format + " data: " + String.join("; ", warnings));
    }
    return image;
  }

  private static IIOReadWarningListener collect(List<String> warnings) {
    return (source, warning) -> warnings.add(warning);
  }

  /**
   * Converts a decoded image to interleaved RGB in [0, 1].
   *
   * <p>Component images in sRGB or gray are read from their raw samples at full precision (16-bit
   * PNGs keep 16 bits; gray samples are taken as already gamma-encoded, as PNG and JPEG store them,
   * rather than passing through Java2D's linear-gray conversion). Everything else (palette, packed
   * ints, ICC colour spaces) goes through {@link BufferedImage#getRGB}, which converts to 8-bit
   * sRGB.
   *
   * @throws IllegalArgumentException for CMYK images
   */
  static float[] toRgb(BufferedImage image) {
    ColorModel model = image.getColorModel();
    if (model.getColorSpace().getType() == ColorSpace.TYPE_CMYK) {
      // ImageIO decodes CMYK/YCCK JPEGs with a naive colour space that ignores the embedded ICC
      // profile and Adobe's inverted storage; refusing beats silently wrong colours.
      throw new IllegalArgumentException(
          "CMYK image: its colours cannot be converted exactly; convert the file to RGB");
    }
    if (model instanceof ComponentColorModel && isRawReadable(model, image.getRaster())) {
      return fromComponents(image, model);
    }
    return fromArgb(image);
  }

  private static boolean isRawReadable(ColorModel model, Raster raster) {
    int type = raster.getTransferType();
    if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT) {
      return false;
    }
    ColorSpace space = model.getColorSpace();
    int colours = model.getNumColorComponents();
    return (colours == 3 && space.isCS_sRGB())
        || (colours == 1 && space.getType() == ColorSpace.TYPE_GRAY);
  }

  private static float[] fromComponents(BufferedImage image, ColorModel model) {
    int width = image.getWidth();
    int height = image.getHeight();
    Raster raster = image.getRaster();
    int colours = model.getNumColorComponents();
    boolean alpha = model.hasAlpha();
    boolean premultiplied = model.isAlphaPremultiplied();
    int bands = colours + (alpha ? 1 : 0);
    // Divide (correctly rounded) rather than multiply by a reciprocal: 8-bit v becomes v / 255f.
    float[] max = new float[bands];
    for (int b = 0; b < bands; b++) {
      max[b] = (1 << model.getComponentSize(b)) - 1;
    }
    float[] rgb = new float[width * height * 3];
    int[][] rows = new int[bands][width];
    for (int y = 0; y < height; y++) {
      for (int b = 0; b < bands; b++) {
        raster.getSamples(0, y, width, 1, b, rows[b]);
      }
      for (int x = 0; x < width; x++) {
        int o = (y * width + x) * 3;
        float a = alpha ? rows[colours][x] / max[colours] : 1f;
        for (int c = 0; c < 3; c++) {
          int band = colours == 1 ? 0 : c;
          rgb[o + c] = composite(rows[band][x] / max[band], a, premultiplied);
        }
      }
    }
    return rgb;
  }

  private static float[] fromArgb(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    float[] rgb = new float[width * height * 3];
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      // getRGB always returns non-premultiplied ARGB in sRGB.
      image.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int argb = row[x];
        float a = (argb >>> 24) / 255f;
        int o = (y * width + x) * 3;
        rgb[o] = composite(((argb >> 16) & 0xff) / 255f, a, false);
        rgb[o + 1] = composite(((argb >> 8) & 0xff) / 255f, a, false);
        rgb[o + 2] = composite((argb & 0xff) / 255f, a, false);
      }
    }
    return rgb;
  }

  /** Composites a colour value over white. */
  private static float composite(float value, float alpha, boolean premultiplied) {
    float over = premultiplied ? value + (1f - alpha) : value * alpha + (1f - alpha);
    return Math.min(1f, Math.max(0f, over));
  }
}

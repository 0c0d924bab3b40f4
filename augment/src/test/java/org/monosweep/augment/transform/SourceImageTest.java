package org.monosweep.augment.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding of source files and raw pixels, including the formats that must convert or fail. */
class SourceImageTest {

  @TempDir Path dir;

  private static BufferedImage gradient(int type, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, type);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, 0xff000000 | (x * 9 % 256) << 16 | (y * 13 % 256) << 8 | (x + y) % 256);
      }
    }
    return image;
  }

  private Path write(BufferedImage image, String format, String name) throws IOException {
    Path file = dir.resolve(name);
    assertThat(ImageIO.write(image, format, file.toFile())).isTrue();
    return file;
  }

  private static float[] pixel(SourceImage image, int x, int y) {
    float[] planar = image.toPlanarRgb();
    int plane = image.width() * image.height();
    int i = y * image.width() + x;
    return new float[] {planar[i], planar[plane + i], planar[2 * plane + i]};
  }

  @Test
  void reads8BitRgbPngExactly() throws IOException {
    BufferedImage image = gradient(BufferedImage.TYPE_INT_RGB, 20, 10);

    SourceImage read = SourceImage.read(write(image, "png", "rgb.png"), false);

    assertThat(read.width()).isEqualTo(20);
    assertThat(read.height()).isEqualTo(10);
    int argb = image.getRGB(7, 3);
    assertThat(pixel(read, 7, 3)).containsExactly(((argb >> 16) & 255) / 255f,
        ((argb >> 8) & 255) / 255f, (argb & 255) / 255f);
  }

  @Test
  void replicatesGrayscalePngToRgb() throws IOException {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(3, 4, 0, 200);

    SourceImage read = SourceImage.read(write(image, "png", "gray.png"), false);

    // Raw samples, not Java2D's linear-gray conversion that would brighten 200 to about 228.
    assertThat(pixel(read, 3, 4)).containsOnly(200 / 255f);
  }

  @Test
  void reads16BitPngAtFullPrecision() throws IOException {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
    image.getRaster().setSample(2, 5, 0, 40_001);

    SourceImage read = SourceImage.read(write(image, "png", "gray16.png"), false);

    assertThat(pixel(read, 2, 5)).containsOnly(40_001 / 65_535f);
  }

  @Test
  void reads16BitRgbaPngCompositedOnWhite() throws IOException {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_USHORT, 4, 4, 4, null);
    raster.setPixel(1, 1, new int[] {65_535, 0, 0, 32_768});
    java.awt.image.ComponentColorModel model = new java.awt.image.ComponentColorModel(
        java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), true, false,
        java.awt.Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
    BufferedImage image = new BufferedImage(model, raster, false, null);

    SourceImage read = SourceImage.read(write(image, "png", "rgba16.png"), false);

    float alpha = 32_768 / 65_535f;
    assertThat(pixel(read, 1, 1)).containsExactly(new float[] {1f, 1 - alpha, 1 - alpha},
        within(1e-6f));
    // Fully transparent pixels become white.
    assertThat(pixel(read, 0, 0)).containsOnly(1f);
  }

  @Test
  void compositesHalfTransparentPixelsOnWhite() throws IOException {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(2, 2, 0x80_00_00_ff);

    SourceImage read = SourceImage.read(write(image, "png", "rgba.png"), false);

    float alpha = 0x80 / 255f;
    assertThat(pixel(read, 2, 2)).containsExactly(new float[] {1 - alpha, 1 - alpha, 1f},
        within(1e-6f));
  }

  @Test
  void readsPalettePng() throws IOException {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_INDEXED);
    image.setRGB(1, 2, 0xffff0000);

    SourceImage read = SourceImage.read(write(image, "png", "palette.png"), false);

    assertThat(pixel(read, 1, 2)).containsExactly(1f, 0f, 0f);
  }

  @Test
  void decodesProgressiveJpegLikeBaseline() throws IOException {
    BufferedImage image = gradient(BufferedImage.TYPE_INT_RGB, 48, 32);
    Path baseline = write(image, "jpeg", "baseline.jpg");
    Path progressive = dir.resolve("progressive.jpg");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(progressive.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }

    float[] a = SourceImage.read(baseline, false).toPlanarRgb();
    float[] b = SourceImage.read(progressive, false).toPlanarRgb();

    for (int i = 0; i < a.length; i++) {
      assertThat(b[i]).isCloseTo(a[i], within(2.5f / 255));
    }
  }

  @Test
  void grayscaleFlagConvertsColourToLuminance() throws IOException {
    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0xff_cc_66_33);

    SourceImage read = SourceImage.read(write(image, "png", "colour.png"), true);

    float luma = 0.299f * 0xcc / 255 + 0.587f * 0x66 / 255 + 0.114f * 0x33 / 255;
    assertThat(pixel(read, 0, 0)).containsExactly(new float[] {luma, luma, luma}, within(1e-6f));
  }

  @Test
  void cmykJpegFailsNamingTheFile() throws IOException {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
    Path file = dir.resolve("cmyk-print.jpg");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), null);
    } finally {
      writer.dispose();
    }

    assertThatThrownBy(() -> SourceImage.read(file, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cmyk-print.jpg")
        .hasMessageContaining("CMYK");
  }

  @Test
  void truncatedPngFailsNamingTheFile() throws IOException {
    Path whole = write(gradient(BufferedImage.TYPE_INT_RGB, 64, 64), "png", "whole.png");
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> SourceImage.read(cut, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cut.png");
  }

  @Test
  void truncatedJpegFailsNamingTheFile() throws IOException {
    Path whole = write(gradient(BufferedImage.TYPE_INT_RGB, 64, 64), "jpeg", "whole.jpg");
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut.jpg"), Arrays.copyOf(bytes, bytes.length - 40));

    assertThatThrownBy(() -> SourceImage.read(cut, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cut.jpg");
  }

  @Test
  void fileThatIsNotAnImageFailsNamingTheFile() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.png"), "not an image");

    assertThatThrownBy(() -> SourceImage.read(text, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notes.png");
  }

  @Test
  void missingFileFailsNamingTheFile() {
    Path missing = dir.resolve("missing.jpg");

    assertThatThrownBy(() -> SourceImage.read(missing, false))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("missing.jpg");
  }

  @Test
  void fromPixelsReplicatesAGrayPlane() {
    float[] gray = new float[28 * 28];
    gray[5] = 0.25f;

    SourceImage image = SourceImage.fromPixels(28, 28, gray, 1);

    assertThat(pixel(image, 5, 0)).containsOnly(0.25f);
  }

  @Test
  void fromPixelsRejectsValuesOutsideTheUnitRange() {
    float[] rgb = new float[3 * 16];
    rgb[20] = 1.5f;

    assertThatThrownBy(() -> SourceImage.fromPixels(4, 4, rgb, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
  }

  @Test
  void rejectsImagesSmallerThanTwoByTwo() {
    assertThatThrownBy(() -> SourceImage.fromPixels(1, 5, new float[5], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1x5");
  }

  @Test
  void pyramidLevelsAverageTwoByTwoBlocks() {
    SourceImage image = TestImages.photoLike(9, 6, 4);
    ImagePyramid pyramid = image.pyramid();
    float[] level0 = pyramid.pixels(0);
    float[] level1 = pyramid.pixels(1);

    assertThat(pyramid.width(1)).isEqualTo(5);
    assertThat(pyramid.height(1)).isEqualTo(3);
    // Pixel (1, 1) of level 1 averages level-0 pixels (2..3, 2..3).
    for (int c = 0; c < 3; c++) {
      float mean = (level0[(2 * 9 + 2) * 3 + c] + level0[(2 * 9 + 3) * 3 + c]
          + level0[(3 * 9 + 2) * 3 + c] + level0[(3 * 9 + 3) * 3 + c]) / 4;
      assertThat(level1[(1 * 5 + 1) * 3 + c]).isCloseTo(mean, within(1e-6f));
    }
    // The odd last column averages with itself.
    float edge = (level0[(0 * 9 + 8) * 3] + level0[(1 * 9 + 8) * 3]) / 2;
    assertThat(level1[(0 * 5 + 4) * 3]).isCloseTo(edge, within(1e-6f));
  }
}

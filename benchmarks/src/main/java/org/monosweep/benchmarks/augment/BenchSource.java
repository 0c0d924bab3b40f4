package org.monosweep.benchmarks.augment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.monosweep.augment.transform.SourceImage;

/**
 * One benchmark source in both forms: decoded for the fused sampler and as a {@code
 * BufferedImage} for the naive baseline.
 */
record BenchSource(String name, BufferedImage image, SourceImage source) {

  static BenchSource of(String name, BufferedImage image) {
    return new BenchSource(name + " " + image.getWidth() + "x" + image.getHeight(), image,
        SourceImage.fromImage(image, false));
  }

  /** The large photo from a file, or a synthetic 2560 x 1600 stand-in when it is absent. */
  static BufferedImage largePhoto(Path file) {
    if (file != null && Files.isRegularFile(file)) {
      try {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image != null) {
          return image;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": cannot read the benchmark photo", e);
      }
    }
    return texture(2560, 1600, 1);
  }

  /** A 512 x 512 photo: the centre square of the large photo scaled down. */
  static BufferedImage smallPhoto(BufferedImage large) {
    int side = Math.min(large.getWidth(), large.getHeight());
    BufferedImage square = large.getSubimage((large.getWidth() - side) / 2,
        (large.getHeight() - side) / 2, side, side);
    BufferedImage small = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(square.getScaledInstance(512, 512, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0,
        null);
    g.dispose();
    return small;
  }

  /** A 600 x 225 line drawing on white, standing in for the paper's "Image B". */
  static BufferedImage drawing() {
    BufferedImage image = new BufferedImage(600, 225, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 600, 225);
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 40; n++) {
      Path2D.Double stroke = new Path2D.Double();
      stroke.moveTo(random.nextDouble(600), random.nextDouble(225));
      stroke.curveTo(random.nextDouble(600), random.nextDouble(225), random.nextDouble(600),
          random.nextDouble(225), random.nextDouble(600), random.nextDouble(225));
      g.setColor(n % 5 == 0 ? new Color(random.nextInt(0xffffff)) : Color.BLACK);
      g.setStroke(new BasicStroke(1 + random.nextInt(4)));
      g.draw(stroke);
    }
    for (int n = 0; n < 8; n++) {
      g.setColor(new Color(random.nextInt(0xffffff)));
      g.fill(new Ellipse2D.Double(random.nextDouble(560), random.nextDouble(190), 30, 30));
    }
    g.dispose();
    return image;
  }

  /** Smooth colour waves plus pixel noise, so that neither caches nor flat areas flatter. */
  static BufferedImage texture(int width, int height, long seed) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    SplittableRandom random = new SplittableRandom(seed);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = (int) (127 + 100 * Math.sin(x / 37.0) * Math.cos(y / 53.0));
        int gr = (int) (127 + 100 * Math.sin((x + y) / 71.0));
        int b = random.nextInt(256);
        image.setRGB(x, y, r << 16 | gr << 8 | b);
      }
    }
    return image;
  }
}

package org.monosweep.benchmarks.augment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import org.monosweep.augment.transform.PatchParameters;

/**
 * The baseline the issue compares against: the protocol as separate whole-image steps with
 * {@code java.awt}, the way a straightforward port of the torchvision pipeline would do it. It
 * rotates the full-resolution source onto a new canvas, crops, resizes with bilinear
 * interpolation, flips, then runs brightness, contrast, saturation and hue as separate passes. It
 * renders the same {@link PatchParameters} as the fused sampler so both do the same work.
 */
final class NaiveAugmenter {

  private final BufferedImage source;

  NaiveAugmenter(BufferedImage source) {
    this.source = toIntRgb(source);
  }

  /** Renders one patch as CHW floats in [-1, 1]. */
  float[] augment(PatchParameters p, int size) {
    double radians = Math.toRadians(p.angleDegrees());
    BufferedImage rotated = rotate(radians);
    double ux = p.centreX() - source.getWidth() / 2.0;
    double uy = p.centreY() - source.getHeight() / 2.0;
    double cropCx = rotated.getWidth() / 2.0 + Math.cos(radians) * ux + Math.sin(radians) * uy;
    double cropCy = rotated.getHeight() / 2.0 - Math.sin(radians) * ux + Math.cos(radians) * uy;
    BufferedImage crop = crop(rotated, cropCx, cropCy, p.cropWidth(), p.cropHeight());
    BufferedImage resized = resize(crop, size);
    float[][] rgb = toPlanes(resized, p.flipped());
    brightness(rgb, (float) p.brightness());
    contrast(rgb, (float) p.contrast());
    saturation(rgb, (float) p.saturation());
    hue(rgb, (float) p.hueShift());
    float[] out = new float[3 * size * size];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < size * size; i++) {
        out[c * size * size + i] = 2 * rgb[c][i] - 1;
      }
    }
    return out;
  }

  private BufferedImage rotate(double radians) {
    int w = source.getWidth();
    int h = source.getHeight();
    double c = Math.abs(Math.cos(radians));
    double s = Math.abs(Math.sin(radians));
    int cw = (int) Math.ceil(w * c + h * s);
    int ch = (int) Math.ceil(w * s + h * c);
    BufferedImage canvas = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform t = new AffineTransform();
    t.translate(cw / 2.0, ch / 2.0);
    // Java2D's positive angle turns clockwise on screen; the protocol's turns counter-clockwise.
    t.rotate(-radians);
    t.translate(-w / 2.0, -h / 2.0);
    g.drawImage(source, t, null);
    g.dispose();
    return canvas;
  }

  private static BufferedImage crop(BufferedImage image, double cx, double cy, double w,
      double h) {
    int x = clamp((int) Math.round(cx - w / 2), 0, image.getWidth() - 1);
    int y = clamp((int) Math.round(cy - h / 2), 0, image.getHeight() - 1);
    int cw = clamp((int) Math.round(w), 1, image.getWidth() - x);
    int ch = clamp((int) Math.round(h), 1, image.getHeight() - y);
    return image.getSubimage(x, y, cw, ch);
  }

  private static BufferedImage resize(BufferedImage image, int size) {
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, size, size, null);
    g.dispose();
    return out;
  }

  private static float[][] toPlanes(BufferedImage image, boolean flipped) {
    int size = image.getWidth();
    float[][] rgb = new float[3][size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int argb = image.getRGB(flipped ? size - 1 - x : x, y);
        int i = y * size + x;
        rgb[0][i] = ((argb >> 16) & 255) / 255f;
        rgb[1][i] = ((argb >> 8) & 255) / 255f;
        rgb[2][i] = (argb & 255) / 255f;
      }
    }
    return rgb;
  }

  private static void brightness(float[][] rgb, float factor) {
    for (float[] plane : rgb) {
      for (int i = 0; i < plane.length; i++) {
        plane[i] = clamp01(plane[i] * factor);
      }
    }
  }

  private static void contrast(float[][] rgb, float factor) {
    double mean = 0;
    for (int i = 0; i < rgb[0].length; i++) {
      mean += 0.2989f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];
    }
    float m = (float) (mean / rgb[0].length);
    for (float[] plane : rgb) {
      for (int i = 0; i < plane.length; i++) {
        plane[i] = clamp01(factor * plane[i] + (1 - factor) * m);
      }
    }
  }

  private static void saturation(float[][] rgb, float factor) {
    for (int i = 0; i < rgb[0].length; i++) {
      float gray = 0.2989f * rgb[0][i] + 0.587f * rgb[1][i] + 0.114f * rgb[2][i];
      for (float[] plane : rgb) {
        plane[i] = clamp01(factor * plane[i] + (1 - factor) * gray);
      }
    }
  }

  private static void hue(float[][] rgb, float shift) {
    float[] hsb = new float[3];
    for (int i = 0; i < rgb[0].length; i++) {
      java.awt.Color.RGBtoHSB(Math.round(rgb[0][i] * 255), Math.round(rgb[1][i] * 255),
          Math.round(rgb[2][i] * 255), hsb);
      int shifted = java.awt.Color.HSBtoRGB(hsb[0] + shift, hsb[1], hsb[2]);
      rgb[0][i] = ((shifted >> 16) & 255) / 255f;
      rgb[1][i] = ((shifted >> 8) & 255) / 255f;
      rgb[2][i] = (shifted & 255) / 255f;
    }
  }

  private static BufferedImage toIntRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage copy =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return copy;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static float clamp01(float v) {
    return v < 0 ? 0 : (v > 1 ? 1 : v);
  }
}

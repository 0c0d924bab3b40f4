package org.monosweep.augment.transform;

/**
 * The slow, obvious implementation of the protocol that the fused sampler is checked against: it
 * rotates the whole full-resolution source onto an expanded canvas, crops, resizes with exact
 * area averaging (or bilinear interpolation along an axis that is enlarged), flips, and applies
 * each colour operation as its own pass, all in double precision. It shares no code with the
 * production path except the parameter record.
 */
final class ReferenceAugmenter {

  private ReferenceAugmenter() {}

  /** A planar RGB image in doubles. */
  record Planes(int width, int height, double[][] rgb) {
    double get(int c, int x, int y) {
      return rgb[c][y * width + x];
    }

    /** Bilinear at continuous coordinates with pixel centres at +0.5, clamped to the edge. */
    double bilinear(int c, double x, double y) {
      double px = Math.max(0, Math.min(width - 1, x - 0.5));
      double py = Math.max(0, Math.min(height - 1, y - 0.5));
      int x0 = (int) Math.floor(px);
      int y0 = (int) Math.floor(py);
      int x1 = Math.min(x0 + 1, width - 1);
      int y1 = Math.min(y0 + 1, height - 1);
      double fx = px - x0;
      double fy = py - y0;
      return (1 - fx) * (1 - fy) * get(c, x0, y0) + fx * (1 - fy) * get(c, x1, y0)
          + (1 - fx) * fy * get(c, x0, y1) + fx * fy * get(c, x1, y1);
    }
  }

  /** The whole protocol on one parameter set; returns CHW values in [-1, 1]. */
  static float[] augment(SourceImage source, PatchParameters p, int size) {
    Planes src = planes(source);
    double[] canvasCentre = new double[2];
    Planes rotated = rotate(src, p.angleDegrees(), canvasCentre);
    double radians = Math.toRadians(p.angleDegrees());
    double c = Math.cos(radians);
    double s = Math.sin(radians);
    double ux = p.centreX() - src.width() / 2.0;
    double uy = p.centreY() - src.height() / 2.0;
    // The forward rotation M = [[c, s], [-s, c]] takes source offsets to canvas offsets.
    double cropCx = canvasCentre[0] + c * ux + s * uy;
    double cropCy = canvasCentre[1] - s * ux + c * uy;
    Planes patch = cropAndResize(rotated, cropCx - p.cropWidth() / 2, cropCy - p.cropHeight() / 2,
        p.cropWidth(), p.cropHeight(), size);
    if (p.flipped()) {
      patch = flip(patch);
    }
    brightness(patch, p.brightness());
    contrast(patch, p.contrast());
    saturation(patch, p.saturation());
    hue(patch, p.hueShift());
    return toChw(patch);
  }

  static Planes planes(SourceImage source) {
    float[] planar = source.toPlanarRgb();
    int n = source.width() * source.height();
    double[][] rgb = new double[3][n];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < n; i++) {
        rgb[c][i] = planar[c * n + i];
      }
    }
    return new Planes(source.width(), source.height(), rgb);
  }

  /** Rotates counter-clockwise onto a canvas holding the whole rotated source. */
  static Planes rotate(Planes src, double degrees, double[] canvasCentreOut) {
    double radians = Math.toRadians(degrees);
    double c = Math.cos(radians);
    double s = Math.sin(radians);
    int cw = (int) Math.ceil(src.width() * Math.abs(c) + src.height() * Math.abs(s));
    int ch = (int) Math.ceil(src.width() * Math.abs(s) + src.height() * Math.abs(c));
    canvasCentreOut[0] = cw / 2.0;
    canvasCentreOut[1] = ch / 2.0;
    double[][] rgb = new double[3][cw * ch];
    for (int y = 0; y < ch; y++) {
      for (int x = 0; x < cw; x++) {
        double dx = x + 0.5 - cw / 2.0;
        double dy = y + 0.5 - ch / 2.0;
        double sx = src.width() / 2.0 + c * dx - s * dy;
        double sy = src.height() / 2.0 + s * dx + c * dy;
        for (int k = 0; k < 3; k++) {
          rgb[k][y * cw + x] = src.bilinear(k, sx, sy);
        }
      }
    }
    return new Planes(cw, ch, rgb);
  }

  /** Crops [left, left + w] x [top, top + h] and resizes it to size x size. */
  static Planes cropAndResize(Planes img, double left, double top, double w, double h, int size) {
    Taps[] tx = axisTaps(left, w, size, img.width());
    Taps[] ty = axisTaps(top, h, size, img.height());
    double[][] rgb = new double[3][size * size];
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < size; i++) {
        for (int k = 0; k < 3; k++) {
          double sum = 0;
          for (int b = 0; b < ty[j].index().length; b++) {
            for (int a = 0; a < tx[i].index().length; a++) {
              sum += tx[i].weight()[a] * ty[j].weight()[b]
                  * img.get(k, tx[i].index()[a], ty[j].index()[b]);
            }
          }
          rgb[k][j * size + i] = sum;
        }
      }
    }
    return new Planes(size, size, rgb);
  }

  /** The input pixels one output pixel reads along one axis, with their weights. */
  record Taps(int[] index, double[] weight) {}

  /**
   * Along one axis: the exact overlap of each output pixel's box with the input pixels when
   * shrinking, linear interpolation at the output pixel's centre when enlarging.
   */
  private static Taps[] axisTaps(double start, double length, int size, int extent) {
    double step = length / size;
    Taps[] taps = new Taps[size];
    for (int i = 0; i < size; i++) {
      if (step >= 1) {
        double a = start + i * step;
        double b = a + step;
        int first = (int) Math.floor(a);
        int count = (int) Math.ceil(b) - first;
        int[] index = new int[count];
        double[] weight = new double[count];
        for (int n = 0; n < count; n++) {
          int x = first + n;
          index[n] = clamp(x, extent);
          weight[n] = (Math.min(b, x + 1) - Math.max(a, x)) / step;
        }
        taps[i] = new Taps(index, weight);
      } else {
        double p = Math.max(0, Math.min(extent - 1, start + (i + 0.5) * step - 0.5));
        int x0 = (int) Math.floor(p);
        int x1 = Math.min(x0 + 1, extent - 1);
        taps[i] = new Taps(new int[] {x0, x1}, new double[] {1 - (p - x0), p - x0});
      }
    }
    return taps;
  }

  private static int clamp(int x, int extent) {
    return Math.max(0, Math.min(extent - 1, x));
  }

  static Planes flip(Planes img) {
    double[][] rgb = new double[3][img.width() * img.height()];
    for (int k = 0; k < 3; k++) {
      for (int y = 0; y < img.height(); y++) {
        for (int x = 0; x < img.width(); x++) {
          rgb[k][y * img.width() + x] = img.get(k, img.width() - 1 - x, y);
        }
      }
    }
    return new Planes(img.width(), img.height(), rgb);
  }

  static void brightness(Planes img, double factor) {
    for (double[] plane : img.rgb()) {
      for (int i = 0; i < plane.length; i++) {
        plane[i] = clamp01(plane[i] * factor);
      }
    }
  }

  static void contrast(Planes img, double factor) {
    double[] gray = gray(img);
    double mean = 0;
    for (double g : gray) {
      mean += g;
    }
    mean /= gray.length;
    for (double[] plane : img.rgb()) {
      for (int i = 0; i < plane.length; i++) {
        plane[i] = clamp01(factor * plane[i] + (1 - factor) * mean);
      }
    }
  }

  static void saturation(Planes img, double factor) {
    double[] gray = gray(img);
    for (double[] plane : img.rgb()) {
      for (int i = 0; i < plane.length; i++) {
        plane[i] = clamp01(factor * plane[i] + (1 - factor) * gray[i]);
      }
    }
  }

  /** Textbook HSV round trip (chroma, sector, X), independent of the production formulas. */
  static void hue(Planes img, double shift) {
    double[][] rgb = img.rgb();
    for (int i = 0; i < rgb[0].length; i++) {
      double r = rgb[0][i];
      double g = rgb[1][i];
      double b = rgb[2][i];
      double max = Math.max(r, Math.max(g, b));
      double chroma = max - Math.min(r, Math.min(g, b));
      if (chroma == 0) {
        continue;
      }
      double h6;
      if (max == r) {
        h6 = ((g - b) / chroma) % 6;
      } else if (max == g) {
        h6 = (b - r) / chroma + 2;
      } else {
        h6 = (r - g) / chroma + 4;
      }
      double h = h6 / 6 + shift;
      h = h - Math.floor(h);
      double hp = h * 6;
      double x = chroma * (1 - Math.abs(hp % 2 - 1));
      double m = max - chroma;
      double[] rgbPrime;
      if (hp < 1) {
        rgbPrime = new double[] {chroma, x, 0};
      } else if (hp < 2) {
        rgbPrime = new double[] {x, chroma, 0};
      } else if (hp < 3) {
        rgbPrime = new double[] {0, chroma, x};
      } else if (hp < 4) {
        rgbPrime = new double[] {0, x, chroma};
      } else if (hp < 5) {
        rgbPrime = new double[] {x, 0, chroma};
      } else {
        rgbPrime = new double[] {chroma, 0, x};
      }
      for (int k = 0; k < 3; k++) {
        rgb[k][i] = clamp01(rgbPrime[k] + m);
      }
    }
  }

  static double[] gray(Planes img) {
    double[][] rgb = img.rgb();
    double[] gray = new double[rgb[0].length];
    for (int i = 0; i < gray.length; i++) {
      gray[i] = 0.2989 * rgb[0][i] + 0.587 * rgb[1][i] + 0.114 * rgb[2][i];
    }
    return gray;
  }

  static float[] toChw(Planes img) {
    int n = img.width() * img.height();
    float[] out = new float[3 * n];
    for (int k = 0; k < 3; k++) {
      for (int i = 0; i < n; i++) {
        out[k * n + i] = (float) (2 * img.rgb()[k][i] - 1);
      }
    }
    return out;
  }

  private static double clamp01(double v) {
    return Math.max(0, Math.min(1, v));
  }
}

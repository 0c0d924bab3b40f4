package org.monosweep.trainer.data;

/**
 * Bilinear resampling as PIL does it: a triangle filter that widens with the shrink factor, so
 * that shrinking a photo to 32 x 32 averages the pixels it covers instead of aliasing, and that
 * reduces to plain bilinear interpolation when enlarging. Pixel centres are at half-integers;
 * taps that fall outside the image are dropped and the rest renormalised.
 */
final class Bilinear {
  private Bilinear() {}

  /**
   * Resamples a whole planar image to {@code side x side}.
   *
   * @param src {@code channels} row-major planes of {@code width x height}
   * @return {@code channels} planes of {@code side x side}
   */
  static float[] resize(float[] src, int channels, int width, int height, int side) {
    float[] dst = new float[channels * side * side];
    resize(src, 0, channels, width, height, 0, 0, width, height, dst, 0, side);
    return dst;
  }

  /**
   * Resamples the rectangle ({@code x0}, {@code y0}, {@code cropWidth}, {@code cropHeight}) of a
   * planar image to {@code outSide x outSide}.
   *
   * @param src {@code channels} row-major planes of {@code width x height}
   * @param dst receives {@code channels} planes of {@code outSide x outSide} at {@code dstOffset}
   */
  static void resize(float[] src, int srcOffset, int channels, int width, int height, double x0,
      double y0, double cropWidth, double cropHeight, float[] dst, int dstOffset, int outSide) {
    Taps xs = taps(x0, cropWidth, width, outSide);
    Taps ys = taps(y0, cropHeight, height, outSide);
    float[] rows = new float[height * outSide];
    for (int c = 0; c < channels; c++) {
      int plane = srcOffset + c * width * height;
      // Horizontal pass over every source row, then a vertical pass over the result.
      for (int y = 0; y < height; y++) {
        int row = plane + y * width;
        for (int i = 0; i < outSide; i++) {
          double sum = 0;
          for (int t = 0; t < xs.count[i]; t++) {
            sum += xs.weight[i][t] * src[row + xs.first[i] + t];
          }
          rows[y * outSide + i] = (float) sum;
        }
      }
      int out = dstOffset + c * outSide * outSide;
      for (int j = 0; j < outSide; j++) {
        for (int i = 0; i < outSide; i++) {
          double sum = 0;
          for (int t = 0; t < ys.count[j]; t++) {
            sum += ys.weight[j][t] * rows[(ys.first[j] + t) * outSide + i];
          }
          dst[out + j * outSide + i] = (float) sum;
        }
      }
    }
  }

  private static Taps taps(double start, double length, int size, int out) {
    double scale = length / out;
    double filterScale = Math.max(scale, 1.0);
    Taps taps = new Taps(out);
    for (int i = 0; i < out; i++) {
      double centre = start + (i + 0.5) * scale;
      int lo = Math.max(0, (int) Math.floor(centre - filterScale));
      int hi = Math.min(size, (int) Math.ceil(centre + filterScale));
      double[] w = new double[Math.max(0, hi - lo)];
      double total = 0;
      for (int j = lo; j < hi; j++) {
        double v = Math.max(0, 1 - Math.abs((j + 0.5 - centre) / filterScale));
        w[j - lo] = v;
        total += v;
      }
      if (total == 0) {
        // A centre on the very edge: take the nearest pixel.
        int nearest = Math.min(size - 1, Math.max(0, (int) Math.floor(centre)));
        taps.first[i] = nearest;
        taps.count[i] = 1;
        taps.weight[i] = new double[] {1};
        continue;
      }
      for (int t = 0; t < w.length; t++) {
        w[t] /= total;
      }
      taps.first[i] = lo;
      taps.count[i] = w.length;
      taps.weight[i] = w;
    }
    return taps;
  }

  private static final class Taps {
    final int[] first;
    final int[] count;
    final double[][] weight;

    Taps(int out) {
      first = new int[out];
      count = new int[out];
      weight = new double[out][];
    }
  }
}

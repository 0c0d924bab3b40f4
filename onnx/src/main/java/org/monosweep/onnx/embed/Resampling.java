package org.monosweep.onnx.embed;

/**
 * Bilinear resampling as PIL does it, the same arithmetic as the data package's reader of image
 * folders (a triangle filter that widens with the shrink factor; taps outside the image dropped
 * and the rest renormalised), so that an image embedded here becomes the same pixels it became
 * when a probe or training read it.
 */
final class Resampling {
  private Resampling() {}

  /**
   * Resizes a whole planar image to {@code side x side}.
   *
   * @param src {@code channels} row-major planes of {@code width x height}
   * @return {@code channels} planes of {@code side x side}
   */
  static float[] resize(float[] src, int channels, int width, int height, int side) {
    float[] dst = new float[channels * side * side];
    Taps xs = Taps.of(width, side);
    Taps ys = Taps.of(height, side);
    float[] rows = new float[height * side];
    for (int c = 0; c < channels; c++) {
      int plane = c * width * height;
      // Horizontal pass over every source row, then a vertical pass over the result.
      for (int y = 0; y < height; y++) {
        int row = plane + y * width;
        for (int i = 0; i < side; i++) {
          double sum = 0;
          for (int t = 0; t < xs.count[i]; t++) {
            sum += xs.weight[i][t] * src[row + xs.first[i] + t];
          }
          rows[y * side + i] = (float) sum;
        }
      }
      int out = c * side * side;
      for (int j = 0; j < side; j++) {
        for (int i = 0; i < side; i++) {
          double sum = 0;
          for (int t = 0; t < ys.count[j]; t++) {
            sum += ys.weight[j][t] * rows[(ys.first[j] + t) * side + i];
          }
          dst[out + j * side + i] = (float) sum;
        }
      }
    }
    return dst;
  }

  private static final class Taps {
    final int[] first;
    final int[] count;
    final double[][] weight;

    private Taps(int out) {
      first = new int[out];
      count = new int[out];
      weight = new double[out][];
    }

    static Taps of(int size, int out) {
      double scale = (double) size / out;
      double filterScale = Math.max(scale, 1.0);
      Taps taps = new Taps(out);
      for (int i = 0; i < out; i++) {
        double centre = (i + 0.5) * scale;
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
          taps.first[i] = Math.min(size - 1, Math.max(0, (int) Math.floor(centre)));
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
  }
}

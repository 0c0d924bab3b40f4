package org.monosweep.augment.transform;

import java.util.SplittableRandom;

/** Synthetic sources made in code, so tests need no fixture files. */
final class TestImages {

  private TestImages() {}

  /**
   * A photo-like image: smooth colour gradients, mid-frequency waves and a few hard-edged discs, so
   * that resampling errors show up but no single pixel dominates.
   */
  static SourceImage photoLike(int width, int height, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int plane = width * height;
    float[] planar = new float[3 * plane];
    double[][] discs = new double[6][];
    for (int d = 0; d < discs.length; d++) {
      discs[d] = new double[] {random.nextDouble() * width, random.nextDouble() * height,
          4 + random.nextDouble() * width / 6, random.nextDouble(), random.nextDouble()};
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double r = 0.5 + 0.3 * Math.sin(x / 9.0) * Math.cos(y / 13.0);
        double g = 0.2 + 0.6 * x / width;
        double b = 0.3 + 0.4 * y / height + 0.1 * Math.sin((x + y) / 5.0);
        for (double[] disc : discs) {
          double dx = x + 0.5 - disc[0];
          double dy = y + 0.5 - disc[1];
          if (dx * dx + dy * dy < disc[2] * disc[2]) {
            r = disc[3];
            g = disc[4];
          }
        }
        int i = y * width + x;
        planar[i] = (float) clamp(r);
        planar[plane + i] = (float) clamp(g);
        planar[2 * plane + i] = (float) clamp(b);
      }
    }
    return SourceImage.fromPixels(width, height, planar, 3);
  }

  /** One colour everywhere. */
  static SourceImage uniform(int width, int height, float r, float g, float b) {
    int plane = width * height;
    float[] planar = new float[3 * plane];
    java.util.Arrays.fill(planar, 0, plane, r);
    java.util.Arrays.fill(planar, plane, 2 * plane, g);
    java.util.Arrays.fill(planar, 2 * plane, 3 * plane, b);
    return SourceImage.fromPixels(width, height, planar, 3);
  }

  /**
   * Interior with red in [0.4, 1], green in [0, 0.4] and varied blue, framed by a one-pixel ring
   * of pure green (0, 1, 0), a colour the interior never comes close to.
   */
  static SourceImage greenRing(int width, int height) {
    int plane = width * height;
    float[] planar = new float[3 * plane];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        boolean ring = x == 0 || y == 0 || x == width - 1 || y == height - 1;
        planar[i] = ring ? 0 : (float) (0.7 + 0.3 * Math.sin(x / 7.0));
        planar[plane + i] = ring ? 1 : (float) (0.2 + 0.2 * Math.cos(y / 5.0));
        planar[2 * plane + i] = ring ? 0 : (float) ((x ^ y) & 255) / 255f;
      }
    }
    return SourceImage.fromPixels(width, height, planar, 3);
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }
}

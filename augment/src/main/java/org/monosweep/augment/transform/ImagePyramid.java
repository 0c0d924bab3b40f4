package org.monosweep.augment.transform;

/**
 * An area-averaged image pyramid: level 0 is the source, each further level halves both sides by
 * averaging 2 x 2 blocks (an odd last row or column is averaged with itself). Pixels are stored
 * interleaved RGB, because a bilinear tap reads all three channels of four neighbours and
 * interleaving keeps them in two cache lines instead of six.
 *
 * <p>Level k pixel (x, y) covers source area [x 2^k, (x+1) 2^k) x [y 2^k, (y+1) 2^k), so a source
 * coordinate u maps to level-k pixel-centre coordinate u / 2^k - 0.5 at every level.
 */
final class ImagePyramid {

  private final int[] widths;
  private final int[] heights;
  private final float[][] levels;

  private ImagePyramid(int[] widths, int[] heights, float[][] levels) {
    this.widths = widths;
    this.heights = heights;
    this.levels = levels;
  }

  /**
   * Builds all levels whose sides are at least 2 pixels (bilinear sampling needs two).
   *
   * @param width source width, at least 2
   * @param height source height, at least 2
   * @param rgb interleaved RGB in [0, 1], taken over without copying
   */
  static ImagePyramid build(int width, int height, float[] rgb) {
    int count = 1;
    for (int w = width, h = height; (w + 1) / 2 >= 2 && (h + 1) / 2 >= 2; count++) {
      w = (w + 1) / 2;
      h = (h + 1) / 2;
    }
    int[] widths = new int[count];
    int[] heights = new int[count];
    float[][] levels = new float[count][];
    widths[0] = width;
    heights[0] = height;
    levels[0] = rgb;
    for (int k = 1; k < count; k++) {
      widths[k] = (widths[k - 1] + 1) / 2;
      heights[k] = (heights[k - 1] + 1) / 2;
      levels[k] = halve(levels[k - 1], widths[k - 1], heights[k - 1], widths[k], heights[k]);
    }
    return new ImagePyramid(widths, heights, levels);
  }

  private static float[] halve(float[] src, int sw, int sh, int dw, int dh) {
    float[] dst = new float[dw * dh * 3];
    for (int y = 0; y < dh; y++) {
      int row0 = 2 * y * sw;
      int row1 = Math.min(2 * y + 1, sh - 1) * sw;
      for (int x = 0; x < dw; x++) {
        int x0 = 2 * x;
        int x1 = Math.min(2 * x + 1, sw - 1);
        int a = (row0 + x0) * 3;
        int b = (row0 + x1) * 3;
        int c = (row1 + x0) * 3;
        int d = (row1 + x1) * 3;
        int o = (y * dw + x) * 3;
        for (int ch = 0; ch < 3; ch++) {
          dst[o + ch] = 0.25f * (src[a + ch] + src[b + ch] + src[c + ch] + src[d + ch]);
        }
      }
    }
    return dst;
  }

  int levelCount() {
    return levels.length;
  }

  int width(int level) {
    return widths[level];
  }

  int height(int level) {
    return heights[level];
  }

  /** Interleaved RGB of one level; callers must not modify it. */
  float[] pixels(int level) {
    return levels[level];
  }

  /**
   * The level to sample when one output pixel spans {@code footprint} source pixels: the nearest
   * power of two, so the sampling step on that level is in [0.71, 1.41) pixels and bilinear
   * taps neither skip pixels (aliasing) nor blur much more than needed.
   */
  int levelFor(double footprint) {
    int level = 0;
    double step = footprint;
    // Plain comparisons rather than log2: the choice must be bit-identical on every JVM.
    while (step >= Math.sqrt(2) && level + 1 < levels.length) {
      step *= 0.5;
      level++;
    }
    return level;
  }
}

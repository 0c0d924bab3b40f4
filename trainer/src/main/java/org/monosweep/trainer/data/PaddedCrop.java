package org.monosweep.trainer.data;

import java.util.Random;

/** Shifts each image by (dx, dy) uniform in [-padding, padding], filling what comes in. */
final class PaddedCrop implements NativeAugmentation {
  private final int padding;
  private final float fill;

  PaddedCrop(int padding, float fill) {
    if (padding < 0) {
      throw new IllegalArgumentException("padding must be >= 0, got " + padding);
    }
    this.padding = padding;
    this.fill = fill;
  }

  @Override
  public void apply(float[] pixels, int count, int side, Random random) {
    int plane = side * side;
    float[] copy = new float[3 * plane];
    for (int k = 0; k < count; k++) {
      // The window's top-left corner in padded coordinates, minus the padding.
      int dx = random.nextInt(2 * padding + 1) - padding;
      int dy = random.nextInt(2 * padding + 1) - padding;
      if (dx == 0 && dy == 0) {
        continue;
      }
      int base = k * 3 * plane;
      System.arraycopy(pixels, base, copy, 0, 3 * plane);
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < side; y++) {
          int sy = y + dy;
          for (int x = 0; x < side; x++) {
            int sx = x + dx;
            boolean inside = sx >= 0 && sx < side && sy >= 0 && sy < side;
            pixels[base + c * plane + y * side + x] =
                inside ? copy[c * plane + sy * side + sx] : fill;
          }
        }
      }
    }
  }
}

package org.monosweep.trainer.data;

import java.util.Random;

/** Mirrors each image left-right when {@code random.nextBoolean()}. */
final class HorizontalFlip implements NativeAugmentation {

  @Override
  public void apply(float[] pixels, int count, int side, Random random) {
    int stride = 3 * side * side;
    for (int k = 0; k < count; k++) {
      if (!random.nextBoolean()) {
        continue;
      }
      for (int row = 0; row < 3 * side; row++) {
        int start = k * stride + row * side;
        for (int a = start, b = start + side - 1; a < b; a++, b--) {
          float t = pixels[a];
          pixels[a] = pixels[b];
          pixels[b] = t;
        }
      }
    }
  }
}

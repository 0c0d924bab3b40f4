package org.monosweep.trainer.data;

import java.util.Random;

/** torchvision's {@code RandomResizedCrop} on square CHW images, resized with {@link Bilinear}. */
final class ResizedCrop implements NativeAugmentation {
  private static final int ATTEMPTS = 10;
  private final double minArea;
  private final double logAspectMin;
  private final double logAspectMax;

  ResizedCrop(double minArea, double aspect) {
    if (!(minArea > 0 && minArea <= 1)) {
      throw new IllegalArgumentException("minArea must be in (0, 1], got " + minArea);
    }
    if (!(aspect > 0 && aspect <= 1)) {
      throw new IllegalArgumentException("aspect must be in (0, 1], got " + aspect);
    }
    this.minArea = minArea;
    this.logAspectMin = Math.log(aspect);
    this.logAspectMax = -Math.log(aspect);
  }

  @Override
  public void apply(float[] pixels, int count, int side, Random random) {
    int stride = 3 * side * side;
    float[] copy = new float[stride];
    for (int k = 0; k < count; k++) {
      int[] crop = drawCrop(side, random);
      if (crop[2] == side && crop[3] == side) {
        continue;
      }
      System.arraycopy(pixels, k * stride, copy, 0, stride);
      Bilinear.resize(copy, 0, 3, side, side, crop[0], crop[1], crop[2], crop[3], pixels,
          k * stride, side);
    }
  }

  /** x, y, width, height of the crop, following torchvision's rejection sampling. */
  int[] drawCrop(int side, Random random) {
    double area = (double) side * side;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      double target = area * (minArea + (1 - minArea) * random.nextDouble());
      double aspect = Math.exp(logAspectMin + (logAspectMax - logAspectMin) * random.nextDouble());
      int w = (int) Math.round(Math.sqrt(target * aspect));
      int h = (int) Math.round(Math.sqrt(target / aspect));
      if (w > 0 && w <= side && h > 0 && h <= side) {
        int x = random.nextInt(side - w + 1);
        int y = random.nextInt(side - h + 1);
        return new int[] {x, y, w, h};
      }
    }
    return new int[] {0, 0, side, side};
  }
}

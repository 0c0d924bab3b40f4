package org.monosweep.trainer.data;

/**
 * The one conversion every rendered patch goes through, whether it is stored or read on the fly:
 * optional luminance, then 8-bit quantisation of a value v in [-1, 1] to round((v + 1) * 127.5).
 */
final class Patches {
  // ITU-R 601-2 luma, the weights augment-node and PIL's convert("L") use.
  private static final float LUMA_R = 0.299f;
  private static final float LUMA_G = 0.587f;
  private static final float LUMA_B = 0.114f;

  private Patches() {}

  /**
   * Converts the CHW patch at {@code from} to bytes at {@code to}: one plane of luminance when
   * {@code grayscale}, else three planes.
   */
  static void quantise(float[] patch, int from, int side, boolean grayscale, byte[] out, int to) {
    int plane = side * side;
    if (grayscale) {
      for (int p = 0; p < plane; p++) {
        out[to + p] = (byte) toByte(luminance(patch, from, plane, p));
      }
    } else {
      for (int p = 0; p < 3 * plane; p++) {
        out[to + p] = (byte) toByte(patch[from + p]);
      }
    }
  }

  /** Replaces the CHW patch at {@code from} by its quantised (and optionally gray) values. */
  static void quantiseInPlace(float[] patch, int from, int side, boolean grayscale) {
    int plane = side * side;
    for (int p = 0; p < plane; p++) {
      if (grayscale) {
        float v = CompactImages.toFloat(toByte(luminance(patch, from, plane, p)));
        patch[from + p] = v;
        patch[from + plane + p] = v;
        patch[from + 2 * plane + p] = v;
      } else {
        for (int c = 0; c < 3; c++) {
          int i = from + c * plane + p;
          patch[i] = CompactImages.toFloat(toByte(patch[i]));
        }
      }
    }
  }

  private static float luminance(float[] patch, int from, int plane, int p) {
    return LUMA_R * patch[from + p] + LUMA_G * patch[from + plane + p]
        + LUMA_B * patch[from + 2 * plane + p];
  }

  private static int toByte(float v) {
    return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
  }
}

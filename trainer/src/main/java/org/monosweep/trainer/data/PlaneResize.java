package org.monosweep.trainer.data;

/**
 * Bilinear resizing of a square plane, sampling at pixel centres: output pixel {@code i} reads
 * the source at {@code (i + 0.5) * from / to - 0.5}, clamped to the image (PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)} without antialiasing, which
 * upsampling does not need). This is how the stored 32-pixel splits reach an encoder that takes
 * larger inputs, in training and in {@code embed} alike. Immutable and thread-safe.
 */
public final class PlaneResize {
  /** The side of the stored real splits, to which MNIST-like data is padded. */
  public static final int STORED_SIDE = DatasetReader.SIDE;

  private final int from;
  private final int to;
  private final int[] lower;
  private final float[] weight;

  /**
   * A resize from {@code from x from} planes to {@code to x to}.
   *
   * @throws IllegalArgumentException when a side is not positive
   */
  public PlaneResize(int from, int to) {
    if (from < 1 || to < 1) {
      throw new IllegalArgumentException("sides must be positive, got " + from + " and " + to);
    }
    this.from = from;
    this.to = to;
    this.lower = new int[to];
    this.weight = new float[to];
    double scale = (double) from / to;
    for (int i = 0; i < to; i++) {
      double x = Math.max(0, (i + 0.5) * scale - 0.5);
      int x0 = Math.min((int) Math.floor(x), from - 1);
      lower[i] = x0;
      weight[i] = x0 + 1 < from ? (float) (x - x0) : 0f;
    }
  }

  /** The output side. */
  public int to() {
    return to;
  }

  /**
   * Resizes the plane of {@code from x from} values at {@code srcOffset} of {@code src} into
   * {@code to x to} values at {@code dstOffset} of {@code dst}.
   */
  public void apply(float[] src, int srcOffset, float[] dst, int dstOffset) {
    for (int y = 0; y < to; y++) {
      int y0 = srcOffset + lower[y] * from;
      int y1 = weight[y] > 0 ? y0 + from : y0;
      float wy = weight[y];
      for (int x = 0; x < to; x++) {
        int x0 = lower[x];
        int x1 = weight[x] > 0 ? x0 + 1 : x0;
        float wx = weight[x];
        float top = src[y0 + x0] + wx * (src[y0 + x1] - src[y0 + x0]);
        float bottom = src[y1 + x0] + wx * (src[y1 + x1] - src[y1 + x0]);
        dst[dstOffset + y * to + x] = top + wy * (bottom - top);
      }
    }
  }
}

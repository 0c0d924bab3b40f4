package org.monosweep.gpunode.train;

import java.util.List;
import org.monosweep.gpunode.data.TrainingImages;

/**
 * Images of another {@link TrainingImages} resized bilinearly to a new side on every read, with
 * their labels: how 32-pixel data (the real splits) reaches an encoder that takes larger inputs
 * (AlexNet at 64 to 224 pixels). Sampling uses pixel centres, output pixel {@code i} reading the
 * source at {@code (i + 0.5) * from / to - 0.5} clamped to the image (PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)}, without antialiasing, which
 * upsampling does not need). Thread-safe and deterministic like its source.
 */
final class ResizedImages implements TrainingImages {
  private final TrainingImages source;
  private final int side;
  private final int[] lower;
  private final float[] weight;

  private ResizedImages(TrainingImages source, int side) {
    this.source = source;
    this.side = side;
    this.lower = new int[side];
    this.weight = new float[side];
    int from = source.side();
    double scale = (double) from / side;
    for (int i = 0; i < side; i++) {
      double x = Math.max(0, (i + 0.5) * scale - 0.5);
      int x0 = Math.min((int) Math.floor(x), from - 1);
      lower[i] = x0;
      weight[i] = x0 + 1 < from ? (float) (x - x0) : 0f;
    }
  }

  /**
   * {@code source} at side {@code side}; {@code source} itself when it already has that side.
   *
   * @throws IllegalArgumentException when {@code side} is not positive
   */
  static TrainingImages of(TrainingImages source, int side) {
    if (side < 1) {
      throw new IllegalArgumentException("side must be positive, got " + side);
    }
    return source.side() == side ? source : new ResizedImages(source, side);
  }

  @Override
  public int size() {
    return source.size();
  }

  @Override
  public int side() {
    return side;
  }

  @Override
  public int classes() {
    return source.classes();
  }

  @Override
  public boolean labelled() {
    return source.labelled();
  }

  @Override
  public List<String> classNames() {
    return source.classNames();
  }

  @Override
  public void read(int[] indices, float[] out, int[] labelsOut) {
    int from = source.side();
    int sourcePlane = from * from;
    int plane = side * side;
    float[] buffer = new float[indices.length * 3 * sourcePlane];
    source.read(indices, buffer, labelsOut);
    for (int image = 0; image < indices.length; image++) {
      for (int c = 0; c < 3; c++) {
        resizePlane(buffer, (image * 3 + c) * sourcePlane, from, out, (image * 3 + c) * plane);
      }
    }
  }

  private void resizePlane(float[] src, int srcOffset, int from, float[] dst, int dstOffset) {
    for (int y = 0; y < side; y++) {
      int y0 = srcOffset + lower[y] * from;
      int y1 = weight[y] > 0 ? y0 + from : y0;
      float wy = weight[y];
      for (int x = 0; x < side; x++) {
        int x0 = lower[x];
        int x1 = weight[x] > 0 ? x0 + 1 : x0;
        float wx = weight[x];
        float top = src[y0 + x0] + wx * (src[y0 + x1] - src[y0 + x0]);
        float bottom = src[y1 + x0] + wx * (src[y1 + x1] - src[y1 + x0]);
        dst[dstOffset + y * side + x] = top + wy * (bottom - top);
      }
    }
  }
}

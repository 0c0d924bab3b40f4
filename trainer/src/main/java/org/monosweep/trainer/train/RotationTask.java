package org.monosweep.trainer.train;

/**
 * RotNet's pretext task: every source image appears rotated by 0, 90, 180 and 270 degrees
 * (anticlockwise) in the same batch, and the target is the rotation's index. Copies of one
 * source are adjacent.
 */
final class RotationTask implements ClassifierTask {
  @Override
  public int classes() {
    return 4;
  }

  @Override
  public int copies() {
    return 4;
  }

  @Override
  public boolean needsLabels() {
    return false;
  }

  @Override
  public void expand(float[] sources, int[] labels, int count, int side, float[] out,
      long[] targets) {
    int plane = side * side;
    int size = 3 * plane;
    int last = side - 1;
    for (int n = 0; n < count; n++) {
      int src = n * size;
      for (int r = 0; r < 4; r++) {
        int dst = (n * 4 + r) * size;
        targets[n * 4 + r] = r;
        if (r == 0) {
          System.arraycopy(sources, src, out, dst, size);
          continue;
        }
        for (int c = 0; c < 3; c++) {
          int s = src + c * plane;
          int d = dst + c * plane;
          for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
              int from;
              if (r == 1) {
                from = x * side + (last - y);
              } else if (r == 2) {
                from = (last - y) * side + (last - x);
              } else {
                from = (last - x) * side + y;
              }
              out[d + y * side + x] = sources[s + from];
            }
          }
        }
      }
    }
  }
}

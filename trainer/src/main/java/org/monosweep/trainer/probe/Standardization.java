package org.monosweep.trainer.probe;

/**
 * Per-channel standardisation of probe inputs, {@code (x - mean_c) / sqrt(var_c + eps)}, with
 * statistics of the probe's training split: the evaluation-mode equivalent of the reference
 * implementation's non-affine BatchNorm before the linear layer. It does not change what a
 * linear probe can express (it is folded back into the head), only how well SGD conditions.
 */
final class Standardization {
  static final double EPSILON = 1e-5;

  private final int channels;
  private final int positions;
  private final double[] sum;
  private final double[] sumSquares;
  private long count;

  Standardization(int channels, int positions) {
    this.channels = channels;
    this.positions = positions;
    this.sum = new double[channels];
    this.sumSquares = new double[channels];
  }

  /** Adds per-channel sums over {@code rows} rows. */
  void add(float[] channelSums, float[] channelSquareSums, long rows) {
    for (int c = 0; c < channels; c++) {
      sum[c] += channelSums[c];
      sumSquares[c] += channelSquareSums[c];
    }
    count += rows;
  }

  /** Adds rows given as CHW-flattened values. */
  void addRows(float[] values, int rows) {
    int dim = channels * positions;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < channels; c++) {
        int base = r * dim + c * positions;
        double s = 0;
        double q = 0;
        for (int p = 0; p < positions; p++) {
          double v = values[base + p];
          s += v;
          q += v * v;
        }
        sum[c] += s;
        sumSquares[c] += q;
      }
    }
    count += rows;
  }

  /** The mean of every input dimension (D values). */
  float[] meanRow() {
    float[] row = new float[channels * positions];
    for (int c = 0; c < channels; c++) {
      java.util.Arrays.fill(row, c * positions, (c + 1) * positions, (float) mean(c));
    }
    return row;
  }

  /** 1 / standard deviation of every input dimension (D values). */
  float[] inverseStdRow() {
    float[] row = new float[channels * positions];
    for (int c = 0; c < channels; c++) {
      double n = (double) count * positions;
      double m = mean(c);
      double var = Math.max(0, sumSquares[c] / n - m * m);
      java.util.Arrays.fill(row, c * positions, (c + 1) * positions,
          (float) (1 / Math.sqrt(var + EPSILON)));
    }
    return row;
  }

  private double mean(int c) {
    return count == 0 ? 0 : sum[c] / ((double) count * positions);
  }

  /**
   * Folds the standardisation into a head trained on standardised inputs: given {@code w}
   * (D x C, row-major) and {@code b}, returns the C x D weights and C biases for raw inputs.
   */
  static float[][] fold(float[] w, float[] b, float[] mean, float[] inverseStd, int classes) {
    int dim = mean.length;
    float[] weight = new float[classes * dim];
    double[] bias = new double[classes];
    for (int c = 0; c < classes; c++) {
      bias[c] = b[c];
    }
    for (int d = 0; d < dim; d++) {
      for (int c = 0; c < classes; c++) {
        double scaled = (double) w[d * classes + c] * inverseStd[d];
        weight[c * dim + d] = (float) scaled;
        bias[c] -= scaled * mean[d];
      }
    }
    float[] fb = new float[classes];
    for (int c = 0; c < classes; c++) {
      fb[c] = (float) bias[c];
    }
    return new float[][] {weight, fb};
  }
}

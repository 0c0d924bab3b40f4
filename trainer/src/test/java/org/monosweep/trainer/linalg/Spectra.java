package org.monosweep.trainer.linalg;

import java.util.Random;

/** Matrices and samples of known spectrum for tests. */
final class Spectra {
  private Spectra() {}

  /** n orthonormal rows: Gram-Schmidt of Gaussian vectors. */
  static double[][] randomOrthonormal(int n, long seed) {
    Random random = new Random(seed);
    double[][] q = new double[n][n];
    for (int i = 0; i < n; i++) {
      double[] v = new double[n];
      for (int d = 0; d < n; d++) {
        v[d] = random.nextGaussian();
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int j = 0; j < i; j++) {
          double dot = 0;
          for (int d = 0; d < n; d++) {
            dot += v[d] * q[j][d];
          }
          for (int d = 0; d < n; d++) {
            v[d] -= dot * q[j][d];
          }
        }
      }
      double norm = 0;
      for (double x : v) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int d = 0; d < n; d++) {
        q[i][d] = v[d] / norm;
      }
    }
    return q;
  }

  /** sum_i values[i] q_i q_i^T, with q_i the rows of {@code q}. */
  static double[][] compose(double[][] q, double[] values) {
    int n = q.length;
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) {
          a[r][c] += values[i] * q[i][r] * q[i][c];
        }
      }
    }
    return a;
  }
}

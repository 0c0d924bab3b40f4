package org.monosweep.trainer.linalg;

/**
 * Eigendecomposition of a real symmetric matrix in plain Java: Householder reduction to
 * tridiagonal form, then the implicit QL algorithm (EISPACK's {@code tred2} and {@code tql2}, as
 * in the public-domain JAMA library). DJL 0.33 exposes no eigendecomposition or SVD, and the
 * matrices here are small (the covariance of globally pooled features: one row and column per
 * channel of the last conv, 256-512), so this costs well under a second; the large products that
 * build the matrix run on the engine.
 *
 * <p>The eigenvectors are kept as rows of {@code w} (the transpose of JAMA's {@code V}) so that
 * QL's plane rotations walk contiguous memory.
 */
final class SymmetricEigen {
  private static final int MAX_QL_ITERATIONS = 200;

  private final double[] values;
  private final double[][] vectors;

  private SymmetricEigen(double[] values, double[][] vectors) {
    this.values = values;
    this.vectors = vectors;
  }

  /**
   * Decomposes {@code a} (n x n, symmetric; only read).
   *
   * @throws IllegalArgumentException when {@code a} is not square or holds a value that is not
   *     finite
   * @throws ArithmeticException if QL fails to converge (not expected for finite input)
   */
  static SymmetricEigen of(double[][] a) {
    int n = a.length;
    double[][] v = new double[n][];
    for (int i = 0; i < n; i++) {
      if (a[i].length != n) {
        throw new IllegalArgumentException("row " + i + " has " + a[i].length + " values, not "
            + n);
      }
      for (double x : a[i]) {
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("the matrix holds a value that is not finite: " + x);
        }
      }
      v[i] = a[i].clone();
    }
    double[] d = new double[n];
    double[] e = new double[n];
    if (n > 0) {
      tred2(v, d, e);
      double[][] w = transpose(v);
      tql2(w, d, e);
      return new SymmetricEigen(d, w);
    }
    return new SymmetricEigen(d, v);
  }

  /** The eigenvalues, ascending. */
  double[] values() {
    return values.clone();
  }

  /** Eigenvalue {@code i} in ascending order. */
  double value(int i) {
    return values[i];
  }

  /** The unit eigenvector of eigenvalue {@code i} (ascending order); a copy. */
  double[] vector(int i) {
    return vectors[i].clone();
  }

  /** The matrix size n. */
  int size() {
    return values.length;
  }

  private static double[][] transpose(double[][] m) {
    int n = m.length;
    double[][] t = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  /** Householder tridiagonalisation; {@code v} becomes the accumulated transformation. */
  private static void tred2(double[][] v, double[] d, double[] e) {
    int n = d.length;
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
    }
    for (int i = n - 1; i > 0; i--) {
      double scale = 0;
      double h = 0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[i - 1][j];
          v[i][j] = 0;
          v[j][i] = 0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) {
          g = -g;
        }
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) {
          e[j] = 0;
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          v[j][i] = f;
          g = e[j] + v[j][j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += v[k][j] * d[k];
            e[k] += v[k][j] * f;
          }
          e[j] = g;
        }
        f = 0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) {
          e[j] -= hh * d[j];
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) {
            v[k][j] -= f * e[k] + g * d[k];
          }
          d[j] = v[i - 1][j];
          v[i][j] = 0;
        }
      }
      d[i] = h;
    }
    for (int i = 0; i < n - 1; i++) {
      v[n - 1][i] = v[i][i];
      v[i][i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) {
          d[k] = v[k][i + 1] / h;
        }
        for (int j = 0; j <= i; j++) {
          double g = 0;
          for (int k = 0; k <= i; k++) {
            g += v[k][i + 1] * v[k][j];
          }
          for (int k = 0; k <= i; k++) {
            v[k][j] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        v[k][i + 1] = 0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = v[n - 1][j];
      v[n - 1][j] = 0;
    }
    v[n - 1][n - 1] = 1;
    e[0] = 0;
  }

  /**
   * Implicit QL on the tridiagonal (d, e); {@code w} holds the transformation's columns as rows
   * and becomes the eigenvectors as rows. Sorts ascending.
   */
  private static void tql2(double[][] w, double[] d, double[] e) {
    int n = d.length;
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i];
    }
    e[n - 1] = 0;
    double f = 0;
    double tst1 = 0;
    double eps = Math.ulp(1.0);
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
        m++;
      }
      if (m > l) {
        int iterations = 0;
        do {
          if (++iterations > MAX_QL_ITERATIONS) {
            throw new ArithmeticException("QL did not converge for eigenvalue " + l);
          }
          double g = d[l];
          double p = (d[l + 1] - g) / (2 * e[l]);
          double r = Math.hypot(p, 1);
          if (p < 0) {
            r = -r;
          }
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) {
            d[i] -= h;
          }
          f += h;
          p = d[m];
          double c = 1;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0;
          double s2 = 0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            double[] lo = w[i];
            double[] hi = w[i + 1];
            for (int k = 0; k < n; k++) {
              double t = hi[k];
              hi[k] = s * lo[k] + c * t;
              lo[k] = c * lo[k] - s * t;
            }
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > eps * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
    for (int i = 0; i < n - 1; i++) {
      int k = i;
      double p = d[i];
      for (int j = i + 1; j < n; j++) {
        if (d[j] < p) {
          k = j;
          p = d[j];
        }
      }
      if (k != i) {
        d[k] = d[i];
        d[i] = p;
        double[] t = w[i];
        w[i] = w[k];
        w[k] = t;
      }
    }
  }
}

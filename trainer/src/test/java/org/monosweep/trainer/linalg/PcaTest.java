package org.monosweep.trainer.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {
  private static final int DIM = 24;

  @Test
  void recoversTheTopEigenvaluesAndDirectionsOfAKnownCovariance() {
    double[] spectrum = new double[DIM];
    java.util.Arrays.fill(spectrum, 0.1);
    spectrum[0] = 16;
    spectrum[1] = 9;
    spectrum[2] = 4;
    spectrum[3] = 1;
    double[][] q = Spectra.randomOrthonormal(DIM, 7);
    int rows = 20_000;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray x = manager.create(sample(q, spectrum, rows, 11), new Shape(rows, DIM));
      try (Pca pca = Pca.fit(x, 4, manager)) {
        // the sample covariance of 20,000 rows is within ~1% (sqrt(2/N)) of the true one
        assertThat(pca.eigenvalues()).containsExactly(new double[] {16, 9, 4, 1},
            within(0.04 * 16));
        for (int j = 0; j < 4; j++) {
          assertThat(pca.eigenvalues()[j]).isCloseTo(spectrum[j], within(0.04 * spectrum[j]));
          assertThat(Math.abs(dot(pca.component(j), q[j]))).as("direction %d", j)
              .isGreaterThan(0.995);
        }
        float[] white = pca.transform(x, manager).toFloatArray();
        double[][] covariance = covariance(white, rows, 4);
        for (int a = 0; a < 4; a++) {
          for (int b = 0; b < 4; b++) {
            assertThat(covariance[a][b]).isCloseTo(a == b ? 1 : 0, within(1e-3));
          }
        }
      }
    }
  }

  @Test
  void symmetricWhiteningIsTheInverseSquareRootOfTheCovariance() {
    double[] spectrum = new double[DIM];
    for (int i = 0; i < DIM; i++) {
      spectrum[i] = 0.5 + i;
    }
    double[][] q = Spectra.randomOrthonormal(DIM, 5);
    int rows = 20_000;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray x = manager.create(sample(q, spectrum, rows, 13), new Shape(rows, DIM));
      try (Pca pca = Pca.fit(x, DIM, manager)) {
        float[] w = pca.symmetricWhitening(manager).toFloatArray();
        float[] mean = pca.mean(manager).toFloatArray();
        double[] inverseRoot = new double[DIM];
        for (int i = 0; i < DIM; i++) {
          inverseRoot[i] = 1 / Math.sqrt(spectrum[i]);
        }
        double[][] expected = Spectra.compose(q, inverseRoot);
        for (int a = 0; a < DIM; a++) {
          for (int b = 0; b < DIM; b++) {
            assertThat(w[a * DIM + b]).isCloseTo(w[b * DIM + a], within(1e-6f));
            // the sample covariance is within ~1% of the true one, so is its inverse root
            assertThat((double) w[a * DIM + b]).isCloseTo(expected[a][b], within(0.02));
          }
        }
        assertThat(mean[0]).isCloseTo(1f, within(0.05f));
        assertThat(mean[1]).isCloseTo(-2f, within(0.05f));
        NDArray white = x.sub(pca.mean(manager)).matMul(pca.symmetricWhitening(manager));
        double[][] covariance = covariance(white.toFloatArray(), rows, DIM);
        for (int a = 0; a < DIM; a++) {
          for (int b = 0; b < DIM; b++) {
            assertThat(covariance[a][b]).isCloseTo(a == b ? 1 : 0, within(1e-3));
          }
        }
      }
    }
  }

  @Test
  void keepsNoMoreComponentsThanTheDataHasDirections() {
    double[] spectrum = new double[DIM];
    spectrum[0] = 5;
    spectrum[1] = 2;
    spectrum[2] = 1;
    int rows = 2_000;
    try (NDManager manager = NDManager.newBaseManager("PyTorch");
        Pca pca = Pca.fit(manager.create(sample(Spectra.randomOrthonormal(DIM, 3), spectrum,
            rows, 4), new Shape(rows, DIM)), 16, manager)) {
      assertThat(pca.dims()).isEqualTo(3);
    }
  }

  @Test
  void normalizesRowsToUnitLength() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      NDArray x = manager.create(new float[] {3, 4, 0, 0, 0, 2}, new Shape(3, 2));
      assertThat(Pca.normalizeRows(x).toFloatArray())
          .containsExactly(new float[] {0.6f, 0.8f, 0, 0, 0, 1}, within(1e-6f));
    }
  }

  /** Rows of mean (1, -2, 0, ...) plus independent N(0, spectrum[i]) along q[i]. */
  private static float[] sample(double[][] q, double[] spectrum, int rows, long seed) {
    Random random = new Random(seed);
    float[] x = new float[rows * DIM];
    for (int r = 0; r < rows; r++) {
      double[] row = new double[DIM];
      row[0] = 1;
      row[1] = -2;
      for (int i = 0; i < DIM; i++) {
        double z = random.nextGaussian() * Math.sqrt(spectrum[i]);
        for (int d = 0; d < DIM; d++) {
          row[d] += z * q[i][d];
        }
      }
      for (int d = 0; d < DIM; d++) {
        x[r * DIM + d] = (float) row[d];
      }
    }
    return x;
  }

  private static double[][] covariance(float[] x, int rows, int dim) {
    double[] mean = new double[dim];
    for (int r = 0; r < rows; r++) {
      for (int d = 0; d < dim; d++) {
        mean[d] += x[r * dim + d] / (double) rows;
      }
    }
    double[][] c = new double[dim][dim];
    for (int r = 0; r < rows; r++) {
      for (int a = 0; a < dim; a++) {
        for (int b = 0; b < dim; b++) {
          c[a][b] += (x[r * dim + a] - mean[a]) * (x[r * dim + b] - mean[b]) / (rows - 1);
        }
      }
    }
    return c;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}

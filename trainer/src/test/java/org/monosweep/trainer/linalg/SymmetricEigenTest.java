package org.monosweep.trainer.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
  @Test
  void decomposesARandomSymmetricMatrixIntoOrthonormalEigenpairs() {
    int n = 60;
    Random random = new Random(3);
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = random.nextGaussian();
        a[j][i] = a[i][j];
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(a);

    double[] values = eigen.values();
    for (int i = 1; i < n; i++) {
      assertThat(values[i]).isGreaterThanOrEqualTo(values[i - 1]);
    }
    for (int i = 0; i < n; i++) {
      double[] v = eigen.vector(i);
      for (int r = 0; r < n; r++) {
        double av = 0;
        for (int c = 0; c < n; c++) {
          av += a[r][c] * v[c];
        }
        assertThat(av).isCloseTo(values[i] * v[r], within(1e-9));
      }
      for (int j = 0; j < n; j++) {
        assertThat(dot(v, eigen.vector(j))).isCloseTo(i == j ? 1 : 0, within(1e-10));
      }
    }
  }

  @Test
  void findsTheSpectrumOfAMatrixBuiltFromIt() {
    double[] spectrum = {-2, 0, 0, 1e-9, 3, 3, 7};
    double[][] q = Spectra.randomOrthonormal(spectrum.length, 5);
    double[][] a = Spectra.compose(q, spectrum);

    assertThat(SymmetricEigen.of(a).values()).containsExactly(spectrum, within(1e-12));
  }

  @Test
  void rejectsValuesThatAreNotFinite() {
    double[][] a = {{1, Double.NaN}, {Double.NaN, 1}};
    assertThatThrownBy(() -> SymmetricEigen.of(a)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not finite");
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}

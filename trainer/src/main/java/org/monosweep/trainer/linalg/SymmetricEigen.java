package org.monosweep.trainer.linalg;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigendecomposition of a real symmetric matrix by EJML's symmetric QR algorithm, sorted the way
 * {@link Pca} reads it: eigenvalues ascending, each with its unit eigenvector. DJL 0.33 has no
 * eigensolver; the matrices here are small (one row and column per channel of the last conv,
 * 256-512), and the large products that build them run on the engine.
 *
 * <p>EJML replaced a hand-written Householder and QL solver: at D = 512 it took 0.92x that
 * solver's time, at D = 256 0.99x (measured in one process on a shared 2-core machine), so the
 * maintained library costs nothing.
 */
final class SymmetricEigen {
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
   * @throws ArithmeticException if the QR iterations fail to converge (not expected for finite
   *     input)
   */
  static SymmetricEigen of(double[][] a) {
    int n = a.length;
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
    }
    if (n == 0) {
      return new SymmetricEigen(new double[0], new double[0][]);
    }
    EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(n, true, true);
    // EJML decomposes in place: hand it a copy so that the caller's matrix stays as it was
    if (!eigen.decompose(new DMatrixRMaj(a))) {
      throw new ArithmeticException("the symmetric eigendecomposition of a " + n + " x " + n
          + " matrix did not converge");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> eigen.getEigenvalue(i).getReal()));
    double[] values = new double[n];
    double[][] vectors = new double[n][];
    for (int k = 0; k < n; k++) {
      values[k] = eigen.getEigenvalue(order[k]).getReal();
      vectors[k] = eigen.getEigenVector(order[k]).getData().clone();
    }
    return new SymmetricEigen(values, vectors);
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
}

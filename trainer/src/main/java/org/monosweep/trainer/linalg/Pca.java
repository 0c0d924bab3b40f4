package org.monosweep.trainer.linalg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * PCA whitening fitted on the engine: DeepCluster's {@code PCAMatrix(D, dims, eigen_power=-0.5)},
 * and the symmetric (ZCA) whitening that BiGAN's encoder head starts from.
 * The mean and the D x D covariance are accumulated over row chunks on the features' device
 * (float32 products, float64 sums); the covariance is then decomposed on the CPU by EJML
 * through {@link SymmetricEigen} (DJL has no eigendecomposition; D is the channel count of the
 * last conv, so this is small). {@link #transform} projects centred rows on the top components and divides
 * each by the square root of its eigenvalue, so the output has unit variance along every kept
 * direction.
 *
 * <p>Components whose eigenvalue is below {@link #RELATIVE_RANK_FLOOR} of the largest are not
 * kept: whitening would blow their numerical noise up to the scale of real structure. So the
 * output has {@code min(dims, D, N - 1, numerical rank)} columns. Close it to free its arrays.
 */
public final class Pca implements AutoCloseable {
  /** Eigenvalues at most this fraction of the largest count as zero. */
  static final double RELATIVE_RANK_FLOOR = 1e-6;
  private static final int CHUNK_ROWS = 16_384;

  private final NDManager manager;
  private final NDArray mean;
  private final NDArray projection;
  private final double[] eigenvalues;
  private final double[][] components;

  private Pca(NDManager manager, NDArray mean, NDArray projection, double[] eigenvalues,
      double[][] components) {
    this.manager = manager;
    this.mean = mean;
    this.projection = projection;
    this.eigenvalues = eigenvalues;
    this.components = components;
  }

  /**
   * Fits the whitening of the rows of {@code x} (N x D float32) keeping up to {@code dims}
   * components. Its arrays live on a sub-manager of {@code parent}.
   *
   * @throws IllegalArgumentException when {@code x} has fewer than 2 rows, {@code dims < 1}, or
   *     values that are not finite (the covariance then is not)
   */
  public static Pca fit(NDArray x, int dims, NDManager parent) {
    long rows = x.getShape().get(0);
    int dim = Math.toIntExact(x.getShape().get(1));
    if (rows < 2 || dims < 1) {
      throw new IllegalArgumentException("PCA needs >= 2 rows and >= 1 component, got " + rows
          + " rows and " + dims);
    }
    double[] meanValues;
    double[] covariance;
    try (NDManager scratch = parent.newSubManager()) {
      NDArray sum = scratch.zeros(new Shape(dim), DataType.FLOAT64);
      for (long from = 0; from < rows; from += CHUNK_ROWS) {
        try (NDManager step = scratch.newSubManager()) {
          NDArray chunk = chunk(x, from, rows, step);
          sum.addi(chunk.sum(new int[] {0}).toType(DataType.FLOAT64, false));
        }
      }
      NDArray mean64 = sum.div(rows);
      NDArray mean32 = mean64.toType(DataType.FLOAT32, false).reshape(1, dim);
      NDArray scatter = scratch.zeros(new Shape(dim, dim), DataType.FLOAT64);
      for (long from = 0; from < rows; from += CHUNK_ROWS) {
        try (NDManager step = scratch.newSubManager()) {
          NDArray chunk = chunk(x, from, rows, step);
          NDArray centred = chunk.sub(mean32);
          scatter.addi(centred.transpose().matMul(centred).toType(DataType.FLOAT64, false));
        }
      }
      meanValues = mean64.toDoubleArray();
      covariance = scatter.div(rows - 1).toDoubleArray();
    }
    double[][] matrix = new double[dim][dim];
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        // symmetrise: float rounding makes the engine's product very slightly asymmetric
        matrix[i][j] = 0.5 * (covariance[i * dim + j] + covariance[j * dim + i]);
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(matrix);
    double largest = eigen.value(dim - 1);
    int keep = 0;
    int limit = (int) Math.min(Math.min(dims, dim), rows - 1);
    while (keep < limit && eigen.value(dim - 1 - keep) > RELATIVE_RANK_FLOOR * largest
        && eigen.value(dim - 1 - keep) > 0) {
      keep++;
    }
    if (keep == 0) {
      throw new IllegalArgumentException("the features have no variance: every row is the same");
    }
    double[] values = new double[keep];
    double[][] vectors = new double[keep][];
    float[] p = new float[dim * keep];
    for (int j = 0; j < keep; j++) {
      values[j] = eigen.value(dim - 1 - j);
      vectors[j] = eigen.vector(dim - 1 - j);
      double scale = 1 / Math.sqrt(values[j]);
      for (int d = 0; d < dim; d++) {
        p[d * keep + j] = (float) (vectors[j][d] * scale);
      }
    }
    float[] m = new float[dim];
    for (int d = 0; d < dim; d++) {
      m[d] = (float) meanValues[d];
    }
    NDManager own = parent.newSubManager();
    return new Pca(own, own.create(m, new Shape(1, dim)), own.create(p, new Shape(dim, keep)),
        values, vectors);
  }

  /** The number of output columns. */
  public int dims() {
    return eigenvalues.length;
  }

  /** The kept eigenvalues of the covariance, largest first. */
  public double[] eigenvalues() {
    return eigenvalues.clone();
  }

  /** Kept component {@code j} (unit vector of D values), in the order of {@link #eigenvalues}. */
  public double[] component(int j) {
    return components[j].clone();
  }

  /**
   * Whitens the rows of {@code x} (M x D): {@code (x - mean) P} with P the kept components
   * scaled by {@code 1 / sqrt(eigenvalue)}. The result (M x dims) is on {@code target}.
   */
  public NDArray transform(NDArray x, NDManager target) {
    long rows = x.getShape().get(0);
    NDArray out = target.zeros(new Shape(rows, dims()));
    for (long from = 0; from < rows; from += CHUNK_ROWS) {
      long to = Math.min(rows, from + CHUNK_ROWS);
      try (NDManager step = target.newSubManager()) {
        NDArray chunk = on(step, x.get(new NDIndex("{}:{}", from, to)));
        out.set(new NDIndex("{}:{}", from, to), chunk.sub(mean).matMul(projection));
      }
    }
    return out;
  }

  /** The fitted mean, {@code (1, D)}, on {@code target}. */
  public NDArray mean(NDManager target) {
    return target.create(mean.toFloatArray(), mean.getShape());
  }

  /**
   * The symmetric whitening matrix {@code W = V diag(1 / sqrt(eigenvalue)) V^T} over the kept
   * components V, {@code (D, D)} on {@code target}: {@code (x - mean) W} is white like
   * {@link #transform}, but stays in the input's coordinates (of all whitenings, the one that
   * moves the rows least). With fewer than D components kept it also projects out the rest.
   */
  public NDArray symmetricWhitening(NDManager target) {
    int dim = components.length == 0 ? 0 : components[0].length;
    double[] sum = new double[dim * dim];
    for (int j = 0; j < components.length; j++) {
      double scale = 1 / Math.sqrt(eigenvalues[j]);
      for (int a = 0; a < dim; a++) {
        double va = components[j][a] * scale;
        for (int b = 0; b < dim; b++) {
          sum[a * dim + b] += va * components[j][b];
        }
      }
    }
    float[] w = new float[sum.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) sum[i];
    }
    return target.create(w, new Shape(dim, dim));
  }

  /** Divides every row of {@code x} by its Euclidean norm, in place; returns {@code x}. */
  public static NDArray normalizeRows(NDArray x) {
    try (NDManager step = x.getManager().newSubManager()) {
      NDArray norms = on(step, x.norm(new int[] {1}, true)).maximum(1e-12f);
      x.divi(norms);
    }
    return x;
  }

  @Override
  public void close() {
    manager.close();
  }

  // rows [from, from + CHUNK_ROWS) of x, on manager
  private static NDArray chunk(NDArray x, long from, long rows, NDManager manager) {
    return on(manager, x.get(new NDIndex("{}:{}", from, Math.min(rows, from + CHUNK_ROWS))));
  }

  private static NDArray on(NDManager manager, NDArray array) {
    array.attach(manager);
    return array;
  }
}

package org.monosweep.trainer.methods.cluster;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;

/**
 * Lloyd's k-means on the engine, so that it runs on the GPU where there is one.
 *
 * <ul>
 *   <li>Initialisation: k-means++ (D^2 sampling) with a seeded {@link Random} drawing the
 *       uniform numbers; the distances and their cumulative sum stay on the device. (DeepCluster's
 *       faiss uses k random points; k-means++ avoids the local optima where one centroid covers
 *       two groups and two share one, at the cost of k sequential passes over the rows, each
 *       with {@code 2 + ln k} candidates: at ImageNet scale, k = 10,000 on 1.28M rows, about the
 *       arithmetic of ten Lloyd iterations, in 10,000 small steps.)
 *   <li>Each iteration is one pass over row chunks: scores {@code |c|^2 - 2 x.c} for all
 *       centroids (the row's {@code |x|^2} does not change the argmin), the argmin, and the
 *       chunk's contribution to the per-cluster sums as {@code onehot^T x}, a matrix product
 *       (DJL has no index-add). A chunk's score matrix is bounded to {@link #CHUNK_VALUES}
 *       values, so k = 10,000 on a million rows fits any device.
 *   <li>Empty clusters are re-seeded as faiss does: the largest cluster is split, its centroid
 *       copied to the empty one with a symmetric relative perturbation of {@link #SPLIT_EPSILON}
 *       on alternate coordinates, and its count halved between the two.
 *   <li>It stops after {@code iterations} updates or when no assignment changes, then assigns
 *       every row to the final centroids.
 * </ul>
 */
final class KMeans {
  /** Relative perturbation of a split centroid (faiss's EPS, 1/1024). */
  static final float SPLIT_EPSILON = 1f / 1024;
  private static final long CHUNK_VALUES = 1L << 22;

  private KMeans() {}

  /**
   * The clustering.
   *
   * @param assignments each row's cluster
   * @param sizes rows per cluster under {@code assignments}
   * @param centroids k x dims values, row-major
   * @param objective mean squared distance of a row to its centroid
   * @param iterations centroid updates made
   * @param reseeded empty clusters re-seeded over all iterations
   */
  record Result(int[] assignments, int[] sizes, float[] centroids, double objective,
      int iterations, int reseeded) {

    /** The number of clusters k. */
    int k() {
      return sizes.length;
    }

    /** Clusters with at least one row. */
    int nonEmpty() {
      return (int) Arrays.stream(sizes).filter(s -> s > 0).count();
    }

    /** The size of the largest cluster. */
    int largest() {
      return Arrays.stream(sizes).max().orElse(0);
    }
  }

  /**
   * Clusters the rows of {@code x} (N x D float32, on any device) into {@code k} groups,
   * initialised by k-means++ from {@code seed}.
   *
   * @throws IllegalArgumentException when {@code k} is not in {@code [1, N]}
   */
  static Result fit(NDArray x, int k, int iterations, long seed) {
    long rows = x.getShape().get(0);
    if (k < 1 || k > rows) {
      throw new IllegalArgumentException("k-means needs 1 <= k <= rows, got k=" + k + " for "
          + rows + " rows");
    }
    try (NDManager m = x.getManager().newSubManager()) {
      NDArray centroids = plusPlus(x, k, new Random(seed), m);
      return iterate(x, centroids, iterations, m);
    }
  }

  /** Clusters from given initial centroids ({@code k x D} values, row-major): for tests. */
  static Result fit(NDArray x, float[] initialCentroids, int k, int iterations) {
    long dim = x.getShape().get(1);
    try (NDManager m = x.getManager().newSubManager()) {
      return iterate(x, m.create(initialCentroids, new Shape(k, dim)), iterations, m);
    }
  }

  private static Result iterate(NDArray x, NDArray initial, int iterations, NDManager m) {
    long rows = x.getShape().get(0);
    int dim = Math.toIntExact(x.getShape().get(1));
    int k = Math.toIntExact(initial.getShape().get(0));
    NDArray centroids = initial;
    int[] previous = null;
    int updates = 0;
    int reseeded = 0;
    Pass pass = null;
    for (int it = 0; it < iterations; it++) {
      pass = pass(x, centroids, true, m);
      if (previous != null && Arrays.equals(previous, pass.assignments)) {
        // converged: the centroids already are the means of their (unchanged) groups
        return result(pass, centroids, k, updates, reseeded);
      }
      previous = pass.assignments;
      int[] counts = counts(pass.assignments, k);
      float[] divisor = new float[k];
      for (int c = 0; c < k; c++) {
        divisor[c] = Math.max(1, counts[c]);
      }
      NDArray next;
      try (NDManager step = m.newSubManager()) {
        next = pass.sums.div(step.create(divisor, new Shape(k, 1)));
      }
      pass.sums.close();
      int empty = (int) Arrays.stream(counts).filter(n -> n == 0).count();
      if (empty > 0) {
        float[] values = next.toFloatArray();
        next.close();
        reseeded += split(values, counts, dim);
        next = m.create(values, new Shape(k, dim));
      }
      centroids.close();
      centroids = next;
      updates++;
    }
    Pass last = pass(x, centroids, false, m);
    return result(last, centroids, k, updates, reseeded);
  }

  private static Result result(Pass pass, NDArray centroids, int k, int updates, int reseeded) {
    return new Result(pass.assignments, counts(pass.assignments, k), centroids.toFloatArray(),
        pass.objective / pass.assignments.length, updates, reseeded);
  }

  /** One pass: assignments to {@code centroids}, the objective, and optionally per-cluster sums. */
  private static Pass pass(NDArray x, NDArray centroids, boolean withSums, NDManager m) {
    long rows = x.getShape().get(0);
    int k = Math.toIntExact(centroids.getShape().get(0));
    int[] assignments = new int[Math.toIntExact(rows)];
    double objective = 0;
    NDArray sums = withSums ? m.zeros(centroids.getShape()) : null;
    long chunk = Math.max(1, Math.min(rows, CHUNK_VALUES / k));
    try (NDManager scratch = m.newSubManager()) {
      NDArray transposed = on(scratch, centroids.transpose());
      NDArray squaredNorms = on(scratch, centroids.square().sum(new int[] {1})).reshape(1, k);
      for (long from = 0; from < rows; from += chunk) {
        long to = Math.min(rows, from + chunk);
        try (NDManager step = scratch.newSubManager()) {
          NDArray xc = on(step, x.get(new NDIndex("{}:{}", from, to)));
          NDArray scores = xc.matMul(transposed).muli(-2).addi(squaredNorms);
          NDArray best = scores.argMin(1);
          NDArray distances = scores.min(new int[] {1}).addi(xc.square().sum(new int[] {1}));
          long[] ids = best.toLongArray();
          for (int i = 0; i < ids.length; i++) {
            assignments[Math.toIntExact(from + i)] = (int) ids[i];
          }
          objective += distances.sum().toType(DataType.FLOAT64, false).getDouble();
          if (withSums) {
            sums.addi(best.oneHot(k, DataType.FLOAT32).transpose().matMul(xc));
          }
        }
      }
    }
    return new Pass(assignments, objective, sums);
  }

  /**
   * Greedy k-means++ seeding (scikit-learn's): each step draws {@code 2 + ln k} candidates by
   * D^2 sampling and keeps the one that lowers the total squared distance most. Plain k-means++
   * still puts two seeds in one of a dozen well-separated groups a good part of the time, and
   * Lloyd's iterations cannot undo that. Returns k x D centroids on {@code m}.
   */
  private static NDArray plusPlus(NDArray x, int k, Random random, NDManager m) {
    long rows = x.getShape().get(0);
    int trials = 2 + (int) Math.log(k);
    long[] chosen = new long[k];
    boolean[] taken = new boolean[Math.toIntExact(rows)];
    chosen[0] = random.nextInt(Math.toIntExact(rows));
    taken[(int) chosen[0]] = true;
    try (NDManager scratch = m.newSubManager()) {
      NDArray squaredNorms = on(scratch, x.square().sum(new int[] {1})).reshape(rows, 1);
      NDArray nearest = squaredDistances(x, squaredNorms, new long[] {chosen[0]}, scratch)
          .reshape(rows);
      for (int j = 1; j < k; j++) {
        try (NDManager step = scratch.newSubManager()) {
          double total = on(step, nearest.sum()).toType(DataType.FLOAT64, false).getDouble();
          long[] candidates = new long[trials];
          if (total > 0 && Double.isFinite(total)) {
            float[] targets = new float[trials];
            for (int t = 0; t < trials; t++) {
              targets[t] = (float) (random.nextDouble() * total);
            }
            // candidate t is the first row whose cumulative weight reaches target t
            long[] counts = on(step, nearest.cumSum(0)).reshape(rows, 1)
                .lt(step.create(targets, new Shape(1, trials))).sum(new int[] {0}).toLongArray();
            for (int t = 0; t < trials; t++) {
              candidates[t] = Math.min(rows - 1, counts[t]);
            }
          } else {
            // every row coincides with a centroid already: nothing to weigh
            java.util.Arrays.fill(candidates, untaken(taken, random));
          }
          NDArray d2 = squaredDistances(x, squaredNorms, candidates, step);
          NDArray potentials = d2.minimum(on(step, nearest.reshape(rows, 1))).sum(new int[] {0});
          int best = (int) potentials.argMin().getLong();
          long pick = candidates[best];
          if (taken[(int) pick]) {
            pick = untaken(taken, random);
            d2 = squaredDistances(x, squaredNorms, new long[] {pick}, step);
            best = 0;
          }
          chosen[j] = pick;
          taken[(int) pick] = true;
          NDArray updated = nearest.minimum(d2.get(new NDIndex(":, {}", best)));
          updated.attach(scratch);
          nearest.close();
          nearest = updated;
        }
      }
    }
    NDArray centroids = x.get(m.create(chosen));
    centroids.attach(m);
    return centroids;
  }

  /** N x C squared distances from every row to rows {@code columns} of {@code x}, on {@code m}. */
  private static NDArray squaredDistances(NDArray x, NDArray squaredNorms, long[] columns,
      NDManager m) {
    NDArray selected = on(m, x.get(m.create(columns)));
    NDArray products = on(m, x.matMul(selected.transpose()));
    return products.muli(-2).addi(squaredNorms)
        .addi(selected.square().sum(new int[] {1}).reshape(1, columns.length)).maximum(0f);
  }

  /** A random row not chosen yet (for duplicates, where D^2 sampling has nothing to weigh). */
  private static long untaken(boolean[] taken, Random random) {
    int free = 0;
    for (boolean t : taken) {
      if (!t) {
        free++;
      }
    }
    int skip = random.nextInt(free);
    for (int i = 0; i < taken.length; i++) {
      if (!taken[i] && skip-- == 0) {
        return i;
      }
    }
    throw new AssertionError("no free row");
  }

  /**
   * Re-seeds every empty cluster by splitting the currently largest one; updates
   * {@code centroids} (k x dim) and {@code counts} in place; returns how many were re-seeded.
   */
  static int split(float[] centroids, int[] counts, int dim) {
    int reseeded = 0;
    for (int empty = 0; empty < counts.length; empty++) {
      if (counts[empty] != 0) {
        continue;
      }
      int largest = 0;
      for (int c = 1; c < counts.length; c++) {
        if (counts[c] > counts[largest]) {
          largest = c;
        }
      }
      for (int d = 0; d < dim; d++) {
        float v = centroids[largest * dim + d];
        float up = v * (1 + SPLIT_EPSILON);
        float down = v * (1 - SPLIT_EPSILON);
        centroids[empty * dim + d] = d % 2 == 0 ? up : down;
        centroids[largest * dim + d] = d % 2 == 0 ? down : up;
      }
      counts[empty] = counts[largest] / 2;
      counts[largest] -= counts[empty];
      reseeded++;
    }
    return reseeded;
  }

  private static int[] counts(int[] assignments, int k) {
    int[] counts = new int[k];
    for (int a : assignments) {
      counts[a]++;
    }
    return counts;
  }

  private static NDArray on(NDManager manager, NDArray array) {
    array.attach(manager);
    return array;
  }

  private record Pass(int[] assignments, double objective, NDArray sums) {}
}

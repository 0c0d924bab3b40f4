package org.monosweep.trainer.methods.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansTest {
  @Test
  void recoversWellSeparatedClusters() {
    int k = 12;
    int dim = 16;
    int rows = 2_400;
    Random random = new Random(5);
    double[][] centres = new double[k][dim];
    for (double[] centre : centres) {
      for (int d = 0; d < dim; d++) {
        centre[d] = 3 * random.nextGaussian();
      }
    }
    float[] x = new float[rows * dim];
    int[] truth = new int[rows];
    for (int r = 0; r < rows; r++) {
      truth[r] = random.nextInt(k);
      for (int d = 0; d < dim; d++) {
        x[r * dim + d] = (float) (centres[truth[r]][d] + 0.5 * random.nextGaussian());
      }
    }
    KMeans.Result result;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      result = KMeans.fit(manager.create(x, new Shape(rows, dim)), k, 20, 1);
    }

    assertThat(matchedAccuracy(result.assignments(), truth, k)).isGreaterThanOrEqualTo(0.99);
    assertThat(result.nonEmpty()).isEqualTo(k);
    // every row is within a few noise std of its centre: E|noise|^2 = 16 * 0.25 = 4
    assertThat(result.objective()).isCloseTo(4, within(0.5));
  }

  @Test
  void reseedsAnEmptyClusterBySplittingTheLargest() {
    // two blobs; the third initial centroid is far from everything, so it starts empty
    int rows = 1_000;
    Random random = new Random(9);
    float[] x = new float[rows * 2];
    for (int r = 0; r < rows; r++) {
      boolean left = r < 600;
      x[2 * r] = (float) ((left ? 0 : 10) + 0.3 * random.nextGaussian());
      x[2 * r + 1] = (float) (0.3 * random.nextGaussian());
    }
    float[] initial = {0, 0, 10, 0, 100, 100};
    KMeans.Result result;
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      result = KMeans.fit(manager.create(x, new Shape(rows, 2)), initial, 3, 20);
    }

    assertThat(result.reseeded()).isGreaterThanOrEqualTo(1);
    assertThat(result.nonEmpty()).isEqualTo(3);
    // the split happens in the larger (left) blob; the right blob stays whole
    Set<Integer> right = new HashSet<>();
    Set<Integer> left = new HashSet<>();
    for (int r = 0; r < rows; r++) {
      (r < 600 ? left : right).add(result.assignments()[r]);
    }
    assertThat(right).hasSize(1);
    assertThat(left).hasSize(2).doesNotContainAnyElementsOf(right);
  }

  @Test
  void splitHalvesTheLargestClusterWithASymmetricPerturbation() {
    float[] centroids = {1, 1, 0, 0, 2, 4};
    int[] counts = {3, 0, 5};

    assertThat(KMeans.split(centroids, counts, 2)).isEqualTo(1);

    assertThat(counts).containsExactly(3, 2, 3);
    float e = KMeans.SPLIT_EPSILON;
    assertThat(centroids).containsExactly(1, 1, 2 * (1 + e), 4 * (1 - e), 2 * (1 - e),
        4 * (1 + e));
  }

  /** Accuracy under the best one-to-one map of found clusters to true ones (majority vote). */
  static double matchedAccuracy(int[] found, int[] truth, int k) {
    int[][] table = new int[k][k];
    for (int i = 0; i < found.length; i++) {
      table[found[i]][truth[i]]++;
    }
    Set<Integer> used = new HashSet<>();
    int correct = 0;
    for (int f = 0; f < k; f++) {
      int best = 0;
      for (int t = 1; t < k; t++) {
        if (table[f][t] > table[f][best]) {
          best = t;
        }
      }
      if (table[f][best] > 0 && used.add(best)) {
        correct += table[f][best];
      }
    }
    return (double) correct / found.length;
  }
}

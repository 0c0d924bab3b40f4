package org.monosweep.trainer.methods.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * DeepCluster's {@code UnifLabelSampler}: an epoch's images drawn so that every non-empty
 * cluster contributes equally. Each non-empty cluster gives {@code floor(n / clusters) + 1}
 * of its members (without replacement when it has that many, else with replacement); the
 * union is shuffled and cut to {@code n}. Empty clusters contribute nothing.
 */
final class ClusterSampling {
  private ClusterSampling() {}

  /**
   * @param assignments each image's cluster, in {@code [0, k)}
   * @param k the number of clusters
   * @param n how many draws to return
   * @param random the draws' source
   * @return {@code n} image indices
   */
  static int[] uniform(int[] assignments, int k, int n, Random random) {
    List<List<Integer>> members = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < assignments.length; i++) {
      members.get(assignments[i]).add(i);
    }
    int nonEmpty = (int) members.stream().filter(m -> !m.isEmpty()).count();
    if (nonEmpty == 0) {
      throw new IllegalArgumentException("no image to sample from");
    }
    int perCluster = n / nonEmpty + 1;
    int[] drawn = new int[perCluster * nonEmpty];
    int at = 0;
    for (List<Integer> cluster : members) {
      if (cluster.isEmpty()) {
        continue;
      }
      int size = cluster.size();
      if (size >= perCluster) {
        int[] pool = cluster.stream().mapToInt(Integer::intValue).toArray();
        // a partial Fisher-Yates shuffle: the first perCluster are a uniform sample
        for (int i = 0; i < perCluster; i++) {
          int j = i + random.nextInt(size - i);
          int t = pool[i];
          pool[i] = pool[j];
          pool[j] = t;
          drawn[at++] = pool[i];
        }
      } else {
        for (int i = 0; i < perCluster; i++) {
          drawn[at++] = cluster.get(random.nextInt(size));
        }
      }
    }
    for (int i = drawn.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = drawn[i];
      drawn[i] = drawn[j];
      drawn[j] = t;
    }
    return java.util.Arrays.copyOf(drawn, n);
  }
}

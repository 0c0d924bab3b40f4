package org.monosweep.trainer.methods.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * Normalised mutual information between two labelings of the same items,
 * {@code I(a; b) / sqrt(H(a) H(b))} (scikit-learn's geometric normalisation, as DeepCluster
 * reports between consecutive epochs' clusterings): 1 when one determines the other, near 0
 * when independent.
 */
final class ClusterAgreement {
  private ClusterAgreement() {}

  static double nmi(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("labelings differ in length: " + a.length + " and "
          + b.length);
    }
    int n = a.length;
    Map<Integer, Integer> countA = new HashMap<>();
    Map<Integer, Integer> countB = new HashMap<>();
    Map<Long, Integer> joint = new HashMap<>();
    for (int i = 0; i < n; i++) {
      countA.merge(a[i], 1, Integer::sum);
      countB.merge(b[i], 1, Integer::sum);
      joint.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1, Integer::sum);
    }
    double hA = entropy(countA, n);
    double hB = entropy(countB, n);
    if (hA == 0 || hB == 0) {
      return hA == hB ? 1 : 0;
    }
    double mutual = 0;
    for (Map.Entry<Long, Integer> e : joint.entrySet()) {
      int x = (int) (e.getKey() >> 32);
      int y = (int) (long) e.getKey();
      double pxy = e.getValue() / (double) n;
      mutual += pxy * Math.log(pxy * n * n / ((double) countA.get(x) * countB.get(y)));
    }
    return Math.max(0, Math.min(1, mutual / Math.sqrt(hA * hB)));
  }

  private static double entropy(Map<Integer, Integer> counts, int n) {
    double h = 0;
    for (int c : counts.values()) {
      double p = c / (double) n;
      h -= p * Math.log(p);
    }
    return h;
  }
}

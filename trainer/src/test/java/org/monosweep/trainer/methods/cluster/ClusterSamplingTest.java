package org.monosweep.trainer.methods.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClusterSamplingTest {
  @Test
  void drawsEveryNonEmptyClusterEquallyOftenAndEmptyOnesNever() {
    // cluster 0: 900 images, 1: 90, 2: 10, 3: none
    int[] assignments = new int[1000];
    Arrays.fill(assignments, 0, 900, 0);
    Arrays.fill(assignments, 900, 990, 1);
    Arrays.fill(assignments, 990, 1000, 2);

    int[] drawn = ClusterSampling.uniform(assignments, 4, 1000, new Random(1));

    assertThat(drawn).hasSize(1000);
    int[] perCluster = new int[4];
    for (int i : drawn) {
      perCluster[assignments[i]]++;
    }
    // 1000 / 3 + 1 = 334 each, shuffled and cut to 1000
    assertThat(perCluster[0]).isBetween(330, 334);
    assertThat(perCluster[1]).isBetween(330, 334);
    assertThat(perCluster[2]).isBetween(330, 334);
    assertThat(perCluster[3]).isZero();
    // a cluster with enough members is drawn without replacement
    assertThat(Arrays.stream(drawn).filter(i -> i < 900).distinct().count())
        .isEqualTo(perCluster[0]);
  }

  @Test
  void isDeterministicGivenTheRandomSource() {
    int[] assignments = {0, 1, 1, 2, 2, 2, 0, 1};
    assertThat(ClusterSampling.uniform(assignments, 3, 8, new Random(4)))
        .containsExactly(ClusterSampling.uniform(assignments, 3, 8, new Random(4)));
  }

  @Test
  void normalisedMutualInformationIsOneForRelabellingsAndNearZeroForIndependentLabels() {
    int[] a = {0, 0, 1, 1, 2, 2};
    int[] relabelled = {5, 5, 3, 3, 9, 9};
    assertThat(ClusterAgreement.nmi(a, relabelled)).isEqualTo(1.0);

    Random random = new Random(2);
    int[] x = new int[20_000];
    int[] y = new int[20_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(10);
      y[i] = random.nextInt(10);
    }
    assertThat(ClusterAgreement.nmi(x, y)).isLessThan(0.01);
  }
}

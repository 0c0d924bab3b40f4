package org.monosweep.trainer.methods.cluster;

import org.monosweep.trainer.data.TrainingImages;

/**
 * An epoch's training set for DeepCluster: image {@code i} is {@code base} image
 * {@code drawn[i]}, labelled with its cluster. A view; thread-safe as {@code base} is.
 */
final class PseudoLabelledImages implements TrainingImages {
  private final TrainingImages base;
  private final int[] drawn;
  private final int[] clusters;
  private final int k;

  /**
   * @param base the cell's images
   * @param drawn indices into {@code base}, see {@link ClusterSampling#uniform}
   * @param clusters the cluster of every {@code base} image
   * @param k the number of clusters
   */
  PseudoLabelledImages(TrainingImages base, int[] drawn, int[] clusters, int k) {
    this.base = base;
    this.drawn = drawn.clone();
    this.clusters = clusters.clone();
    this.k = k;
  }

  @Override
  public int size() {
    return drawn.length;
  }

  @Override
  public int side() {
    return base.side();
  }

  @Override
  public int classes() {
    return k;
  }

  @Override
  public boolean labelled() {
    return true;
  }

  @Override
  public void read(int[] indices, float[] out, int[] labelsOut) {
    int[] mapped = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      mapped[i] = drawn[indices[i]];
    }
    base.read(mapped, out, null);
    if (labelsOut != null) {
      for (int i = 0; i < indices.length; i++) {
        labelsOut[i] = clusters[mapped[i]];
      }
    }
  }
}

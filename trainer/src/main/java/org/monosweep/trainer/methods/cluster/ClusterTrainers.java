package org.monosweep.trainer.methods.cluster;

import org.monosweep.spec.ParamKeys;

import org.monosweep.trainer.train.MethodTrainer;

/** The clustering-based {@link MethodTrainer}s. */
public final class ClusterTrainers {
  private ClusterTrainers() {}

  /**
   * DeepCluster (Caron et al. 2018): every epoch clusters the whole training set's features
   * (global-average-pooled last conv map, inference mode) by PCA whitening, l2 normalisation
   * and k-means with {@link ParamKeys#CLUSTERS} clusters, then trains the encoder with a
   * freshly initialised linear head to predict each image's cluster, drawing images so that
   * every non-empty cluster is equally likely, under the method's native augmentation
   * ({@code RandomResizedCrop} with area 0.08 and flips). Works on unlabelled images.
   */
  public static MethodTrainer deepcluster() {
    return new DeepClusterTrainer();
  }
}

package org.monosweep.trainer.methods.cluster;

import org.monosweep.spec.ParamKey;

/**
 * The hyperparameters DeepCluster reads from a cell ({@code params} in a spec), besides the
 * optimiser keys of {@link org.monosweep.trainer.train.TrainingParams} that every classifier-
 * trained method shares. Defaults suit the small Fashion-MNIST/CIFAR cells; ImageNet-scale
 * specs set {@code k = 10000} as the paper does.
 */
public final class DeepClusterParams {
  private DeepClusterParams() {}

  /** {@code k}: the number of k-means clusters, the classes the network predicts; at most d. */
  public static final ParamKey<Integer> CLUSTERS = ParamKey.ofInt("k", 100);

  /**
   * {@code pca_dims}: the dimensions PCA whitening keeps before k-means (256 in the paper);
   * capped by the feature dimension (channels of the last conv), the image count and the
   * features' numerical rank.
   */
  public static final ParamKey<Integer> PCA_DIMS = ParamKey.ofInt("pca_dims", 256);

  /** {@code kmeans_iterations}: Lloyd iterations per clustering (20, DeepCluster's faiss setting). */
  public static final ParamKey<Integer> KMEANS_ITERATIONS = ParamKey.ofInt("kmeans_iterations", 20);
}

/**
 * Clustering-based self-supervision: DeepCluster. {@link
 * org.monosweep.trainer.methods.cluster.ClusterTrainers#deepcluster()} is the
 * {@link org.monosweep.trainer.train.MethodTrainer}; it reads {@link
 * org.monosweep.spec.ParamKeys} from the cell. Each epoch it pools
 * the encoder's features of every image, whitens them with a PCA fitted on the engine (the small
 * covariance decomposed by EJML's symmetric eigensolver), clusters them with k-means on the
 * engine, and trains on the cluster ids with images drawn uniformly over clusters.
 * {@link org.monosweep.trainer.methods.cluster.ClusterBench} measures its throughput.
 */
package org.monosweep.trainer.methods.cluster;

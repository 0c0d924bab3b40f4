/**
 * Small dense linear algebra that DJL 0.33 lacks: {@link org.monosweep.trainer.linalg.Pca}
 * (covariance accumulated on the engine, PCA and symmetric whitening) over EJML's symmetric
 * eigensolver, which {@code SymmetricEigen} sorts for it. DeepCluster whitens its features with
 * it; BiGAN whitens its encoder's starting codes.
 */
package org.monosweep.trainer.linalg;

package org.monosweep.trainer.model;

/** What follows each conv before its ReLU. */
public enum Normalization {
  /**
   * BatchNorm (momentum {@link EncoderArchitecture#BATCH_NORM_MOMENTUM}, epsilon
   * {@link EncoderArchitecture#BATCH_NORM_EPSILON}); folded into the conv before probing.
   */
  BATCH,
  /** Nothing; the conv has a bias instead (for a WGAN critic, where BatchNorm is not allowed). */
  NONE
}

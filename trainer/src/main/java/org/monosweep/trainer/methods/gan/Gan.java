package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What {@link GanLoop} needs of a GAN's networks whatever the method: them, for checkpoints, the
 * latent size, and samples for the mode-collapse check. {@link WganGp} and {@link BiGan} are the
 * two.
 */
interface Gan {
  /** The networks, for checkpoints. */
  Networks networks();

  /** Re-marks parameters as trainable after a checkpoint was loaded into {@link #networks()}. */
  void afterRestore();

  /** The latent size. */
  int zDim();

  /**
   * Generated images for the latent codes {@code z} ({@code (B, zDim)} on {@code manager}),
   * {@code (B, 3, S, S)}.
   */
  NDArray generate(NDManager manager, NDArray z);
}

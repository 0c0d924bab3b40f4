package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Random;

/**
 * One GAN as {@link GanLoop} drives it: a step per batch of real images, losses read every few
 * steps, per-epoch means, and samples for the mode-collapse check. All calls come from the
 * training thread with autograd paused.
 */
interface GanModel extends AutoCloseable {
  /** The networks, for checkpoints. */
  Networks networks();

  /** Called after a checkpoint was loaded into {@link #networks()}. */
  void afterRestore();

  /** The latent size. */
  int zDim();

  /**
   * One training step on {@code real} ({@code (B, 3, S, S)} on {@code step}).
   *
   * @param step the step's manager, closed after the call
   * @param index the global step number, from 1
   * @param noise where latent codes and other noise come from
   */
  void step(NDManager step, NDArray real, long index, Random noise);

  /**
   * Reads the waiting losses.
   *
   * @throws org.monosweep.trainer.train.CellFailure when one is not finite
   */
  void drain(int epoch, long firstStepOfEpoch);

  /**
   * The epoch's mean losses by metric name, the reported loss first under {@code loss}; resets
   * the sums.
   */
  Map<String, Double> endEpoch();

  /**
   * Generated images for the latent codes {@code z} ({@code (B, zDim)} on {@code manager}),
   * {@code (B, 3, S, S)}.
   */
  NDArray generate(NDManager manager, NDArray z);

  /** Closes the loss logs. */
  @Override
  void close();
}

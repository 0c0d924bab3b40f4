package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Random;
import org.monosweep.trainer.train.TrainingJob;

/**
 * One GAN as {@link GanLoop} drives it: a step per batch of real images, losses read every few
 * steps, per-epoch means, and samples for the mode-collapse check. All calls come from the
 * training thread with autograd paused.
 */
interface GanModel extends AutoCloseable {
  /** The GAN trained. */
  Gan gan();

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
   * Called once training has ended, before {@link #close}: what the method leaves in the job's
   * encoder beyond what training changed in place.
   */
  default void finish(TrainingJob job) {}

  /** Closes the loss logs. */
  @Override
  void close();
}

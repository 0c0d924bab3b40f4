package org.monosweep.trainer.train;

import org.monosweep.spec.Method;

/**
 * Trains an encoder by one method. Implementations add and own whatever else the method needs
 * (heads, generators, discriminators, cluster assignments), train the encoder of the
 * {@link TrainingJob} in place for the cell's budget, and close everything they created.
 *
 * <p>Contract:
 * <ul>
 *   <li>report each finished epoch through {@code job.context().progress()} with phase
 *       {@code train} (mean loss, images/s);
 *   <li>poll {@code job.context().cancelled()} between steps and throw
 *       {@code new CellFailure("interrupted", true, null)} when it is set;
 *   <li>throw a non-retryable {@link CellFailure} with reason
 *       {@code "diverged: loss NaN at epoch e step s"} (or {@code Inf}) when the loss stops being
 *       finite;
 *   <li>call {@code job.checkpoints()} after each epoch, and restore from it first;
 *   <li>be deterministic in everything Java decides (initialisation, data order, augmentation)
 *       given the cell's seed.
 * </ul>
 * A trainer is stateless between jobs and may be shared by cells that run one after another.
 */
public interface MethodTrainer {
  /** The method this trainer implements. */
  Method method();

  /**
   * Whether the trainer reads training images; when false, {@link TrainingJob#images()} is
   * null and the data source is not asked for them.
   */
  default boolean needsImages() {
    return true;
  }

  /**
   * Trains {@code job.encoder()} in place.
   *
   * @throws CellFailure on divergence, cancellation or unusable input
   */
  TrainingOutcome train(TrainingJob job);
}

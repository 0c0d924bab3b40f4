package org.monosweep.trainer.data;

import java.util.Iterator;
import java.util.concurrent.Executor;

/**
 * The batches of one epoch in order, prepared on worker threads ahead of the trainer: reading
 * (and, for augmented cells, expanding) the images and applying the method's native augmentation
 * happen off the training thread. At most {@code lookahead} batches are in preparation or waiting
 * at any time. The batches are deterministic: the order comes from {@link EpochPlan#order} and the
 * augmentation of batch b uses a {@link java.util.Random} seeded by {@link EpochPlan#batchSeed},
 * so the thread count changes nothing.
 *
 * <p>A worker's exception is rethrown by the {@link #next()} that would have returned its batch.
 * {@link #close()} drops the batches not yet taken and does not wait for those being prepared;
 * use try-with-resources. Not thread-safe: one consumer.
 */
public interface BatchPrefetcher extends Iterator<Batch>, AutoCloseable {

  /** The number of batches of the epoch. */
  int batchCount();

  /** Drops the batches not yet taken; {@link #next()} then fails. Idempotent. */
  @Override
  void close();

  /**
   * Starts preparing the first {@code lookahead} batches.
   *
   * @param images the images to batch
   * @param plan batch size, seed, epoch and whether to drop a short last batch
   * @param augmentation applied to each batch on the worker, {@link NativeAugmentation#none()}
   *     for none
   * @param executor runs the workers (a pool, not an actor dispatcher)
   * @param lookahead batches prepared ahead, at least 1 (see
   *     {@link DataSettings#prefetchBatches()})
   */
  static BatchPrefetcher create(TrainingImages images, EpochPlan plan,
      NativeAugmentation augmentation, Executor executor, int lookahead) {
    return new ThreadedBatchPrefetcher(images, plan, augmentation, executor, lookahead);
  }
}

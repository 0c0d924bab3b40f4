package org.monosweep.trainer.train;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How trainers prepare batches: a {@link org.monosweep.trainer.data.BatchPrefetcher} on
 * {@code executor} keeps up to {@code lookahead} batches in preparation (reading, expanding
 * augmented patches, native augmentation) while the engine trains on the current one.
 *
 * @param executor runs the preparation (a pool, never an actor dispatcher)
 * @param lookahead batches prepared ahead, at least 1
 */
public record DataLoading(Executor executor, int lookahead) {
  public DataLoading {
    Objects.requireNonNull(executor, "executor");
    if (lookahead < 1) {
      throw new IllegalArgumentException("lookahead must be >= 1, got " + lookahead);
    }
  }

  /** Batches prepared on the training thread when it asks for them: for tests. */
  public static DataLoading callerThread() {
    return new DataLoading(Runnable::run, 1);
  }
}

package org.monosweep.trainer.data;

import java.util.Random;

/**
 * How one epoch walks a {@link TrainingImages}: a shuffled order fixed by (seed, epoch), cut into
 * batches of {@code batchSize}.
 *
 * @param batchSize images per batch, at least 1
 * @param seed the cell's seed
 * @param epoch the epoch, from 0
 * @param dropLast whether a final batch smaller than {@code batchSize} is left out (BatchNorm
 *     misbehaves on a batch of one)
 */
public record EpochPlan(int batchSize, long seed, int epoch, boolean dropLast) {
  private static final long ORDER_SALT = 0x6f72646572L;
  private static final long AUGMENT_SALT = 0x6175676d656eL;

  public EpochPlan {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
    }
  }

  /**
   * The epoch's order of {@code [0, size)}: a Fisher-Yates shuffle by {@link java.util.Random},
   * whose sequence the JDK specifies, so the order is the same on every JVM.
   */
  public int[] order(int size) {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Random random = new Random(mix(seed ^ mix(epoch + ORDER_SALT)));
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** How many batches the epoch has over {@code size} images. */
  public int batchCount(int size) {
    return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
  }

  /** The seed of the native augmentation of batch {@code batch}: independent of threads. */
  public long batchSeed(int batch) {
    return mix(seed ^ mix(AUGMENT_SALT + ((long) epoch << 32) + batch));
  }

  /** The plan of the next epoch. */
  public EpochPlan next() {
    return new EpochPlan(batchSize, seed, epoch + 1, dropLast);
  }

  // SplitMix64's finaliser: nearby (seed, epoch, batch) give unrelated seeds.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

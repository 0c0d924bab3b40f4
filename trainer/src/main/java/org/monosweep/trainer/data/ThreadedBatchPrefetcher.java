package org.monosweep.trainer.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * {@link BatchPrefetcher} as a window of futures: each future prepares one batch on the executor,
 * and taking one submits the next, so workers run ahead by at most the window and batches come
 * out in order whatever order they finish in.
 */
final class ThreadedBatchPrefetcher implements BatchPrefetcher {
  private final TrainingImages images;
  private final EpochPlan plan;
  private final NativeAugmentation augmentation;
  private final Executor executor;
  private final int[] order;
  private final int batchCount;
  private final ArrayDeque<CompletableFuture<Batch>> window = new ArrayDeque<>();
  private int submitted;
  private int taken;
  private volatile boolean closed;

  ThreadedBatchPrefetcher(TrainingImages images, EpochPlan plan, NativeAugmentation augmentation,
      Executor executor, int lookahead) {
    this.images = Objects.requireNonNull(images, "images");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
    this.executor = Objects.requireNonNull(executor, "executor");
    if (lookahead < 1) {
      throw new IllegalArgumentException("lookahead must be >= 1, got " + lookahead);
    }
    this.order = plan.order(images.size());
    this.batchCount = plan.batchCount(images.size());
    while (submitted < batchCount && window.size() < lookahead) {
      submitNext();
    }
  }

  @Override
  public int batchCount() {
    return batchCount;
  }

  @Override
  public boolean hasNext() {
    return !closed && taken < batchCount;
  }

  @Override
  public Batch next() {
    if (closed) {
      throw new IllegalStateException("the prefetcher is closed");
    }
    if (taken >= batchCount) {
      throw new NoSuchElementException("all " + batchCount + " batches of the epoch were taken");
    }
    CompletableFuture<Batch> head = window.poll();
    taken++;
    // Refill before waiting, so that the workers stay busy while the trainer waits on this one.
    if (submitted < batchCount) {
      submitNext();
    }
    try {
      return head.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    closed = true;
    // A cancelled future whose task has not started never runs it.
    window.forEach(f -> f.cancel(false));
    window.clear();
  }

  private void submitNext() {
    int batch = submitted++;
    window.add(CompletableFuture.supplyAsync(() -> prepare(batch), executor));
  }

  private Batch prepare(int batch) {
    if (closed) {
      throw new CancellationException("prefetcher closed");
    }
    int from = batch * plan.batchSize();
    int to = Math.min(order.length, from + plan.batchSize());
    int[] indices = Arrays.copyOfRange(order, from, to);
    int side = images.side();
    float[] pixels = new float[indices.length * 3 * side * side];
    int[] labels = new int[indices.length];
    Arrays.fill(labels, -1);
    images.read(indices, pixels, images.labelled() ? labels : null);
    augmentation.apply(pixels, indices.length, side, new Random(plan.batchSeed(batch)));
    return new Batch(batch, indices, pixels, labels);
  }
}

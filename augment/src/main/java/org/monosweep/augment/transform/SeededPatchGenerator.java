package org.monosweep.augment.transform;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link PatchGenerator} seeding one {@link SplittableRandom} per patch from a bijective mix of
 * (seed, index). Parallel fills hand out small contiguous chunks from a shared counter, so a slow
 * thread never holds up the batch; which thread renders a patch cannot change its bytes.
 */
final class SeededPatchGenerator implements PatchGenerator {

  /** Patches per claimed chunk: large enough to amortise the counter, small enough to balance. */
  private static final int MAX_CHUNK = 16;

  private final List<SourceImage> sources;
  private final PatchSampler sampler;
  private final long seedHash;

  SeededPatchGenerator(List<SourceImage> sources, PatchSampler sampler, long seed) {
    this.sources = List.copyOf(sources);
    if (this.sources.isEmpty()) {
      throw new IllegalArgumentException("at least one source image is needed");
    }
    this.sampler = Objects.requireNonNull(sampler, "sampler");
    this.seedHash = mix64(seed);
  }

  @Override
  public PatchSampler sampler() {
    return sampler;
  }

  @Override
  public int patchLength() {
    return sampler.patchLength();
  }

  @Override
  public PatchParameters parameters(long index) {
    return sampler.sampleParameters(source(index), random(index));
  }

  @Override
  public PatchParameters patch(long index, float[] out, int offset) {
    SourceImage source = source(index);
    PatchParameters parameters = sampler.sampleParameters(source, random(index));
    sampler.render(source, parameters, out, offset);
    return parameters;
  }

  @Override
  public void fill(long fromIndex, int count, float[] out, Executor executor, int parallelism) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(executor, "executor");
    if (fromIndex < 0 || count < 0 || parallelism < 1) {
      throw new IllegalArgumentException("need fromIndex >= 0, count >= 0, parallelism >= 1, got "
          + fromIndex + ", " + count + ", " + parallelism);
    }
    int length = patchLength();
    if ((long) count * length > out.length) {
      throw new IllegalArgumentException("out holds " + out.length + " floats, "
          + count + " patches need " + (long) count * length);
    }
    int tasks = Math.min(parallelism, count);
    if (tasks <= 1) {
      render(fromIndex, 0, count, out);
      return;
    }
    int chunk = Math.max(1, Math.min(MAX_CHUNK, count / (4 * tasks)));
    AtomicInteger next = new AtomicInteger();
    CompletableFuture<?>[] running = new CompletableFuture<?>[tasks];
    for (int t = 0; t < tasks; t++) {
      running[t] = CompletableFuture.runAsync(() -> drain(fromIndex, count, chunk, next, out),
          executor);
    }
    try {
      CompletableFuture.allOf(running).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }

  private void drain(long fromIndex, int count, int chunk, AtomicInteger next, float[] out) {
    for (int start = next.getAndAdd(chunk); start < count; start = next.getAndAdd(chunk)) {
      render(fromIndex, start, Math.min(count, start + chunk), out);
    }
  }

  private void render(long fromIndex, int start, int end, float[] out) {
    int length = patchLength();
    for (int k = start; k < end; k++) {
      patch(fromIndex + k, out, k * length);
    }
  }

  private SourceImage source(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("patch index must be at least 0, got " + index);
    }
    return sources.get((int) (index % sources.size()));
  }

  private SplittableRandom random(long index) {
    // Odd multiplier: distinct indices give distinct seeds for a fixed dataset seed.
    return new SplittableRandom(mix64(seedHash + index * 0x9E3779B97F4A7C15L));
  }

  /** Stafford's variant 13 finaliser (the one SplittableRandom uses): a 64-bit bijection. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

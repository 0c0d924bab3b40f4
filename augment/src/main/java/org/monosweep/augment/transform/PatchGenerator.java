package org.monosweep.augment.transform;

import java.util.List;
import java.util.concurrent.Executor;

/**
 * The augmented patches of a dataset as a pure function of (sources, settings, seed, index).
 *
 * <p>Patch {@code i} is drawn from source {@code i mod N} with a random generator seeded from
 * {@code (seed, i)} alone, so it has the same bytes whatever thread renders it, in whatever order,
 * on whatever JVM; any slice of a dataset can be generated independently. Instances are immutable
 * and thread-safe.
 */
public interface PatchGenerator {

  /**
   * The version of the rendering: raised whenever a change to parameter sampling or rendering
   * alters any bit of any patch, so that content-addressed stores of rendered patches (they put
   * it in their keys) never serve patches of an older version.
   */
  int RENDER_VERSION = 1;

  /**
   * @param sources the N source images, at least one (copied)
   * @param settings the protocol's parameters and enabled subset
   * @param seed the dataset's seed
   * @return the generator
   */
  static PatchGenerator create(List<SourceImage> sources, AugmentationSettings settings,
      long seed) {
    return new SeededPatchGenerator(sources, PatchSampler.create(settings), seed);
  }

  /** @return the sampler that draws and renders each patch */
  PatchSampler sampler();

  /** @return the number of floats one patch occupies, {@code 3 * S * S} */
  int patchLength();

  /**
   * The parameters of patch {@code index}, without rendering it.
   *
   * @param index the patch index, at least 0
   * @return its parameters
   */
  PatchParameters parameters(long index);

  /**
   * Renders patch {@code index}.
   *
   * @param index the patch index, at least 0
   * @param out the destination
   * @param offset where the patch's {@link #patchLength()} floats start
   * @return the patch's parameters
   */
  PatchParameters patch(long index, float[] out, int offset);

  /**
   * Renders patches {@code fromIndex .. fromIndex + count - 1} into {@code out}, patch k of the
   * batch at {@code k * patchLength()}, using up to {@code parallelism} tasks on {@code executor}
   * and waiting for all of them. The result does not depend on {@code parallelism} or on
   * scheduling. A direct executor ({@code Runnable::run}) renders on the calling thread.
   *
   * @param fromIndex the first patch index, at least 0
   * @param count the number of patches, at least 0
   * @param out the destination, at least {@code count * patchLength()} floats
   * @param executor where the rendering tasks run
   * @param parallelism the number of tasks to split the batch into, at least 1
   */
  void fill(long fromIndex, int count, float[] out, Executor executor, int parallelism);
}

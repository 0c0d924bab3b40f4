package org.monosweep.trainer.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The node's data settings, read once from the {@code monosweep.gpu-node.data} section.
 *
 * @param parallelism how many tasks render a cell's augmented patches at once
 * @param prefetchBatches how many batches {@link BatchPrefetcher} prepares ahead of the trainer
 * @param materialiseLimitBytes a cell's augmented patches are rendered once into memory when
 *     they fit in this many bytes (one byte per pixel and channel), else re-rendered on every
 *     read; the images are the same either way
 * @param patchCache whether materialised patches are also stored in, and read back from, the
 *     node's content-addressed patch cache (see {@link CellImages}), so that cells and attempts
 *     that need the same patches render them once
 */
public record DataSettings(int parallelism, int prefetchBatches, long materialiseLimitBytes,
    boolean patchCache) {

  /** The section {@link #create(Config)} reads. */
  public static final String SECTION = "monosweep.gpu-node.data";

  // The same defaults belong in gpu-node's reference.conf; kept here too so that a node whose
  // configuration lacks the section still starts.
  private static final Config DEFAULTS = ConfigFactory.parseString(
      "parallelism = 2\nprefetch-batches = 4\nmaterialise-limit = 1 GiB\npatch-cache = on\n");

  public DataSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException(SECTION + ".parallelism must be >= 1, got " + parallelism);
    }
    if (prefetchBatches < 1) {
      throw new IllegalArgumentException(
          SECTION + ".prefetch-batches must be >= 1, got " + prefetchBatches);
    }
    if (materialiseLimitBytes < 0) {
      throw new IllegalArgumentException(
          SECTION + ".materialise-limit must be >= 0, got " + materialiseLimitBytes);
    }
  }

  /** Settings with the patch cache on. */
  public DataSettings(int parallelism, int prefetchBatches, long materialiseLimitBytes) {
    this(parallelism, prefetchBatches, materialiseLimitBytes, true);
  }

  /** @return a copy with the patch cache switched on or off */
  public DataSettings withPatchCache(boolean on) {
    return new DataSettings(parallelism, prefetchBatches, materialiseLimitBytes, on);
  }

  /** Two render tasks, four batches ahead, materialise up to 1 GiB, patch cache on. */
  public static DataSettings defaults() {
    return create(ConfigFactory.empty());
  }

  /** Reads {@value #SECTION} from the node's configuration, defaults filling missing keys. */
  public static DataSettings create(Config config) {
    Config section = (config.hasPath(SECTION) ? config.getConfig(SECTION) : ConfigFactory.empty())
        .withFallback(DEFAULTS);
    return new DataSettings(section.getInt("parallelism"), section.getInt("prefetch-batches"),
        section.getBytes("materialise-limit"), section.getBoolean("patch-cache"));
  }
}

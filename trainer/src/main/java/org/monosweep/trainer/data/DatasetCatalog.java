package org.monosweep.trainer.data;

import org.monosweep.spec.DatasetRef;

/**
 * The labelled datasets of one node, each (dataset, split, limit) read from disk once and then
 * shared by every cell that asks for it. Thread-safe: concurrent requests for the same split wait
 * for a single read. A failed read is not remembered, so a retry after installing the data
 * succeeds. There is no global instance: whoever builds the node's runner creates one with
 * {@link #create()} and passes it on.
 *
 * <p>Images are kept compactly (one byte per pixel, one channel for grayscale data: 61 MB for the
 * Fashion-MNIST training split, 154 MB for CIFAR-10's) and expanded to floats when read. They are
 * never evicted; a node holds the few datasets its sweeps name.
 */
public interface DatasetCatalog {

  /**
   * A split as shared, compact, labelled {@link TrainingImages} of side 32: the probe splits and
   * the real training split for full-N and supervised cells. Prefer it to {@link #labelled} for
   * large splits.
   *
   * @param dataset the layout and folder; an empty path means the kind's default path
   * @param split which split
   * @param limit read only the first {@code limit} images; 0 for all
   * @throws DatasetException when a file is missing, truncated or corrupt, naming the file and
   *     how to fix it
   */
  TrainingImages images(DatasetRef dataset, Split split, int limit);

  /**
   * A split expanded to an in-memory float {@link LabelledImages}, freshly allocated per call
   * (12 KB per image): meant for limited probe splits.
   *
   * @see #images(DatasetRef, Split, int)
   */
  LabelledImages labelled(DatasetRef dataset, Split split, int limit);

  /** A new, empty catalog reading the on-disk layouts of {@link org.monosweep.spec.DatasetKind}. */
  static DatasetCatalog create() {
    return new CachingDatasetCatalog(DatasetReader::forKind);
  }
}

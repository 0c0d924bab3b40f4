package org.monosweep.trainer.data;

import java.nio.file.Path;
import org.monosweep.spec.DatasetKind;

/** Reads one split of a labelled dataset from its folder into compact 32 x 32 images. */
interface DatasetReader {

  /** The side every reader produces: the CIFAR size, to which MNIST-like data is padded. */
  int SIDE = 32;

  /**
   * Reads the first {@code limit} images of {@code split} (all when {@code limit} is 0).
   *
   * @throws DatasetException when a file is missing, truncated or corrupt
   */
  CompactImages read(Path folder, Split split, int limit);

  /** The reader for a dataset layout. */
  static DatasetReader forKind(DatasetKind kind) {
    switch (kind) {
      case FASHION_MNIST:
      case MNIST:
        return new IdxReader(kind);
      case CIFAR10:
        return CifarReader.cifar10();
      case CIFAR100:
        return CifarReader.cifar100();
      case IMAGE_FOLDER:
        return new ImageFolderReader();
      default:
        throw new IllegalArgumentException("no reader for dataset kind " + kind);
    }
  }
}

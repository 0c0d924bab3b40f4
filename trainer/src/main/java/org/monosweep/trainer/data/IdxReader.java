package org.monosweep.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.monosweep.spec.DatasetKind;

/**
 * MNIST and Fashion-MNIST in the IDX format, gzipped or plain: {@code train-} and {@code t10k-}
 * {@code images-idx3-ubyte} and {@code labels-idx1-ubyte}. The 28 x 28 images are centred in a
 * 32 x 32 frame padded with 0, the black background of both datasets, which reads as -1; they are
 * kept as one channel and replicated to three when read.
 */
final class IdxReader implements DatasetReader {
  static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
      "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
  static final List<String> DIGIT_CLASSES =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private final DatasetKind kind;

  IdxReader(DatasetKind kind) {
    if (kind != DatasetKind.FASHION_MNIST && kind != DatasetKind.MNIST) {
      throw new IllegalArgumentException("IDX reader reads MNIST and Fashion-MNIST, not " + kind);
    }
    this.kind = kind;
  }

  @Override
  public CompactImages read(Path folder, Split split, int limit) {
    String prefix = split == Split.TRAIN ? "train" : "t10k";
    String fix = fix(folder);
    Path imagesFile = locate(folder, prefix + "-images-idx3-ubyte");
    Path labelsFile = locate(folder, prefix + "-labels-idx1-ubyte");
    BinaryFile.requireFile(imagesFile, fix);
    BinaryFile.requireFile(labelsFile, fix);
    List<String> classes = kind == DatasetKind.FASHION_MNIST ? FASHION_CLASSES : DIGIT_CLASSES;

    try (IdxImageFile images = IdxImageFile.open(imagesFile, SIDE, fix);
        IdxLabelFile labels = IdxLabelFile.open(labelsFile, imagesFile, images.count(), fix)) {
      int n = limit > 0 ? Math.min(limit, images.count()) : images.count();
      CompactImages framed = images.read(n);
      int[] labelArray = labels.read(n);
      for (int i = 0; i < n; i++) {
        if (labelArray[i] >= classes.size()) {
          throw BinaryFile.corrupt(labelsFile, "is corrupt: label " + labelArray[i] + " of image "
              + i + " is outside 0.." + (classes.size() - 1), fix, null);
        }
      }
      return framed.withLabels(labelArray, classes);
    }
  }

  /** The gzipped file when present, else the plain one, else the gzipped name (reported missing). */
  private static Path locate(Path folder, String base) {
    Path gz = folder.resolve(base + ".gz");
    if (Files.exists(gz)) {
      return gz;
    }
    Path plain = folder.resolve(base);
    return Files.exists(plain) ? plain : gz;
  }

  private String fix(Path folder) {
    String files = "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
        + "t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz (gzipped or not)";
    if (kind == DatasetKind.FASHION_MNIST) {
      return "install it with: apt-get install dataset-fashion-mnist (or, if it is installed, "
          + "apt-get install --reinstall dataset-fashion-mnist); the package puts the IDX files in "
          + DatasetKind.FASHION_MNIST.defaultPath() + "; a spec whose dataset path is " + folder
          + " needs " + files + " there";
    }
    return "download the MNIST IDX files " + files + " into " + folder;
  }
}

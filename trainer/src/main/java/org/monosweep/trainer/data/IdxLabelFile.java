package org.monosweep.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An IDX label file (unsigned bytes, one per image), gzipped or plain, checked against the image
 * file it labels when opened: the one IDX label parser.
 */
final class IdxLabelFile implements AutoCloseable {
  static final int MAGIC = 0x00000801;

  private final BinaryFile in;
  private final int count;

  private IdxLabelFile(BinaryFile in, int count) {
    this.in = in;
    this.count = count;
  }

  /**
   * The label file beside an image file named {@code *images-idx3-ubyte[.gz]}, gzipped or plain,
   * when there is one.
   */
  static Optional<Path> beside(Path imagesFile) {
    String name = imagesFile.getFileName().toString();
    if (!name.contains("images-idx3-ubyte")) {
      return Optional.empty();
    }
    String base = name.replace("images-idx3-ubyte", "labels-idx1-ubyte").replace(".gz", "");
    Path gz = imagesFile.resolveSibling(base + ".gz");
    if (Files.isRegularFile(gz)) {
      return Optional.of(gz);
    }
    Path plain = imagesFile.resolveSibling(base);
    return Files.isRegularFile(plain) ? Optional.of(plain) : Optional.empty();
  }

  /**
   * Opens {@code file} and checks that it labels the {@code imageCount} images of
   * {@code imagesFile}.
   *
   * @param fix how to get a good copy, appended to every error
   * @throws DatasetException when the file is missing, not IDX labels, or holds another count
   */
  static IdxLabelFile open(Path file, Path imagesFile, int imageCount, String fix) {
    BinaryFile in = BinaryFile.open(file, fix);
    try {
      in.requireMagic(MAGIC, "an IDX label file");
      int count = in.readInt();
      if (count != imageCount) {
        throw BinaryFile.corrupt(file, "holds " + count + " labels but "
            + imagesFile.getFileName() + " holds " + imageCount + " images", fix, null);
      }
      in.expect(8L + count, "8-byte header + " + count + " labels");
      return new IdxLabelFile(in, count);
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Reads the first {@code n} labels; checks that nothing follows the last label when {@code n}
   * is all of them.
   *
   * @throws DatasetException when the file is truncated or longer than its header says
   */
  int[] read(int n) {
    byte[] raw = new byte[n];
    in.readFully(raw, 0, n);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = raw[i] & 0xFF;
    }
    if (n == count) {
      in.requireEnd();
    }
    return labels;
  }

  @Override
  public void close() {
    in.close();
  }
}

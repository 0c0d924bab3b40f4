package org.monosweep.trainer.data;

import java.nio.file.Path;
import java.util.List;

/**
 * An IDX image file (unsigned bytes, N x rows x cols), gzipped or plain, read image by image onto
 * a black square frame: the one IDX image parser, used by the MNIST readers (frame 32) and by
 * {@link ImageFiles#idx} for files given by path. The header is checked when the file is opened.
 */
final class IdxImageFile implements AutoCloseable {
  static final int MAGIC = 0x00000803;

  private final BinaryFile in;
  private final int frame;
  private final int count;
  private final int rows;
  private final int cols;

  private IdxImageFile(BinaryFile in, int frame, int count, int rows, int cols) {
    this.in = in;
    this.frame = frame;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * Opens {@code file} and checks its header.
   *
   * @param frame the side of the square frame the images are centred on
   * @param fix how to get a good copy, appended to every error
   * @throws DatasetException when the file is missing, not IDX images, or its images are larger
   *     than the frame
   */
  static IdxImageFile open(Path file, int frame, String fix) {
    BinaryFile in = BinaryFile.open(file, fix);
    try {
      in.requireMagic(MAGIC, "an IDX image file");
      int count = in.readInt();
      int rows = in.readInt();
      int cols = in.readInt();
      if (count < 0 || rows < 1 || cols < 1) {
        throw BinaryFile.corrupt(file, "has an implausible header: " + count + " images of "
            + rows + " x " + cols, fix, null);
      }
      if (rows > frame || cols > frame) {
        throw BinaryFile.corrupt(file, "holds " + rows + " x " + cols + " images, but IDX images"
            + " are framed at " + frame + " x " + frame + " (smaller ones are centred on a black"
            + " frame, as in training; larger ones are not resized)", fix, null);
      }
      in.expect(16L + (long) count * rows * cols,
          "16-byte header + " + count + " images of " + rows + " x " + cols);
      return new IdxImageFile(in, frame, count, rows, cols);
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** The number of images the header declares. */
  int count() {
    return count;
  }

  /**
   * Reads the first {@code n} images, each centred on a black {@code frame x frame} plane, as
   * unlabelled one-channel images that remember where the original lies; checks that nothing
   * follows the last image when {@code n} is all of them.
   *
   * @throws DatasetException when the file is truncated or longer than its header says
   */
  CompactImages read(int n) {
    int top = (frame - rows) / 2;
    int left = (frame - cols) / 2;
    int plane = frame * frame;
    // The array starts zeroed: the padding is already the black background.
    byte[] pixels = new byte[Math.multiplyExact(n, plane)];
    byte[] image = new byte[rows * cols];
    for (int i = 0; i < n; i++) {
      in.readFully(image, 0, image.length);
      for (int y = 0; y < rows; y++) {
        System.arraycopy(image, y * cols, pixels, i * plane + (top + y) * frame + left, cols);
      }
    }
    if (n == count) {
      in.requireEnd();
    }
    return new CompactImages(pixels, n, 1, frame, null, List.of(),
        new CompactImages.Region(left, top, cols, rows));
  }

  @Override
  public void close() {
    in.close();
  }
}

package org.monosweep.onnx.embed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.monosweep.trainer.data.PlaneResize;

/**
 * An IDX image file (unsigned bytes, N x rows x cols) and its label file when present. Images are
 * prepared as training prepared them: centred on a black frame of the stored side (32), then,
 * for a model that takes larger inputs, resized bilinearly to its side ({@link PlaneResize}).
 */
final class IdxImages implements ImageSource {
  private static final int IMAGES_MAGIC = 0x00000803;
  private static final int LABELS_MAGIC = 0x00000801;

  private final byte[] pixels;
  private final int count;
  private final int rows;
  private final int cols;
  private final int side;
  private final int frame;
  private final PlaneResize resize;
  private final int[] labels;

  private IdxImages(byte[] pixels, int count, int rows, int cols, int side, int[] labels) {
    this.pixels = pixels;
    this.count = count;
    this.rows = rows;
    this.cols = cols;
    this.side = side;
    this.frame = frameSide(side);
    this.resize = frame == side ? null : new PlaneResize(frame, side);
    this.labels = labels;
  }

  // the training data readers frame MNIST-like images at 32 pixels and resize those frames
  private static int frameSide(int side) {
    return Math.min(side, PlaneResize.STORED_SIDE);
  }

  static IdxImages open(Path file, int side) throws IOException {
    byte[] bytes = readMaybeGzipped(file);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < 16 || in.getInt(0) != IMAGES_MAGIC) {
      throw new IllegalArgumentException(file + " is neither a folder of images nor an IDX image"
          + " file (expected magic number 0x00000803 of unsigned-byte N x rows x cols images,"
          + " as in t10k-images-idx3-ubyte.gz)");
    }
    int count = in.getInt(4);
    int rows = in.getInt(8);
    int cols = in.getInt(12);
    if (count < 0 || rows < 1 || cols < 1 || 16L + (long) count * rows * cols != bytes.length) {
      throw new IllegalArgumentException(file + " is a corrupt IDX image file: its header says "
          + count + " images of " + rows + " x " + cols + " but it holds " + (bytes.length - 16)
          + " pixel bytes");
    }
    int frame = frameSide(side);
    if (rows > frame || cols > frame) {
      throw new IllegalArgumentException(file + " holds " + rows + " x " + cols + " images, but"
          + " IDX images are framed at " + frame + " x " + frame + " for this model (smaller ones"
          + " are centred on a black frame, as in training; larger ones are not resized)");
    }
    byte[] pixels = new byte[count * rows * cols];
    System.arraycopy(bytes, 16, pixels, 0, pixels.length);
    return new IdxImages(pixels, count, rows, cols, side, readLabels(file, count));
  }

  /** The labels beside an images file, or null when there is no such file. */
  private static int[] readLabels(Path imagesFile, int count) throws IOException {
    String name = imagesFile.getFileName().toString();
    if (!name.contains("images-idx3-ubyte")) {
      return null;
    }
    String base = name.replace("images-idx3-ubyte", "labels-idx1-ubyte").replace(".gz", "");
    Path labelsFile = null;
    for (String candidate : List.of(base + ".gz", base)) {
      Path path = imagesFile.resolveSibling(candidate);
      if (Files.isRegularFile(path)) {
        labelsFile = path;
        break;
      }
    }
    if (labelsFile == null) {
      return null;
    }
    byte[] bytes = readMaybeGzipped(labelsFile);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (bytes.length < 8 || in.getInt(0) != LABELS_MAGIC) {
      throw new IllegalArgumentException(labelsFile + " is not an IDX label file (expected magic"
          + " number 0x00000801)");
    }
    int labelCount = in.getInt(4);
    if (labelCount != count || bytes.length != 8 + count) {
      throw new IllegalArgumentException(labelsFile + " holds " + labelCount + " labels ("
          + (bytes.length - 8) + " bytes) but " + imagesFile.getFileName() + " holds " + count
          + " images");
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = bytes[8 + i] & 0xFF;
    }
    return labels;
  }

  private static byte[] readMaybeGzipped(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      if (b0 == 0x1f && b1 == 0x8b) {
        try (InputStream gz = new GZIPInputStream(raw, 1 << 16)) {
          return gz.readAllBytes();
        } catch (java.util.zip.ZipException e) {
          throw new IllegalArgumentException(file + " is a corrupt gzip file: " + e.getMessage(),
              e);
        }
      }
      return raw.readAllBytes();
    }
  }

  @Override
  public int size() {
    return count;
  }

  @Override
  public int side() {
    return side;
  }

  @Override
  public boolean labelled() {
    return labels != null;
  }

  @Override
  public int[] labels() {
    return labels == null ? new int[0] : labels.clone();
  }

  @Override
  public List<String> classNames() {
    return List.of();
  }

  @Override
  public String name(int index) {
    return "idx:" + index;
  }

  @Override
  public void read(int from, int n, float[] out) {
    if (from < 0 || n < 0 || from + n > count) {
      throw new IndexOutOfBoundsException("images " + from + ".." + (from + n - 1) + " of "
          + count);
    }
    int plane = side * side;
    float[] framed = resize == null ? null : new float[frame * frame];
    for (int k = 0; k < n; k++) {
      int base = k * 3 * plane;
      if (resize == null) {
        frame(from + k, out, base);
      } else {
        frame(from + k, framed, 0);
        resize.apply(framed, 0, out, base);
      }
      // Grayscale: the same plane in all three channels.
      System.arraycopy(out, base, out, base + plane, plane);
      System.arraycopy(out, base, out, base + 2 * plane, plane);
    }
  }

  /** Writes image {@code index} centred on a black {@code frame x frame} plane at {@code at}. */
  private void frame(int index, float[] out, int at) {
    int top = (frame - rows) / 2;
    int left = (frame - cols) / 2;
    int image = index * rows * cols;
    java.util.Arrays.fill(out, at, at + frame * frame, Pixels.of(0));
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        out[at + (top + y) * frame + left + x] = Pixels.of(pixels[image + y * cols + x] & 0xFF);
      }
    }
  }
}

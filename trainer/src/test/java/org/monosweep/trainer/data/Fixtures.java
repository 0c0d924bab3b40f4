package org.monosweep.trainer.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;

/** Tiny dataset files written by tests, in the real on-disk layouts. */
final class Fixtures {
  private Fixtures() {}

  /** Pixel value of byte j of image i in the synthetic IDX and CIFAR sets (planes differ). */
  static int pixel(int image, int j) {
    return (image * 37 + j * 11 + (j >> 10) * 85) & 0xFF;
  }

  /** An IDX image file of {@code count} images of rows x cols with {@link #pixel} values. */
  static byte[] idxImages(int count, int rows, int cols) {
    ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
    b.putInt(IdxImageFile.MAGIC).putInt(count).putInt(rows).putInt(cols);
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < rows * cols; j++) {
        b.put((byte) pixel(i, j));
      }
    }
    return b.array();
  }

  /** An IDX label file with labels {@code i % 10}. */
  static byte[] idxLabels(int count) {
    ByteBuffer b = ByteBuffer.allocate(8 + count);
    b.putInt(IdxLabelFile.MAGIC).putInt(count);
    for (int i = 0; i < count; i++) {
      b.put((byte) (i % 10));
    }
    return b.array();
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static void write(Path file, byte[] data) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A full IDX dataset (both splits, gzipped) of 28 x 28 images. */
  static Path idxDataset(Path dir, int trainCount, int testCount) {
    write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idxImages(trainCount, 28, 28)));
    write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idxLabels(trainCount)));
    write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(idxImages(testCount, 28, 28)));
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idxLabels(testCount)));
    return dir;
  }

  /**
   * CIFAR records: label bytes then 3072 pixels; record r of the file is image {@code first + r}
   * with fine label {@code (first + r) % classes} and, for CIFAR-100, coarse label 7.
   */
  static byte[] cifarRecords(int first, int count, int labelBytes, int classes) {
    ByteBuffer b = ByteBuffer.allocate(count * (labelBytes + 3072));
    for (int r = 0; r < count; r++) {
      int image = first + r;
      if (labelBytes == 2) {
        b.put((byte) 7);
      }
      b.put((byte) (image % classes));
      for (int j = 0; j < 3072; j++) {
        b.put((byte) pixel(image, j));
      }
    }
    return b.array();
  }

  /** CIFAR-10 with {@code perBatch} images in each of the five training batches. */
  static Path cifar10(Path dir, int perBatch, int testCount) {
    for (int f = 0; f < 5; f++) {
      write(dir.resolve("data_batch_" + (f + 1) + ".bin"),
          cifarRecords(f * perBatch, perBatch, 1, 10));
    }
    write(dir.resolve("test_batch.bin"), cifarRecords(1000, testCount, 1, 10));
    return dir;
  }

  static BufferedImage solid(int width, int height, int rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  static void png(Path file, BufferedImage image) {
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Cell cell(Method method, SampleSize n, AugmentationSubset augmentation, long seed,
      DatasetKind kind, Path dataset, String source, int d) {
    return Cell.of(method, n, augmentation, seed, new DatasetRef(kind, dataset.toString()), source,
        EncoderKind.SMALL4, new TrainBudget(1, d, 16),
        new ProbeSettings(1, 0.01, List.of(), 5, 0.9, 5e-4, 16, 0, 0), Hyperparameters.EMPTY);
  }

  /** The floats of every image of {@code images}, in index order. */
  static float[] readAll(TrainingImages images) {
    int[] all = new int[images.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    float[] out = new float[all.length * 3 * images.side() * images.side()];
    images.read(all, out, images.labelled() ? new int[all.length] : null);
    return out;
  }

  static float scaled(int v) {
    return (float) (v / 127.5 - 1.0);
  }
}

package org.monosweep.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.monosweep.trainer.data.LabelledImages;

/** Small synthetic image sets (3 x 32 x 32 in (-1, 1)) whose content a network must learn. */
public final class SyntheticImages {
  private SyntheticImages() {}

  /**
   * Oriented gratings: class k is a sine grating at {@code k * 180 / classes} degrees with a
   * random phase, period and contrast, plus Gaussian noise of std {@code noise}. Grayscale
   * replicated to 3 channels, like Fashion-MNIST. Labels cycle, so every class is balanced.
   */
  public static LabelledImages gratings(int count, int classes, double noise, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[count * 3 * 32 * 32];
    int[] labels = new int[count];
    for (int n = 0; n < count; n++) {
      int label = n % classes;
      labels[n] = label;
      double angle = Math.PI * label / classes;
      double period = 5 + 3 * random.nextDouble();
      double phase = 2 * Math.PI * random.nextDouble();
      double contrast = 0.5 + 0.3 * random.nextDouble();
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          double v = contrast * Math.sin(2 * Math.PI * (x * cos + y * sin) / period + phase)
              + noise * random.nextGaussian();
          fill(pixels, n, y, x, v);
        }
      }
    }
    return new LabelledImages(pixels, labels, 32, names(classes));
  }

  /**
   * Scenes with an "up": bright at the top fading to dark at the bottom, with a few random
   * blobs and noise. Rotating one by 90 degrees visibly changes it, so RotNet can learn the
   * rotation. Labels are all 0 (one class named "scene").
   */
  public static LabelledImages scenes(int count, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[count * 3 * 32 * 32];
    for (int n = 0; n < count; n++) {
      double[][] blobs = new double[3][];
      for (int b = 0; b < blobs.length; b++) {
        blobs[b] = new double[] {random.nextDouble() * 32, random.nextDouble() * 32,
            2 + 4 * random.nextDouble(), random.nextDouble() - 0.5};
      }
      double slope = 1.0 + 0.4 * random.nextDouble();
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          double v = slope * (0.5 - y / 31.0) + 0.1 * random.nextGaussian();
          for (double[] blob : blobs) {
            double dx = x - blob[0];
            double dy = y - blob[1];
            v += blob[3] * Math.exp(-(dx * dx + dy * dy) / (2 * blob[2] * blob[2]));
          }
          fill(pixels, n, y, x, v);
        }
      }
    }
    return new LabelledImages(pixels, new int[count], 32, List.of("scene", "other"));
  }

  private static void fill(float[] pixels, int n, int y, int x, double v) {
    float clamped = (float) Math.max(-0.999, Math.min(0.999, v));
    int base = n * 3 * 1024 + y * 32 + x;
    pixels[base] = clamped;
    pixels[base + 1024] = clamped;
    pixels[base + 2048] = clamped;
  }

  private static List<String> names(int classes) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("class" + c);
    }
    return names;
  }
}

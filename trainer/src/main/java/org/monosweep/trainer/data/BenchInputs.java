package org.monosweep.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The benchmarks' input: synthetic images, whose content does not change the speed. */
public final class BenchInputs {
  private BenchInputs() {}

  /** Random 32x32 images in (-1, 1) with random labels of 10 classes. */
  public static LabelledImages synthetic(int count, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[count * 3 * 32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat() * 2 - 1;
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = random.nextInt(10);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      names.add("class" + c);
    }
    return new LabelledImages(pixels, labels, 32, names);
  }
}
